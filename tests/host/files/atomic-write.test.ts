import assert from 'node:assert/strict';
import { chmodSync, lstatSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, test } from 'node:test';
import { nodeFs, SaveError, writeFileAtomic, type AtomicWriteFs } from '../../../host/files/atomic-write.ts';
import { entriesOf, scratchFolder, systemError, temporaryOf } from './support.ts';

describe('writeFileAtomic', () => {
  test('creates a missing file with the permissions fs.writeFile would give it', async () => {
    const dir = scratchFolder();
    writeFileSync(join(dir, 'plain.txt'), '');
    await writeFileAtomic(join(dir, 'new.tsnb'), '# New\n');
    assert.equal(readFileSync(join(dir, 'new.tsnb'), 'utf8'), '# New\n');
    assert.equal(statSync(join(dir, 'new.tsnb')).mode, statSync(join(dir, 'plain.txt')).mode);
  });

  test('replaces a file and leaves nothing else in the folder', async () => {
    const dir = scratchFolder();
    const path = join(dir, 'notebook.tsnb');
    writeFileSync(path, 'old content that is longer than the new one');
    await writeFileAtomic(path, new TextEncoder().encode('new'));
    assert.equal(readFileSync(path, 'utf8'), 'new');
    assert.deepEqual(entriesOf(dir), ['notebook.tsnb']);
  });

  test('keeps the permission bits of the file it replaces, beyond what the umask allows', async () => {
    const dir = scratchFolder();
    for (const mode of [0o600, 0o640, 0o755, 0o666]) {
      const path = join(dir, `mode-${mode.toString(8)}.tsnb`);
      writeFileSync(path, 'old');
      chmodSync(path, mode);
      await writeFileAtomic(path, 'new');
      assert.equal(statSync(path).mode & 0o7777, mode);
    }
  });

  test('writes through a symbolic link, which stays a link', async () => {
    const dir = scratchFolder();
    mkdirSync(join(dir, 'real'));
    writeFileSync(join(dir, 'real', 'notebook.tsnb'), 'old');
    symlinkSync(join(dir, 'real', 'notebook.tsnb'), join(dir, 'link.tsnb'));
    await writeFileAtomic(join(dir, 'link.tsnb'), 'new');
    assert.ok(lstatSync(join(dir, 'link.tsnb')).isSymbolicLink());
    assert.equal(readFileSync(join(dir, 'real', 'notebook.tsnb'), 'utf8'), 'new');
    assert.deepEqual(entriesOf(dir), ['link.tsnb', 'real']);
    assert.deepEqual(entriesOf(join(dir, 'real')), ['notebook.tsnb']);
  });

  test('returns the size and modification time the saved file has on disk', async () => {
    const path = join(scratchFolder(), 'notebook.tsnb');
    const written = await writeFileAtomic(path, 'héllo');
    const stats = statSync(path);
    assert.deepEqual(written, { mtimeMs: stats.mtimeMs, size: 6 });
  });

  test('saves of one file running at once each leave a whole version, and no temporary file', async () => {
    const dir = scratchFolder();
    const path = join(dir, 'notebook.tsnb');
    const versions = Array.from({ length: 8 }, (_, i) => String(i).repeat(100_000 + i));
    await Promise.all(versions.map((version) => writeFileAtomic(path, version)));
    assert.ok(versions.includes(readFileSync(path, 'utf8')));
    assert.deepEqual(entriesOf(dir), ['notebook.tsnb']);
  });
});

