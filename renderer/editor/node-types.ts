/**
 * Node's types, for the TypeScript worker (notebook-ts.worker.ts): the declaration files of
 * `@types/node` (the version in package.json, the Node the runtime targets) and of `undici-types`,
 * which they import for `fetch` and its kin. Cells run on Node, not in a browser: with these and
 * no DOM library, `fs`, `Buffer` and `process` complete with their real types, and `document` is
 * flagged. They are bundled into the worker, whose script only the service reads, so that their
 * few megabytes are neither in the page nor sent to the worker by messages. `ts5.6/` holds the
 * copies for older TypeScript, which the worker's does not read.
 */

const files: Record<string, string> = import.meta.glob(
  ['../../node_modules/@types/node/**/*.d.ts', '!../../node_modules/@types/node/ts5.6/**', '../../node_modules/undici-types/*.d.ts'],
  { query: '?raw', import: 'default', eager: true },
);

/** Each file's text by its name to the service: under `file:///node_modules/`, where module resolution finds `undici-types`. */
export const nodeTypeFiles: ReadonlyMap<string, string> = new Map(
  Object.entries(files).map(([path, text]) => [`file:///node_modules/${path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)}`, text]),
);
