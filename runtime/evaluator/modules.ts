/**
 * Imports and `require()` from the notebook's folder, as if the notebook were a file there:
 * `node:` built-ins, relative files, and packages in the `node_modules` folders from the notebook's
 * folder up. `import` is ESM first: a package's `exports` are resolved with the `import` condition,
 * so an ESM-only package loads and a dual package loads its ESM build.
 */

import { existsSync, readFileSync, statSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { imports as resolveImports, exports as resolveExports } from 'resolve.exports';

export interface ModuleTools {
  /** `import(specifier, options)`: a dynamic import, as if written in a file in the notebook's folder. */
  readonly import: (specifier: unknown, options?: ImportCallOptions) => Promise<unknown>;
  /**
   * Links one import declaration of a cell: loads the module and defines each imported name on
   * `target` as a live, read-only binding. A name the module does not export is Node's SyntaxError;
   * a name that may be a TypeScript type only (`mayBeType`) is left out instead.
   */
  readonly link: (
    target: object,
    specifier: string,
    attributes: Record<string, string> | undefined,
    specifiers: readonly (readonly [local: string, imported: string, mayBeType: boolean])[],
  ) => Promise<void>;
  readonly require: NodeJS.Require;
  readonly importMeta: {
    readonly url: string;
    readonly dirname: string;
    readonly filename: string;
    readonly resolve: (specifier: string) => string;
  };
}

/** The tools of a notebook in `notebookDir`, saved as `notebookFile` or not yet saved. */
export function moduleToolsFor(notebookDir: string, notebookFile: string | undefined): ModuleTools {
  // createRequire wants a file; before the notebook is saved, the folder is what matters.
  const filename = notebookFile ?? join(notebookDir, '[notebook]');
  const load = async (specifier: string, options?: ImportCallOptions): Promise<Record<string, unknown>> => {
    try {
      const url = resolveForImport(specifier, notebookDir);
      return (await (options ? import(url, options) : import(url))) as Record<string, unknown>;
    } catch (error) {
      throw speakingOfTheNotebook(error, filename);
    }
  };
  return {
    import: (specifier, options) => load(String(specifier), options),
    link: async (target, specifier, attributes, specifiers) => {
      const onlyTypes = specifiers.length > 0 && specifiers.every(([, , mayBeType]) => mayBeType);
      let namespace: Record<string, unknown>;
      try {
        namespace = await load(specifier, attributes ? { with: attributes } : undefined);
      } catch (error) {
        if (onlyTypes) return; // as TypeScript would, the import of types alone is dropped
        throw error;
      }
      const commonJs = isCommonJs(resolveForImport(specifier, notebookDir));
      for (const [local, imported, mayBeType] of specifiers) {
        const read = reader(namespace, imported, commonJs);
        if (read) Object.defineProperty(target, local, { get: read, set: assignToImport, enumerable: true });
        else if (!mayBeType) throw missingExport(specifier, imported, commonJs);
      }
    },
    require: createRequire(filename),
    importMeta: {
      url: pathToFileURL(filename).href,
      dirname: notebookDir,
      filename,
      resolve: (specifier) => resolveForImport(String(specifier), notebookDir),
    },
  };
}

/**
 * How one imported name reads its module. Named imports from a CommonJS module: Node finds the
 * names only where it can see them statically (`exports.a = …`); `module.exports = { a: () => … }`
 * hides them. Reading such a name from the exports object makes `import { a } from 'cjs'` work as
 * bundlers make it work.
 */
function reader(namespace: Record<string, unknown>, imported: string, commonJs: boolean): (() => unknown) | undefined {
  if (imported === '*') return () => namespace;
  if (imported in namespace) return () => namespace[imported];
  const exported = namespace.default;
  const isObject = (typeof exported === 'object' && exported !== null) || typeof exported === 'function';
  if (commonJs && isObject && imported in exported) return () => (exported as Record<string, unknown>)[imported];
  return undefined;
}

function assignToImport(): never {
  throw new TypeError('Assignment to constant variable.');
}

function missingExport(specifier: string, imported: string, commonJs: boolean): SyntaxError {
  return new SyntaxError(
    commonJs
      ? `Named export '${imported}' not found. The requested module '${specifier}' is a CommonJS module, which may not support all module.exports as named exports.`
      : `The requested module '${specifier}' does not provide an export named '${imported}'`,
  );
}

/** Node names the file that imports, which is the runtime's own; the notebook is the importer. */
function speakingOfTheNotebook(error: unknown, notebookFile: string): unknown {
  if (!(error instanceof Error) || !error.message.includes(__filename)) return error;
  error.message = error.message.replaceAll(__filename, notebookFile);
  return error;
}

/** Whether Node loads the file at `url` as CommonJS: by its extension, else its package's `type`. */
function isCommonJs(url: string): boolean {
  if (!url.startsWith('file:')) return false;
  const file = fileURLToPath(url);
  if (file.endsWith('.cjs')) return true;
  if (!file.endsWith('.js')) return false;
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) return (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: string }).type !== 'module';
    if (dirname(dir) === dir) return true;
  }
}

