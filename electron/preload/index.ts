import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildApi, type Transport } from '../../shared/contract/client';
import { events } from '../../shared/contract/index';

/**
 * Exposes `window.palisade`, built from the contract: one function per channel, each an
 * `ipcRenderer.invoke`, and `on(event, listener)` for the contract's push events only. The
 * page never sees ipcRenderer or the IPC event object.
 */
const eventNames = new Set<string>(Object.keys(events));

const transport: Transport = {
  invoke: (channel, input) => ipcRenderer.invoke(channel, input),
  subscribe(name, listener) {
    if (!eventNames.has(name)) return () => {};
    const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(name, handler);
    return () => void ipcRenderer.removeListener(name, handler);
  },
};

contextBridge.exposeInMainWorld('palisade', buildApi(transport));
