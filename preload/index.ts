/**
 * The preload: the renderer's only way to the host. It exposes `window.tessera`, the typed bridge
 * of common/bridge/contract.ts, and nothing else: no `ipcRenderer`, no Node. Calls on channels the
 * contract does not name are refused here already; main checks sender and arguments again, and
 * answers with a result or an error, which is rethrown here as the handler threw it.
 */

import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { BridgeEventChannel, BridgeEvents, TesseraBridge } from '../common/bridge/contract.ts';
import { unwrapInvokeResult, type InvokeResult } from '../common/bridge/invoke-result.ts';
import { isBridgeChannel } from '../common/bridge/validate.ts';

const eventChannels: readonly BridgeEventChannel[] = ['runtime.messages', 'runtime.status', 'app.command'];

const bridge: TesseraBridge = {
  invoke: async (channel, ...args) => {
    if (!isBridgeChannel(channel)) throw new Error(`Unknown bridge channel ${String(channel)}`);
    return unwrapInvokeResult((await ipcRenderer.invoke(`tessera:${channel}`, ...args)) as InvokeResult) as never;
  },
  on: <E extends BridgeEventChannel>(event: E, listener: (payload: BridgeEvents[E]) => void) => {
    if (!eventChannels.includes(event)) throw new Error(`Unknown bridge event ${String(event)}`);
    const handler = (_event: IpcRendererEvent, payload: BridgeEvents[E]) => listener(payload);
    ipcRenderer.on(`tessera-event:${event}`, handler);
    return () => void ipcRenderer.removeListener(`tessera-event:${event}`, handler);
  },
};

contextBridge.exposeInMainWorld('tessera', bridge);
