import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { validateRequest } from '../../common/bridge/validate.ts';
import { listFolder } from '../../host/session/folder-listing.ts';

function tree(): { root: string; outside: string } {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'tessera-browse-')));
  const root = join(base, 'root');
  const outside = join(base, 'outside');
  mkdirSync(join(root, 'data', 'deeper'), { recursive: true });
  mkdirSync(join(root, '.git'));
  mkdirSync(outside);
  for (const name of ['b.tsnb', 'a.md', 'c.ipynb', 'notes.txt', '.hidden.tsnb']) writeFileSync(join(root, name), '# x\n');
  writeFileSync(join(root, 'data', 'inner.tsnb'), '# y\n');
  writeFileSync(join(outside, 'secret.tsnb'), '# z\n');
  symlinkSync(outside, join(root, 'link-out'));
  symlinkSync(join(root, 'data'), join(root, 'link-in'));
  return { root, outside };
}

describe("tessera serve's folder listing", () => {
  test('a folder whose name only starts with two dots is inside, and is listed', async () => {
    const { root } = tree();
    mkdirSync(join(root, '..notes'));
    writeFileSync(join(root, '..notes', 'kept.tsnb'), '# k\n');
    const listing = await listFolder(root, '..notes');
    assert.deepEqual(listing.entries.map((entry) => entry.name), ['kept.tsnb']);
  });

  test('lists folders first, then the notebooks Open reads, without hidden entries', async () => {
    const { root } = tree();
    const listing = await listFolder(root, undefined);
    assert.equal(listing.root, root);
    assert.equal(listing.parent, null);
    assert.deepEqual(
      listing.entries.map((entry) => `${entry.kind} ${entry.name}`),
      ['folder data', 'folder link-in', 'notebook a.md', 'notebook b.tsnb', 'notebook c.ipynb'],
    );
    const inner = await listFolder(root, 'data');
    assert.equal(inner.parent, root);
    assert.deepEqual(inner.entries.map((entry) => entry.name), ['deeper', 'inner.tsnb']);
    assert.equal((await listFolder(root, join(root, 'data'))).path, join(root, 'data'));
  });

  test('never lists a folder outside the root: not by .., an absolute path, or a link', async () => {
    const { root, outside } = tree();
    await assert.rejects(listFolder(root, '..'), /outside the folder tessera serve was started in/);
    await assert.rejects(listFolder(root, outside), /outside/);
    await assert.rejects(listFolder(root, 'link-out'), /outside/);
    await assert.rejects(listFolder(root, 'no-such-folder'), /No such folder/);
    await assert.rejects(listFolder(root, 'b.tsnb'), /Not a folder/);
  });

  test('the bridge takes files.list with an optional path, and nothing else', () => {
    assert.equal(validateRequest('files.list', [{}]).ok, true);
    assert.equal(validateRequest('files.list', [{ path: 'data' }]).ok, true);
    assert.equal(validateRequest('files.list', [{ path: 7 }]).ok, false);
    assert.equal(validateRequest('files.list', [{ path: 'x', recursive: true }]).ok, false);
  });
});