function resolveForImport(specifier: string, from: string): string {
  if (specifier.startsWith('node:')) return specifier;
  if (builtinModules.includes(specifier)) return `node:${specifier}`;
  if (/^[a-z][a-z0-9+.-]*:/i.test(specifier)) return specifier;
  if (specifier.startsWith('./') || specifier.startsWith('../') || isAbsolute(specifier)) {
    return pathToFileURL(resolve(from, specifier)).href;
  }
  if (specifier.startsWith('#')) return resolvePackageImport(specifier, from);
  return pathToFileURL(resolvePackage(specifier, from)).href;
}

/** `#name`: the `imports` of the package.json nearest the notebook's folder, as in a file there. */
function resolvePackageImport(specifier: string, from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifestFile = join(dir, 'package.json');
    if (existsSync(manifestFile)) {
      const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { name?: string };
      const target = resolveImports({ name: manifest.name ?? '', ...manifest }, specifier, { conditions: ['node'] })?.[0];
      if (!target) throw new ModuleNotFoundError(`Package import specifier "${specifier}" is not defined in ${manifestFile}`);
      return target.startsWith('./') ? pathToFileURL(join(dir, target)).href : resolveForImport(target, dir);
    }
    if (dirname(dir) === dir) break;
  }
  throw new ModuleNotFoundError(`Package import specifier "${specifier}" needs a package.json with "imports" in ${from} or a folder above it`);
}

export class ModuleNotFoundError extends Error {
  readonly code = 'ERR_MODULE_NOT_FOUND';
  constructor(message: string) {
    super(message);
    this.name = 'ModuleNotFoundError';
  }
}

function resolvePackage(specifier: string, from: string): string {
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
  const subpath = specifier.slice(name.length);
  for (let dir = from; ; dir = dirname(dir)) {
    const packageDir = join(dir, 'node_modules', name);
    if (existsSync(join(packageDir, 'package.json'))) return entryOf(packageDir, name, subpath);
    if (dirname(dir) === dir) break;
  }
  throw new ModuleNotFoundError(
    `Cannot find package '${name}': no node_modules/${name} in ${from} or any folder above it. ` +
      `Install it there (npm install ${name}) to import it from this notebook.`,
  );
}

function entryOf(packageDir: string, name: string, subpath: string): string {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    exports?: unknown;
    main?: string;
  };
  if (manifest.exports !== undefined) {
    const target = resolveExports(manifest, `.${subpath}`, { conditions: ['node'] })?.[0];
    if (!target) throw new ModuleNotFoundError(`Package '${name}' does not export '.${subpath}'`);
    return join(packageDir, target);
  }
  const file = join(packageDir, subpath || manifest.main || 'index.js');
  const candidates = [file, `${file}.js`, `${file}.json`, join(file, 'index.js')];
  const found = candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
  if (!found) throw new ModuleNotFoundError(`Cannot find the entry of package '${name}' (looked for ${file})`);
  return found;
}
