// The kiosk contract over Electron IPC: one ipcMain.handle per call. Each handler
// first checks who is asking (the main frame of our window, showing our page),
// then lets the dispatcher validate the payload. Answers are CallResult envelopes,
// so the error code survives the trip to the renderer.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC_EVENT_CHANNEL, ipcChannel, kioskCalls, type CallName, type KioskEvent } from '../../common/contract/index';
import type { CallResult, Dispatch } from '../host/dispatcher';
import { isAppUrl } from './app-protocol';

type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

/** The sender must be our window's main frame (not an iframe) and show our own page. */
export function isTrustedSender(event: SenderEvent, window: { webContents: WebContents } | null | undefined): boolean {
  if (!window) return false;
  const frame = event.senderFrame;
  if (!frame || event.sender !== window.webContents) return false;
  if (frame !== window.webContents.mainFrame) return false;
  return isAppUrl(frame.url);
}

export function registerContractHandlers(
  ipcMain: Pick<IpcMain, 'handle'>,
  options: { dispatch: Dispatch; isTrusted(event: SenderEvent): boolean },
): CallName[] {
  const names = Object.keys(kioskCalls) as CallName[];
  for (const name of names) {
    ipcMain.handle(ipcChannel(name), async (event, input: unknown): Promise<CallResult> => {
      if (!options.isTrusted(event)) {
        const url = event.senderFrame?.url ?? 'a destroyed frame';
        return { ok: false, error: { code: 'forbidden', message: `${name}: refused a call from ${url}, which is not the kiosk page` } };
      }
      return options.dispatch(name, input);
    });
  }
  return names;
}

/** Pushes host events to the page; a reloaded page subscribes again through its preload. */
export function forwardHostEvents(
  host: { onEvent(listener: (event: KioskEvent) => void): () => void },
  contents: Pick<WebContents, 'isDestroyed' | 'send'>,
): () => void {
  return host.onEvent((event) => {
    if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, event);
  });
}
