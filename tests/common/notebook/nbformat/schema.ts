/** The official nbformat v4 JSON schema, kept in the repository (README.md here says whence). */

import { join } from 'node:path';

// Test bundles run from out/tests/…; the schema stays in the source tree.
export const nbformatSchemaPath = join(__dirname, '..', '..', '..', '..', 'tests', 'common', 'notebook', 'nbformat', 'nbformat.v4.schema.json');
