import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { changedSince, readTracked } from '../../../host/files/file-identity.ts';
import { saveDocument } from '../../../host/files/save-document.ts';
import { scratchFolder } from './support.ts';

/** A notebook file and the identity the host recorded when it opened it. */
async function opened(content = '# Notebook\n') {
  const path = join(scratchFolder(), 'notebook.tsnb');
  writeFileSync(path, content);
  return { path, ...(await readTracked(path)) };
}

describe('readTracked', () => {
  test('returns the content with its size, modification time and SHA-256', async () => {
    const { path, content, identity } = await opened('héllo\n');
    assert.equal(content.toString('utf8'), 'héllo\n');
    assert.deepEqual(identity, {
      mtimeMs: statSync(path).mtimeMs,
      size: 7,
      sha256: createHash('sha256').update('héllo\n').digest('hex'),
    });
  });
});

describe('changedSince', () => {
  test('an untouched file has not changed', async () => {
    const { path, identity } = await opened();
    assert.deepEqual(await changedSince(path, identity), { changed: false });
  });

  test('a file rewritten with other content of another size was modified', async () => {
    const { path, identity } = await opened();
    writeFileSync(path, '# Notebook\n\nAn edit from another editor.\n');
    assert.deepEqual(await changedSince(path, identity), { changed: true, reason: 'modified' });
  });

  test('a file rewritten with other content of the same size and the same timestamp was modified', async () => {
    // As a coarse file system, or a tool that restores timestamps, would leave it.
    const time = new Date(2024, 0, 1);
    const path = join(scratchFolder(), 'notebook.tsnb');
    writeFileSync(path, '# Notebook A\n');
    utimesSync(path, time, time);
    const { identity } = await readTracked(path);
    writeFileSync(path, '# Notebook B\n');
    utimesSync(path, time, time);
    assert.equal(statSync(path).mtimeMs, identity.mtimeMs);
    assert.deepEqual(await changedSince(path, identity), { changed: true, reason: 'modified' });
  });

  test('a file rewritten with the same content, at another time, has not changed', async () => {
    const { path, identity } = await opened();
    writeFileSync(path, '# Notebook\n');
    utimesSync(path, new Date(2001, 1, 1), new Date(2001, 1, 1));
    assert.deepEqual(await changedSince(path, identity), { changed: false });
  });

  test('a file removed, or replaced by a folder, was deleted', async () => {
    const { path, identity } = await opened();
    rmSync(path);
    assert.deepEqual(await changedSince(path, identity), { changed: true, reason: 'deleted' });
    mkdirSync(path);
    assert.deepEqual(await changedSince(path, identity), { changed: true, reason: 'deleted' });
  });
});

describe('saveDocument', () => {
  test('saves over an unchanged file and returns the identity the next save checks against', async () => {
    const { path, identity } = await opened();
    const first = await saveDocument(path, '# Notebook\n\nMore.\n', { expected: identity });
    assert.ok(first.ok);
    assert.deepEqual(first.identity, (await readTracked(path)).identity);
    const second = await saveDocument(path, '# Notebook\n\nEven more.\n', { expected: first.identity });
    assert.ok(second.ok);
    assert.equal(readFileSync(path, 'utf8'), '# Notebook\n\nEven more.\n');
  });

  test('refuses to overwrite a file changed on disk, and writes nothing', async () => {
    const { path, identity } = await opened();
    writeFileSync(path, 'written by someone else');
    const result = await saveDocument(path, 'mine', { expected: identity });
    assert.deepEqual(result, { ok: false, conflict: { changed: true, reason: 'modified' } });
    assert.equal(readFileSync(path, 'utf8'), 'written by someone else');
  });

  test('refuses to bring back a file deleted on disk', async () => {
    const { path, identity } = await opened();
    rmSync(path);
    assert.deepEqual(await saveDocument(path, 'mine', { expected: identity }), { ok: false, conflict: { changed: true, reason: 'deleted' } });
  });

  test('overwrites a changed file when forced', async () => {
    const { path, identity } = await opened();
    writeFileSync(path, 'written by someone else');
    const result = await saveDocument(path, 'mine', { expected: identity, force: true });
    assert.ok(result.ok);
    assert.equal(readFileSync(path, 'utf8'), 'mine');
  });

  test('saves a new file without an expected identity', async () => {
    const path = join(scratchFolder(), 'new.tsnb');
    const result = await saveDocument(path, 'new', { expected: undefined });
    assert.ok(result.ok);
    assert.deepEqual(result.identity, (await readTracked(path)).identity);
  });

  test('a save that fails throws the clear error and leaves the file', async () => {
    const { path, identity } = await opened();
    const inside = join(path, 'impossible.tsnb');
    await assert.rejects(saveDocument(inside, 'mine', { expected: undefined }), { message: `Could not save ${inside}: not a directory (ENOTDIR)` });
    assert.deepEqual(await changedSince(path, identity), { changed: false });
  });
});
