// Wires the Electron kiosk together. Takes the electron module as an argument so
// tests can run it against a mocked electron.
import type * as Electron from 'electron';
import { join } from 'node:path';
import { ConfigError, demoRequested, REPO_ROOT } from '../host/config';
import { createKioskHost, type KioskHost, type KioskHostOptions } from '../host/kiosk-host';
import { startEmbeddedBackOffice } from '../../back-office/server/embedded';
import { APP_URL, OUT_OF_SERVICE_URL, registerAppScheme, serveAppProtocol } from './app-protocol';
import { createCrashRecovery } from './crash-recovery';
import { forwardHostEvents, isTrustedSender, registerContractHandlers } from './ipc';
import { kioskWindowOptions, lockDownSession, lockDownWebContents } from './lockdown';
import { claimSingleInstance } from './single-instance';

export type ElectronModule = Pick<typeof Electron, 'app' | 'BrowserWindow' | 'ipcMain' | 'Menu' | 'protocol' | 'session' | 'dialog'>;

export const RENDERER_DIR = join(REPO_ROOT, 'dist/renderer');
export const PRELOAD_PATH = join(REPO_ROOT, 'dist/electron/preload.cjs');

export interface RunningKiosk {
  window: Electron.BrowserWindow;
  host: KioskHost;
}

/** Resolves with the running kiosk, or null when this instance quits (second instance, bad config). */
export function runKiosk(electron: ElectronModule, hostOptions: KioskHostOptions = {}): Promise<RunningKiosk | null> {
  const { app, BrowserWindow, ipcMain, Menu, protocol, session, dialog } = electron;
  registerAppScheme(protocol);

  let window: Electron.BrowserWindow | null = null;
  const showExisting = (): void => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  };
  if (!claimSingleInstance(app, showExisting)) return Promise.resolve(null);
  app.on('window-all-closed', () => app.quit());

  return app.whenReady().then(async () => {
    let host: KioskHost;
    try {
      // The embedded store bus broker serves the staff console from the same renderer bundle the window loads.
      host = createKioskHost({
        dataDir: process.env.COUNTERPART_DATA ?? join(app.getPath('userData'), 'host'),
        staffConsoleDir: RENDERER_DIR,
        startBackOffice: startEmbeddedBackOffice,
        refuseDemo: app.isPackaged && !demoRequested(process.argv, process.env),
        pageFirst: true,
        ...hostOptions,
      });
    } catch (error) {
      const message = error instanceof ConfigError ? error.message : String(error);
      dialog.showErrorBox('Counterpart cannot start', message);
      app.exit(1);
      return null;
    }
    Menu.setApplicationMenu(null);
    lockDownSession(session.defaultSession);
    serveAppProtocol(protocol, { rendererDir: RENDERER_DIR, assetDir: host.assetDir, brandDir: host.brandDir });
    registerContractHandlers(ipcMain, { dispatch: host.dispatch, isTrusted: (event) => isTrustedSender(event, window) });

    const kioskWindow = new BrowserWindow(kioskWindowOptions({ preloadPath: PRELOAD_PATH, isPackaged: app.isPackaged }));
    window = kioskWindow;
    kioskWindow.removeMenu();
    lockDownWebContents(kioskWindow.webContents, { isPackaged: app.isPackaged });
    const stopEvents = forwardHostEvents(host, kioskWindow.webContents);
    kioskWindow.webContents.on(
      'render-process-gone',
      createCrashRecovery({
        reload: () => kioskWindow.webContents.reload(),
        giveUp: () => void kioskWindow.loadURL(OUT_OF_SERVICE_URL),
      }),
    );
    kioskWindow.once('ready-to-show', () => kioskWindow.show());
    kioskWindow.on('closed', () => {
      stopEvents();
      window = null;
    });
    app.on('before-quit', () => void host.close());
    await kioskWindow.loadURL(APP_URL);
    return { window: kioskWindow, host };
  });
}
