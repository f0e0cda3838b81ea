// Locks the kiosk window down: no navigation away from our page, no new windows,
// no <webview>, no permissions, no requests to anywhere but app://kiosk/, and
// (when packaged) no devtools or reload shortcuts for a passer-by with a keyboard.
import type { BrowserWindowConstructorOptions, Input, Session, WebContents } from 'electron';
import { isAppUrl } from './app-protocol';

export function kioskWindowOptions(options: { preloadPath: string; isPackaged: boolean }): BrowserWindowConstructorOptions {
  return {
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    show: false,
    backgroundColor: '#ffffff',
    title: 'Counterpart',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools: !options.isPackaged,
    },
  };
}

type BlockableEvent = { preventDefault(): void };

/** Devtools (F12, Ctrl/Cmd+Shift+I/J/C, Cmd+Alt+I) and reload (F5, Ctrl/Cmd+R, with or without Shift). */
export function isBlockedShortcut(input: Pick<Input, 'type' | 'key' | 'control' | 'meta' | 'shift' | 'alt'>): boolean {
  if (input.type !== 'keyDown') return false;
  const key = input.key.toLowerCase();
  const command = input.control || input.meta;
  const devtools = key === 'f12' || (command && input.shift && ['i', 'j', 'c'].includes(key)) || (input.meta && input.alt && key === 'i');
  const reload = key === 'f5' || (command && key === 'r');
  return devtools || reload;
}

export function lockDownWebContents(contents: WebContents, options: { isPackaged: boolean }): void {
  const deny = (event: BlockableEvent): void => event.preventDefault();
  contents.on('will-navigate', deny);
  contents.on('will-frame-navigate', deny);
  contents.on('will-redirect', deny);
  contents.on('will-attach-webview', deny);
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  if (options.isPackaged) {
    contents.on('before-input-event', (event, input) => {
      if (isBlockedShortcut(input)) event.preventDefault();
    });
  }
}

export function lockDownSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // The page needs nothing from the network; the host does the talking.
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !(isAppUrl(details.url) || details.url.startsWith('devtools://')) });
  });
}
