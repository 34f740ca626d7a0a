/**
 * The runtime, always in view: whether it is starting, ready, busy or down (and why), what memory it
 * and each container use, and the buttons that act on it. When it is down, one click starts a
 * fresh one.
 */

import type { RuntimeStatus } from '../../common/bridge/contract.ts';
import type { RuntimeActions } from '../commands/runtime-actions.ts';
import type { NotebookState } from '../session/notebook-store.ts';
import { sameFields, useStore, useStoreState } from '../session/store-context.ts';
import { formatBytes } from './format.ts';

function describe(status: RuntimeStatus): string {
  switch (status.state) {
    case 'disconnected':
      return 'No runtime — the first run starts one';
    case 'starting':
      return 'Starting runtime…';
    case 'ready':
    case 'busy':
      return [status.state === 'ready' ? 'Ready' : 'Busy', status.node, status.pid !== undefined ? `pid ${status.pid}` : undefined].filter(Boolean).join(' · ');
    case 'down':
      return `Runtime down: ${status.message}`;
  }
}

function Memory({ status }: { readonly status: RuntimeStatus }) {
  if ((status.state !== 'ready' && status.state !== 'busy') || status.memory === undefined) return null;
  const { memory } = status;
  return (
    <span className="status-memory" title="Resident memory of the runtime process; heap used and limit of each container">
      {formatBytes(memory.rssBytes)}
      {memory.containers.map((container) => (
        <span key={container.containerRef} className="status-container">
          {' · '}
          {container.containerRef} {formatBytes(container.heapUsedBytes)} / {formatBytes(container.heapLimitBytes)}
        </span>
      ))}
    </span>
  );
}

/** What the status bar shows of the session. */
function statusFacts(state: NotebookState) {
  return {
    status: state.runtimeStatus,
    notice: state.notice,
    hostLost: state.hostLost,
    evaluating: [...state.data.containers.values()].some((activity) => activity.kind === 'evaluating'),
    queued: [...state.data.cells.values()].some((info) => info.queued),
  };
}

export function StatusBar({ runtime }: { readonly runtime: RuntimeActions }) {
  const store = useStore();
  const { status, notice, hostLost, evaluating, queued } = useStoreState(statusFacts, sameFields);
  const running = status.state === 'ready' || status.state === 'busy' || status.state === 'starting';
  return (
    <footer className="status-bar" role="status" aria-label="Runtime status">
      <span className={`runtime-state runtime-${status.state}`} data-runtime-state={status.state}>
        <span className="status-dot" aria-hidden="true" />
        {describe(status)}
      </span>
      <Memory status={status} />
      {notice !== null && (
        <span className="status-notice" role="alert">
          {notice}
          <button type="button" className="link-button" onClick={() => store.setNotice(null)} aria-label="Dismiss">
            ✕
          </button>
        </span>
      )}
      <span className="toolbar-spacer" />
      {(evaluating || queued) && (
        <button type="button" className="tool-button" onClick={() => store.stop()}>
          ■ Stop
        </button>
      )}
      {running ? (
        <>
          <button type="button" className="tool-button" title="A fresh runtime: every binding is lost" onClick={() => void runtime.restart()}>
            Restart
          </button>
          <button type="button" className="tool-button" title="Stop the runtime process" onClick={() => store.disconnectRuntime()}>
            Disconnect
          </button>
        </>
      ) : (
        <button type="button" className="tool-button primary" disabled={hostLost} onClick={() => store.connectRuntime()}>
          {status.state === 'down' ? 'Start a new runtime' : 'Connect'}
        </button>
      )}
    </footer>
  );
}
