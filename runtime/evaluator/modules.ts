/**
 * Imports and `require()` from the notebook's folder, as if the notebook were a file there:
 * `node:` built-ins, relative files, and packages in the `node_modules` folders from the notebook's
 * folder up. `import` is ESM first: a package's `exports` are resolved with the `import` condition,
 * so an ESM-only package loads and a dual package loads its ESM build.
 */

import { existsSync, readFileSync, statSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { exports as resolveExports } from 'resolve.exports';

export interface ModuleTools {
  readonly import: (specifier: string, attributes?: Record<string, string>) => Promise<unknown>;
  /** What named imports read from a module namespace. */
  readonly bindings: (namespace: object) => object;
  readonly require: NodeJS.Require;
  readonly importMeta: { readonly url: string; readonly dirname: string; readonly filename: string };
}

export function moduleToolsFor(notebookDir: string): ModuleTools {
  // createRequire wants a file; the notebook's folder is what matters, the name is nominal.
  const filename = join(notebookDir, '[notebook]');
  return {
    import: (specifier, attributes) => {
      const url = resolveForImport(specifier, notebookDir);
      return attributes ? import(url, { with: attributes }) : import(url);
    },
    bindings: namedBindings,
    require: createRequire(filename),
    importMeta: { url: pathToFileURL(filename).href, dirname: notebookDir, filename },
  };
}

/**
 * Named imports from a CommonJS module: Node finds the names only where it can see them
 * statically (`exports.a = …`); `module.exports = { a: () => … }` hides them. Reading a missing
 * name from the exports object makes `import { a } from 'cjs'` work as bundlers make it work.
 */
function namedBindings(namespace: object): object {
  return new Proxy(namespace, {
    get(target, name) {
      if (name in target) return Reflect.get(target, name);
      const exported: unknown = Reflect.get(target, 'default');
      return (typeof exported === 'object' && exported !== null) || typeof exported === 'function'
        ? Reflect.get(exported, name)
        : undefined;
    },
  });
}

function resolveForImport(specifier: string, from: string): string {
  if (specifier.startsWith('node:') || builtinModules.includes(specifier)) return specifier;
  if (/^[a-z][a-z0-9+.-]*:/i.test(specifier)) return specifier;
  if (specifier.startsWith('./') || specifier.startsWith('../') || isAbsolute(specifier)) {
    return pathToFileURL(resolve(from, specifier)).href;
  }
  return pathToFileURL(resolvePackage(specifier, from)).href;
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
