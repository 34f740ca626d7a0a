/** The official nbformat v4 JSON schemas, one per minor version, kept in the repository (README.md here says whence). */

import { join } from 'node:path';
import { packageRoot } from '../../../../host/paths.ts';

/** The schema of nbformat 4.`minor` (0 to 5), in the source tree, whichever test bundle asks. */
export function nbformatSchemaPath(minor: number): string {
  return join(packageRoot(), 'tests', 'common', 'notebook', 'nbformat', `nbformat.v4.${minor}.schema.json`);
}
