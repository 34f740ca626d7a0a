/**
 * TypeScript diagnostics that are wrong for notebook cells. Each cell is a module of one program
 * that imports the names of the cells above it (notebook-ts.worker.ts), so a name declared again
 * in a later cell is no error, as in the runtime. What remains: the runtime runs top-level `await`
 * in every cell (a cell the worker has not placed yet is still a plain script to TypeScript), and
 * resolves imports from the notebook's folder, which the editor cannot see.
 */

export const notebookIgnoredDiagnostics: readonly number[] = [
  1375, // 'await' expressions are only allowed at the top level of a file when that file is a module.
  1378, // Top-level 'await' expressions are only allowed when the 'module' option is set to ...
  1431, // 'for await' loops are only allowed at the top level of a file when that file is a module.
  1432, // Top-level 'for await' loops are only allowed when the 'module' option is set to ...
  2307, // Cannot find module 'x' or its corresponding type declarations.
  2792, // Cannot find module 'x'. Did you mean to set the 'moduleResolution' option to 'nodenext'?
  7016, // Could not find a declaration file for module 'x'.
];
