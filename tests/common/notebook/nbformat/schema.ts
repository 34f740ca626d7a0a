/** The official nbformat v4 JSON schemas, one per minor version, kept in the repository (README.md here says whence). */

import { join } from 'node:path';

// Test bundles run from out/tests/…; the schemas stay in the source tree.
const folder = join(__dirname, '..', '..', '..', '..', 'tests', 'common', 'notebook', 'nbformat');

/** The schema of nbformat 4.`minor` (0 to 5). */
export function nbformatSchemaPath(minor: number): string {
  return join(folder, `nbformat.v4.${minor}.schema.json`);
}