describe('a failed save', () => {
  test('a disk that fills up mid-write leaves the old file whole, removes the temporary file and says why', async () => {
    const dir = scratchFolder();
    const path = join(dir, 'notebook.tsnb');
    writeFileSync(path, 'the old notebook');
    let temporary = '';
    const fullDisk: AtomicWriteFs = {
      ...nodeFs,
      open: async (file, flags, mode) => {
        const handle = await nodeFs.open(file, flags, mode);
        if (flags === 'wx') {
          temporary = file;
          // Half the content reaches the disk, then the space runs out.
          handle.writeFile = async (data) => {
            await handle.write(String(data).slice(0, 5));
            throw systemError('ENOSPC', 'write');
          };
        }
        return handle;
      },
    };
    await assert.rejects(writeFileAtomic(path, 'the new notebook', { fs: fullDisk }), (error: unknown) => {
      assert.ok(error instanceof SaveError);
      assert.equal(error.message, `Could not save ${path}: no space left on device (ENOSPC)`);
      assert.equal(error.code, 'ENOSPC');
      return true;
    });
    assert.match(basename(temporary), temporaryOf('notebook.tsnb'));
    assert.equal(readFileSync(path, 'utf8'), 'the old notebook');
    assert.deepEqual(entriesOf(dir), ['notebook.tsnb']);
  });

  test('a folder where the file should be is left as it was, with a clear error', async () => {
    const dir = scratchFolder();
    const path = join(dir, 'notebook.tsnb');
    mkdirSync(path);
    writeFileSync(join(path, 'inside.txt'), 'kept');
    await assert.rejects(writeFileAtomic(path, 'new'), {
      name: 'SaveError',
      message: `Could not save ${path}: illegal operation on a directory (EISDIR)`,
    });
    assert.ok(statSync(path).isDirectory());
    assert.equal(readFileSync(join(path, 'inside.txt'), 'utf8'), 'kept');
    assert.deepEqual(entriesOf(dir), ['notebook.tsnb']);
  });

  test('a path whose parent is a file fails clearly and leaves that file alone', async () => {
    const dir = scratchFolder();
    writeFileSync(join(dir, 'data'), 'a file, not a folder');
    const path = join(dir, 'data', 'notebook.tsnb');
    await assert.rejects(writeFileAtomic(path, 'new'), { message: `Could not save ${path}: not a directory (ENOTDIR)` });
    assert.equal(readFileSync(join(dir, 'data'), 'utf8'), 'a file, not a folder');
    assert.deepEqual(entriesOf(dir), ['data']);
  });

  test('a missing folder fails clearly', async () => {
    const path = join(scratchFolder(), 'gone', 'notebook.tsnb');
    await assert.rejects(writeFileAtomic(path, 'new'), { message: `Could not save ${path}: no such file or directory (ENOENT)` });
  });

  test('a rename refused for a moment, as Windows does while a scanner holds the file, is retried', async () => {
    const dir = scratchFolder();
    const path = join(dir, 'notebook.tsnb');
    writeFileSync(path, 'old');
    const refusals = ['EBUSY', 'EPERM', 'EACCES'];
    const busy: AtomicWriteFs = {
      ...nodeFs,
      rename: async (from, to) => {
        const code = refusals.shift();
        if (code) throw systemError(code, 'rename');
        await nodeFs.rename(from, to);
      },
    };
    await writeFileAtomic(path, 'new', { fs: busy });
    assert.equal(readFileSync(path, 'utf8'), 'new');
    assert.deepEqual(entriesOf(dir), ['notebook.tsnb']);
  });

  test('a rename refused for good is given up after a few tries, keeping the old file', async () => {
    const dir = scratchFolder();
    const path = join(dir, 'notebook.tsnb');
    writeFileSync(path, 'old');
    let attempts = 0;
    const locked: AtomicWriteFs = {
      ...nodeFs,
      rename: async () => {
        attempts++;
        throw systemError('EPERM', 'rename');
      },
    };
    await assert.rejects(writeFileAtomic(path, 'new', { fs: locked }), { message: `Could not save ${path}: operation not permitted (EPERM)` });
    assert.equal(attempts, 5);
    assert.equal(readFileSync(path, 'utf8'), 'old');
    assert.deepEqual(entriesOf(dir), ['notebook.tsnb']);
  });

  test('a rename that fails otherwise is not retried', async () => {
    const path = join(scratchFolder(), 'notebook.tsnb');
    let attempts = 0;
    const crossDevice: AtomicWriteFs = {
      ...nodeFs,
      rename: async () => {
        attempts++;
        throw systemError('EXDEV', 'rename');
      },
    };
    await assert.rejects(writeFileAtomic(path, 'new', { fs: crossDevice }), { code: 'EXDEV' });
    assert.equal(attempts, 1);
  });

  test('a folder that cannot be synced does not fail a save that has happened', async () => {
    const dir = scratchFolder();
    const path = join(dir, 'notebook.tsnb');
    const folderOpens: string[] = [];
    const noFolderSync: AtomicWriteFs = {
      ...nodeFs,
      open: async (file, flags, mode) => {
        if (flags !== 'r') return nodeFs.open(file, flags, mode);
        folderOpens.push(file);
        throw systemError('EINVAL', 'open');
      },
    };
    await writeFileAtomic(path, 'new', { fs: noFolderSync });
    assert.equal(readFileSync(path, 'utf8'), 'new');
    // Windows has no folder to sync.
    assert.deepEqual(folderOpens, process.platform === 'win32' ? [] : [dir]);
  });
});
