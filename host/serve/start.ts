/**
 * Puts `tessera serve` together: the HTTP/WebSocket server, and for each browser tab a notebook
 * session with a forked runtime, safe saving and backups. The browser has no file dialogs, so
 * open and save take paths.
 */

import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RuntimeOptions } from '../../common/protocol/runtime.ts';
import { BackupStore } from '../files/backup-store.ts';
import { forkLauncher } from '../fork-launcher.ts';
import { packageRoot } from '../paths.ts';
import { TrackedDocumentFiles } from '../session/document-files.ts';
import { newDocumentText } from '../session/new-document.ts';
import { NotebookSession } from '../session/notebook-session.ts';
import { RecentFilesStore } from '../session/recent-files.ts';
import { SessionBackups } from '../session/session-backups.ts';
import { TrustedNotebooksStore } from '../session/trusted-notebooks.ts';
import { defaultMaxRuntimes, limitRuntimes } from './runtime-limit.ts';
import { serve, type RunningServer } from './server.ts';

export interface StartServeOptions {
  readonly port?: number;
  /** A notebook every new tab opens; a new notebook when absent. */
  readonly file?: string;
  /** Where backups and the recent-files list live; ~/.tessera by default. */
  readonly dataDir?: string;
  /** Where unsaved notebooks run; ~/Tessera/scratch by default. */
  readonly scratchDir?: string;
  readonly runtime?: Partial<RuntimeOptions>;
  readonly token?: string;
  /** Runtimes running at once across all tabs; a tab beyond it is told so when it starts one. */
  readonly maxRuntimes?: number;
  /** Tabs connected at once. */
  readonly maxConnections?: number;
  /** The folder the file browser shows (and those below it); the folder serve is started in by default. */
  readonly root?: string;
}

export async function startServe(options: StartServeOptions = {}): Promise<RunningServer> {
  const dataDir = options.dataDir ?? join(homedir(), '.tessera');
  const scratchDir = options.scratchDir ?? join(homedir(), 'Tessera', 'scratch');
  mkdirSync(scratchDir, { recursive: true });
  const backups = await BackupStore.open({ folder: join(dataDir, 'backups') });
  const recent = new RecentFilesStore(join(dataDir, 'recent.json'));
  const trust = new TrustedNotebooksStore(join(dataDir, 'trusted-notebooks.json'));
  const file = options.file ? resolve(options.file) : undefined;
  const launcher = limitRuntimes(forkLauncher(), options.maxRuntimes ?? defaultMaxRuntimes);
  const root = resolve(options.root ?? process.cwd());
  const server = await serve({
    port: options.port ?? 0,
    rendererDir: join(packageRoot(), 'out', 'renderer'),
    ...(options.token ? { token: options.token } : {}),
    ...(options.maxConnections ? { maxConnections: options.maxConnections } : {}),
    createSession: () => {
      const session = new NotebookSession({
        host: { kind: 'serve', fileDialogs: false, platform: process.platform },
        launcher,
        scratchDir,
        files: new TrackedDocumentFiles(),
        recent,
        backups: new SessionBackups(backups, randomUUID()),
        trust,
        newDocument: newDocumentText,
        offerBackupOnClose: true,
        browseRoot: root,
        ...(options.runtime ? { runtime: options.runtime } : {}),
      });
      // A file that cannot be read is reported to the tab when it asks for its document.
      if (file) session.openInitial(file).catch(() => undefined);
      return session;
    },
  });
  return {
    ...server,
    close: async () => {
      await server.close();
      await backups.flush();
      backups.dispose();
    },
  };
}
