/**
 * The folders say which process code runs in; this test keeps them honest by reading every
 * import. common/ is pure TypeScript (no Node, DOM, Electron or packages with side effects on a
 * platform); only main/ and preload/ may import electron; runtime/ never imports a host.
 */

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';

const root = join(__dirname, '..', '..');

function sources(folder: string): string[] {
  const dir = join(root, folder);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(relative(root, path));
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (match) => match[1] ?? match[2] ?? '',
  );
}

function violations(folder: string, allowed: (specifier: string, file: string) => boolean): string[] {
  return sources(folder).flatMap((file) =>
    importsOf(file)
      .filter((specifier) => !allowed(specifier, file))
      .map((specifier) => `${relative(root, file)} imports ${specifier}`),
  );
}

const withinFolders = (file: string, specifier: string, folders: string[]) => {
  if (!specifier.startsWith('.')) return false;
  const target = relative(root, join(file, '..', specifier));
  return folders.some((folder) => target.startsWith(`${folder}/`));
};

describe('layering', () => {
  test('common/ imports only common/', () => {
    assert.deepEqual(violations('common', (specifier, file) => withinFolders(file, specifier, ['common'])), []);
  });

  test('only main/ and preload/ import electron', () => {
    for (const folder of ['common', 'runtime', 'host', 'renderer']) {
      assert.deepEqual(violations(folder, (specifier) => specifier !== 'electron'), []);
    }
  });

  test('runtime/ imports common/ and itself, never a host', () => {
    assert.deepEqual(violations('runtime', (specifier, file) => !specifier.startsWith('.') || withinFolders(file, specifier, ['runtime', 'common'])), []);
  });

  test('the check sees imports', () => {
    assert.ok(importsOf(join(root, 'runtime', 'main.ts')).includes('./coordinator.ts'));
  });
});
