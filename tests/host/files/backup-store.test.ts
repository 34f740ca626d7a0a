import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { BackupStore, type BackupFailure, type BackupStoreOptions, type DocumentKey } from '../../../host/files/backup-store.ts';
import { entriesOf, scratchFolder, until } from './support.ts';

const notebook: DocumentKey = { kind: 'file', path: '/home/ada/notebooks/orbits.tsnb' };
const untitled: DocumentKey = { kind: 'untitled', id: 'untitled-1' };

const backupsIn = (folder: string) => entriesOf(folder).filter((name) => name.endsWith('.backup'));

async function storeIn(folder: string, options: Partial<BackupStoreOptions> = {}): Promise<BackupStore> {
  return BackupStore.open({ folder, delayMs: 100, ...options });
}

/** Opens a second store on the folder, as the next session would, and reads every backup it lists. */
async function restart(folder: string): Promise<Map<string, string>> {
  const store = await storeIn(folder);
  const contents = new Map<string, string>();
  for (const backup of store.list().backups) {
    contents.set(backup.document.kind === 'file' ? backup.document.path : backup.document.id, await store.read(backup));
  }
  return contents;
}

describe('BackupStore.schedule', () => {
  test('writes the backup a delay after the last edit, and not before', async () => {
    const folder = scratchFolder();
    const store = await storeIn(folder, { delayMs: 300 });
    store.schedule(notebook, 'first edit');
    await sleep(150);
    store.schedule(notebook, 'second edit');
    const lastEdit = performance.now();
    // 350 ms after the first edit, 200 ms after the last.
    await sleep(200);
    assert.deepEqual(backupsIn(folder), []);
    await until(() => backupsIn(folder).length === 1);
    assert.ok(performance.now() - lastEdit >= 295, 'written before the delay');
    assert.deepEqual(await restart(folder), new Map([[notebook.path, 'second edit']]));
    store.dispose();
  });

  test('still writes backups while edits never pause', async () => {
    const folder = scratchFolder();
    const store = await storeIn(folder, { delayMs: 200, maxDelayMs: 400 });
    for (let edit = 0; edit < 20; edit++) {
      store.schedule(notebook, `edit ${edit}`);
      await sleep(50);
    }
    // A second of edits every 50 ms: a delay after the last edit would not have come yet.
    assert.equal(backupsIn(folder).length, 1);
    assert.match((await restart(folder)).get(notebook.path) ?? '', /^edit \d+$/);
    store.dispose();
  });

  test('keeps one backup file per document, holding its latest content', async () => {
    const folder = scratchFolder();
    const store = await storeIn(folder);
    store.schedule(notebook, 'one');
    await store.flush();
    store.schedule(notebook, 'two');
    store.schedule(untitled, 'scratch');
    await store.flush();
    assert.equal(backupsIn(folder).length, 2);
    assert.deepEqual(
      await restart(folder),
      new Map([
        [notebook.path, 'two'],
        [untitled.id, 'scratch'],
      ]),
    );
  });
});

describe('BackupStore.discard', () => {
  test('removes the document’s backup', async () => {
    const folder = scratchFolder();
    const store = await storeIn(folder);
    store.schedule(notebook, 'unsaved');
    store.schedule(untitled, 'other');
    await store.flush();
    await store.discard(notebook);
    assert.deepEqual(await restart(folder), new Map([[untitled.id, 'other']]));
  });

  test('cancels a backup that was not written yet', async () => {
    const folder = scratchFolder();
    const store = await storeIn(folder);
    store.schedule(notebook, 'unsaved');
    await store.discard(notebook);
    await sleep(250);
    assert.deepEqual(entriesOf(folder), []);
  });

  test('removes a backup whose write was under way', async () => {
    const folder = scratchFolder();
    const store = await storeIn(folder);
    store.schedule(notebook, 'x'.repeat(4 << 20));
    const flushed = store.flush();
    await store.discard(notebook);
    assert.deepEqual(await flushed, []);
    assert.deepEqual(entriesOf(folder), []);
  });

  test('leaves a document edited again after the discard backed up', async () => {
    const folder = scratchFolder();
    const store = await storeIn(folder);
    store.schedule(notebook, 'saved');
    await store.discard(notebook);
    store.schedule(notebook, 'edited after the save');
    await store.flush();
    assert.deepEqual(await restart(folder), new Map([[notebook.path, 'edited after the save']]));
  });
});

