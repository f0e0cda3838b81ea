// The preload: the page's only way to the host. It exposes window.kiosk with one
// function per contract call (each invokes that call's own IPC channel) and an
// event subscription. ipcRenderer itself is never exposed.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT_CHANNEL, ipcChannel, kioskCalls, type CallName, type KioskEvent } from '../../common/contract/index';
import type { CallResult } from '../host/dispatcher';

const calls = Object.fromEntries(
  (Object.keys(kioskCalls) as CallName[]).map((name) => [
    name,
    (input: unknown): Promise<CallResult> => ipcRenderer.invoke(ipcChannel(name), input),
  ]),
);

contextBridge.exposeInMainWorld('kiosk', {
  ...calls,
  onEvent(listener: (event: KioskEvent) => void): () => void {
    const forward = (_event: IpcRendererEvent, kioskEvent: KioskEvent): void => listener(kioskEvent);
    ipcRenderer.on(IPC_EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, forward);
    };
  },
});
