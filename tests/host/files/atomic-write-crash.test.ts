/**
 * Kills a process in the middle of a save and looks at what is left: the old file whole or the
 * new one whole, never a part of either. Only a separate process can be killed, so this file is
 * also the child: forked with TESSERA_SAVE_CHILD set, it saves instead of registering tests.
 */

import assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { nodeFs, writeFileAtomic, type AtomicWriteFs } from '../../../host/files/atomic-write.ts';
import { entriesOf, scratchFolder, temporaryOf } from './support.ts';

/** What the child does; it tells the parent `stopped` or `saving` when it is ready to be killed. */
type Job =
  /** Writes a large file, stops after its first chunk, and waits. */
  | { readonly kind: 'stop-mid-write'; readonly path: string; readonly size: number; readonly chunk: number }
  /** Writes a file completely, stops just before renaming it over the target, and waits. */
  | { readonly kind: 'stop-before-rename'; readonly path: string; readonly size: number }
  /** Saves `size` bytes of 'a', then of 'b', and so on, for ever. */
  | { readonly kind: 'save-in-a-loop'; readonly path: string; readonly size: number };

const childJob = process.env['TESSERA_SAVE_CHILD'];
if (childJob === undefined) registerTests();
else void actAsChild(JSON.parse(childJob) as Job);

async function actAsChild(job: Job): Promise<void> {
  const tell = (message: string) => process.send?.(message);
  // A pending promise keeps the child alive only while its IPC channel with the parent is open:
  // if the parent dies first, the child ends too.
  const waitToBeKilled = () => new Promise<never>(() => undefined);
  if (job.kind === 'stop-mid-write') {
    const fs: AtomicWriteFs = {
      ...nodeFs,
      open: async (file, flags, mode) => {
        const handle = await nodeFs.open(file, flags, mode);
        if (flags === 'wx') {
          handle.writeFile = async (data) => {
            await handle.write(String(data).slice(0, job.chunk));
            tell('stopped');
            await waitToBeKilled();
          };
        }
        return handle;
      },
    };
    await writeFileAtomic(job.path, 'n'.repeat(job.size), { fs });
  } else if (job.kind === 'stop-before-rename') {
    const fs: AtomicWriteFs = {
      ...nodeFs,
      rename: async () => {
        tell('stopped');
        await waitToBeKilled();
      },
    };
    await writeFileAtomic(job.path, 'n'.repeat(job.size), { fs });
  } else {
    const versions = ['a'.repeat(job.size), 'b'.repeat(job.size)];
    for (let i = 0; ; i++) {
      await writeFileAtomic(job.path, versions[i % 2] ?? '');
      if (i === 0) tell('saving');
    }
  }
}

function startChild(job: Job): ChildProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, TESSERA_SAVE_CHILD: JSON.stringify(job) };
  // The test runner's own marker would make the child report to it.
  delete env['NODE_TEST_CONTEXT'];
  return fork(__filename, [], { env, execArgv: [], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
}

/** Resolves with the child's first message; rejects if it ends before sending one. */
function firstMessage(child: ChildProcess): Promise<unknown> {
  return new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code, signal) => reject(new Error(`The child ended first (${code ?? signal})`)));
  });
}

async function killed(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/** The folder holds the target and nothing else but the hidden temporary files of saves. */
function assertOnlyTemporariesBeside(dir: string, name: string): string[] {
  const others = entriesOf(dir).filter((entry) => entry !== name);
  for (const other of others) assert.match(other, temporaryOf(name));
  return others;
}

function registerTests(): void {
  describe('a save killed part way', () => {
    test('killed while writing, it leaves the old file whole and only a hidden, partial temporary file', async () => {
      const dir = scratchFolder();
      const path = join(dir, 'notebook.tsnb');
      writeFileSync(path, 'the old notebook');
      const child = startChild({ kind: 'stop-mid-write', path, size: 8 << 20, chunk: 64 << 10 });
      assert.equal(await firstMessage(child), 'stopped');
      await killed(child);
      assert.equal(readFileSync(path, 'utf8'), 'the old notebook');
      const [temporary, ...more] = assertOnlyTemporariesBeside(dir, 'notebook.tsnb');
      assert.deepEqual(more, []);
      assert.equal(statSync(join(dir, temporary ?? '')).size, 64 << 10);
    });

    test('killed between writing and renaming, it leaves the old file whole; the new content is only in the temporary file', async () => {
      const dir = scratchFolder();
      const path = join(dir, 'notebook.tsnb');
      writeFileSync(path, 'the old notebook');
      const child = startChild({ kind: 'stop-before-rename', path, size: 1 << 20 });
      assert.equal(await firstMessage(child), 'stopped');
      await killed(child);
      assert.equal(readFileSync(path, 'utf8'), 'the old notebook');
      const [temporary, ...more] = assertOnlyTemporariesBeside(dir, 'notebook.tsnb');
      assert.deepEqual(more, []);
      assert.equal(statSync(join(dir, temporary ?? '')).size, 1 << 20);
    });

    test('killed at arbitrary moments while saving again and again, the file is always one whole version', async () => {
      const size = 1 << 20;
      const whole = new Set(['a'.repeat(size), 'b'.repeat(size)]);
      for (const delayMs of [0, 7, 23, 41, 89]) {
        const dir = scratchFolder();
        const path = join(dir, 'notebook.tsnb');
        writeFileSync(path, 'the old notebook');
        const child = startChild({ kind: 'save-in-a-loop', path, size });
        assert.equal(await firstMessage(child), 'saving');
        await sleep(delayMs);
        await killed(child);
        assert.ok(whole.has(readFileSync(path, 'utf8')), `after ${delayMs} ms the file is not one whole version`);
        assert.ok(assertOnlyTemporariesBeside(dir, 'notebook.tsnb').length <= 1);
      }
    });
  });
}
