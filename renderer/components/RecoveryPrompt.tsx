/**
 * At start, work a previous session did not save (it crashed, or quit with hot exit): restore a
 * backup, discard it, or decide later (it stays in the host's backup folder).
 */

import type { BackupInfo } from '../../common/bridge/contract.ts';
import { formatTime } from './format.ts';

export function RecoveryPrompt({
  backups,
  onRestore,
  onDiscard,
  onLater,
}: {
  readonly backups: readonly BackupInfo[];
  readonly onRestore: (backup: BackupInfo) => void;
  readonly onDiscard: (backup: BackupInfo) => void;
  readonly onLater: () => void;
}) {
  return (
    <div className="dialog-backdrop">
      <div className="dialog recovery" role="dialog" aria-modal="true" aria-label="Recover unsaved work">
        <h2 className="dialog-title">Recover unsaved work</h2>
        <p className="dialog-message">Tessera kept these notebooks’ unsaved changes, newest first.</p>
        <ul className="dialog-list">
          {[...backups].sort((a, b) => b.savedAt - a.savedAt).map((backup) => (
            <li key={backup.id} className="recovery-item">
              <span className="recovery-name">{backup.path ?? 'Untitled notebook'}</span>
              <span className="recovery-time">{formatTime(backup.savedAt)}</span>
              <button type="button" className="tool-button primary" onClick={() => onRestore(backup)}>
                Restore
              </button>
              <button type="button" className="tool-button" onClick={() => onDiscard(backup)}>
                Discard
              </button>
            </li>
          ))}
        </ul>
        <div className="dialog-buttons">
          <button type="button" className="tool-button" onClick={onLater}>
            Not now
          </button>
        </div>
      </div>
    </div>
  );
}
