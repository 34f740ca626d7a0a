/**
 * The preload: the renderer's only way to the host. It exposes `window.tessera`, the typed bridge
 * of common/bridge/contract.ts, and nothing else: no `ipcRenderer`, no Node. Calls on channels the
 * contract does not name are refused here already; main checks sender and arguments again.
 */

import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { BridgeEventChannel, BridgeEvents, TesseraBridge } from '../common/bridge/contract.ts';
import { isBridgeChannel } from '../common/bridge/validate.ts';

const eventChannels: readonly BridgeEventChannel[] = ['runtime.messages', 'runtime.status', 'app.command'];

const bridge: TesseraBridge = {
  invoke: (channel, ...args) => {
    if (!isBridgeChannel(channel)) return Promise.reject(new Error(`Unknown bridge channel ${String(channel)}`));
    return ipcRenderer.invoke(`tessera:${channel}`, ...args);
  },
  on: <E extends BridgeEventChannel>(event: E, listener: (payload: BridgeEvents[E]) => void) => {
    if (!eventChannels.includes(event)) throw new Error(`Unknown bridge event ${String(event)}`);
    const handler = (_event: IpcRendererEvent, payload: BridgeEvents[E]) => listener(payload);
    ipcRenderer.on(`tessera-event:${event}`, handler);
    return () => void ipcRenderer.removeListener(`tessera-event:${event}`, handler);
  },
};

contextBridge.exposeInMainWorld('tessera', bridge);
