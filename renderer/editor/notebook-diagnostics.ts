/**
 * TypeScript diagnostics that are wrong for notebook cells. Each cell is a script in one program,
 * so TypeScript sees what the runtime does not: every cell's top-level names in one global scope,
 * and no module around top-level `await`. The runtime lets a later cell re-declare a name (it
 * shadows), runs top-level `await`, and resolves imports from the notebook's folder, which the
 * editor cannot see.
 */

export const notebookIgnoredDiagnostics: readonly number[] = [
  2300, // Duplicate identifier 'x'.
  2323, // Cannot redeclare exported variable 'x'.
  2393, // Duplicate function implementation.
  2403, // Subsequent variable declarations must have the same type.
  2440, // Import declaration conflicts with local declaration of 'x'.
  2451, // Cannot redeclare block-scoped variable 'x'.
  2567, // Enum declarations can only merge with namespace or other enum declarations.
  2813, // Class declaration cannot implement overload list for 'x'.
  2814, // Function with bodies can only merge with classes that are ambient.
  1375, // 'await' expressions are only allowed at the top level of a file when that file is a module.
  1378, // Top-level 'await' expressions are only allowed when the 'module' option is set to ...
  1431, // 'for await' loops are only allowed at the top level of a file when that file is a module.
  1432, // Top-level 'for await' loops are only allowed when the 'module' option is set to ...
  1208, // '...' cannot be compiled under '--isolatedModules' because it is considered a global script file.
  2307, // Cannot find module 'x' or its corresponding type declarations.
  2792, // Cannot find module 'x'. Did you mean to set the 'moduleResolution' option to 'nodenext'?
  7016, // Could not find a declaration file for module 'x'.
];