describe('BackupStore after a restart', () => {
  test('lists what the crashed session left, with documents and times, and reads back the exact content', async () => {
    const folder = scratchFolder();
    const content = '# Orbits\r\n\n```ts\nconst μ = 3.986e14 // 🚀\n```\n\u0000\n' + 'ž'.repeat(100_000);
    const crashed = await storeIn(folder, { now: () => 1_700_000_000_000 });
    crashed.schedule(notebook, content);
    crashed.schedule(untitled, '');
    await crashed.flush();
    // The session ends without discarding: it crashed.

    const next = await storeIn(folder);
    const { backups, skipped } = next.list();
    assert.deepEqual(skipped, []);
    assert.deepEqual(
      backups.map(({ document, savedAt, size }) => ({ document, savedAt, size })).sort((a, b) => a.size - b.size),
      [
        { document: untitled, savedAt: 1_700_000_000_000, size: 0 },
        { document: notebook, savedAt: 1_700_000_000_000, size: Buffer.byteLength(content) },
      ],
    );
    const restored = backups.find((backup) => backup.document.kind === 'file');
    assert.ok(restored);
    assert.equal(await next.read(restored), content);
  });

  test('never lists or overwrites those backups with its own, until they are removed', async () => {
    const folder = scratchFolder();
    const crashed = await storeIn(folder);
    crashed.schedule(notebook, 'before the crash');
    await crashed.flush();

    const next = await storeIn(folder);
    const [left] = next.list().backups;
    assert.ok(left);
    // The document is reopened and edited before the user answers the offer to restore.
    next.schedule(notebook, 'after the restart');
    await next.flush();
    assert.deepEqual(next.list().backups, [left]);
    assert.equal(await next.read(left), 'before the crash');

    await next.remove(left);
    assert.deepEqual(next.list().backups, []);
    assert.ok(!existsSync(left.file));
    assert.deepEqual(await restart(folder), new Map([[notebook.path, 'after the restart']]));
  });

  test('skips malformed and partial files with a reason and lists the rest', async () => {
    const folder = scratchFolder();
    const crashed = await storeIn(folder);
    crashed.schedule(notebook, 'good');
    await crashed.flush();
    const [good] = backupsIn(folder);
    const header = readFileSync(join(folder, good ?? ''), 'utf8').split('\n')[0];
    writeFileSync(join(folder, 'empty.backup'), '');
    writeFileSync(join(folder, 'garbage.backup'), '\u0000\u0001 not json\nwhatever');
    writeFileSync(join(folder, 'foreign.backup'), '{"format":"something-else"}\n');
    writeFileSync(join(folder, 'partial.backup'), `${header}\ngo`);
    writeFileSync(join(folder, '.stray.backup.tessera-0123456789ab.tmp'), 'half a backup');
    mkdirSync(join(folder, 'a-folder.backup'));

    const next = await storeIn(folder);
    assert.deepEqual(
      next.list().backups.map((backup) => backup.document),
      [notebook],
    );
    const reasons = Object.fromEntries(next.list().skipped.map(({ file, reason }) => [file.slice(folder.length + 1), reason]));
    assert.deepEqual(reasons, {
      'empty.backup': 'no header line',
      'garbage.backup': 'the header is not JSON',
      'foreign.backup': 'the header is not a Tessera backup header of version 1',
      'partial.backup': 'partial: 2 of 4 bytes',
      '.stray.backup.tessera-0123456789ab.tmp': 'not a backup: an unfinished write, or a file Tessera did not write',
    });
    const partial = next.list().skipped.find(({ file }) => file.endsWith('partial.backup'));
    assert.ok(partial);
    await next.remove(partial);
    assert.equal(next.list().skipped.length, 4);
    assert.ok(!existsSync(partial.file));
  });

  test('reading a backup that is gone says which and why', async () => {
    const folder = scratchFolder();
    const crashed = await storeIn(folder);
    crashed.schedule(notebook, 'lost');
    await crashed.flush();
    const next = await storeIn(folder);
    const [backup] = next.list().backups;
    assert.ok(backup);
    writeFileSync(backup.file, 'overwritten by something else');
    await assert.rejects(next.read(backup), { message: `The backup ${backup.file} cannot be read: no header line` });
  });
});

describe('a backup that cannot be written', () => {
  test('is reported by flush and onDidFail, and never thrown', async () => {
    const folder = join(scratchFolder(), 'backups');
    const store = await storeIn(folder);
    const reported: BackupFailure[] = [];
    store.onDidFail((failure) => reported.push(failure));
    // The folder is replaced by a file: every write there fails, as root too.
    rmSync(folder, { recursive: true });
    writeFileSync(folder, '');

    store.schedule(notebook, 'unsaved');
    await until(() => reported.length === 1);
    store.schedule(untitled, 'also unsaved');
    const failures = await store.flush();
    assert.deepEqual(
      failures.map((failure) => failure.document),
      [notebook, untitled],
    );
    assert.match(failures[1]?.error.message ?? '', /^Could not save .*\.backup: not a directory \(ENOTDIR\)$/);
    assert.equal(reported.length, 2);
  });
});

describe('BackupStore.release', () => {
  test('writes a pending backup at once and lists it, as the next page of the same host offers it', async () => {
    const folder = scratchFolder();
    const store = await storeIn(folder, { delayMs: 60_000 });
    store.schedule(untitled, 'typed, then the tab closed');
    assert.deepEqual(store.list().backups, []);
    await store.release(untitled);
    const listed = store.list().backups;
    assert.deepEqual(
      listed.map((backup) => backup.document),
      [untitled],
    );
    assert.equal(await store.read(listed[0]!), 'typed, then the tab closed');
    store.dispose();
  });

  test('lists nothing for a document saved since its last edit', async () => {
    const folder = scratchFolder();
    const store = await storeIn(folder);
    store.schedule(notebook, 'edit');
    await store.discard(notebook);
    await store.release(notebook);
    assert.deepEqual(store.list().backups, []);
    assert.deepEqual(backupsIn(folder), []);
    store.dispose();
  });
});
