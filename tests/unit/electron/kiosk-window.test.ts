// The Electron kiosk with electron mocked: window options, lockdown, IPC checks,
// single instance and crash recovery, as main.ts wires them.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, ipcChannel, kioskCalls } from '../../../common/contract/index';
import { APP_URL, OUT_OF_SERVICE_URL } from '../../../electron/main/app-protocol';
import type * as KioskHostModule from '../../../electron/host/kiosk-host';
import type { KioskHostOptions } from '../../../electron/host/kiosk-host';
import { RENDERER_DIR, runKiosk, type ElectronModule } from '../../../electron/main/kiosk-app';
import { isBlockedShortcut } from '../../../electron/main/lockdown';
import { DEFAULT_MENU_PATH, DEFAULT_STORE_PATH, DEMO_USERS_PATH } from '../../../electron/host/config';
import { FIXTURE_MENU, FIXTURE_STORE } from '../../support/kiosk';
import { createFakeElectron, FakeBrowserWindow, FakeFrame, type FakeElectron } from './fake-electron';

const mocked = vi.hoisted(() => ({ electron: undefined as unknown }));
vi.mock('electron', () => mocked.electron as Record<string, unknown>);
// The options the kiosk hands to its host, recorded (the real host still starts).
const hostCalls = vi.hoisted(() => ({ options: [] as unknown[] }));
vi.mock('../../../electron/host/kiosk-host', async (importOriginal) => {
  const original = await importOriginal<typeof KioskHostModule>();
  return {
    ...original,
    createKioskHost: (options: KioskHostOptions) => {
      hostCalls.options.push(options);
      return original.createKioskHost(options);
    },
  };
});

const hostOptions = { storeConfigPath: FIXTURE_STORE, menuPath: FIXTURE_MENU, dataDir: '/tmp/counterpart-unit-electron' };

async function start(options: { hasLock?: boolean; isPackaged?: boolean } = {}) {
  const electron = createFakeElectron(options);
  const running = await runKiosk(electron as unknown as ElectronModule, hostOptions);
  return { electron, running, window: FakeBrowserWindow.instances[0] };
}

describe('main.ts with electron mocked', () => {
  beforeEach(() => {
    vi.stubEnv('COUNTERPART_STORE', FIXTURE_STORE);
    vi.stubEnv('COUNTERPART_MENU', FIXTURE_MENU);
    vi.stubEnv('COUNTERPART_DATA', '/tmp/counterpart-unit-electron');
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('starts the kiosk window from the electron module', async () => {
    const electron = createFakeElectron();
    mocked.electron = electron;
    await import('../../../electron/main/main');
    await vi.waitFor(() => expect(FakeBrowserWindow.instances[0]?.loadURL).toHaveBeenCalledWith(APP_URL));
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalled();
  });
});

describe('kiosk window', () => {
  it('is a fullscreen kiosk with no menu and secure web preferences', async () => {
    const { electron, window } = await start();
    expect(window).toBeDefined();
    expect(window!.options).toMatchObject({ kiosk: true, fullscreen: true, autoHideMenuBar: true });
    expect(window!.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect((window!.options.webPreferences as { preload: string }).preload).toMatch(/dist\/electron\/preload\.cjs$/);
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledWith(null);
    expect(window!.removeMenu).toHaveBeenCalled();
    expect(window!.loadURL).toHaveBeenCalledWith(APP_URL);
  });

  it('has the embedded store bus broker serve the staff console from the renderer bundle the window loads', async () => {
    hostCalls.options.length = 0;
    await start();
    expect(hostCalls.options).toEqual([expect.objectContaining({ staffConsoleDir: RENDERER_DIR })]);
    expect(RENDERER_DIR).toMatch(/dist\/renderer$/);
  });

  it('turns devtools off in the packaged app only', async () => {
    expect((await start({ isPackaged: true })).window!.options.webPreferences).toMatchObject({ devTools: false });
    expect((await start({ isPackaged: false })).window!.options.webPreferences).toMatchObject({ devTools: true });
  });

  it('denies every navigation, redirect, new window and webview', async () => {
    const { window } = await start();
    const contents = window!.webContents;
    expect(contents.fire('will-navigate', { url: 'https://evil.example/' })).toBe(true);
    expect(contents.fire('will-navigate', { url: 'app://kiosk/index.html' })).toBe(true);
    expect(contents.fire('will-frame-navigate', { url: 'https://evil.example/' })).toBe(true);
    expect(contents.fire('will-redirect', { url: 'https://evil.example/' })).toBe(true);
    expect(contents.fire('will-attach-webview', {}, { src: 'https://evil.example/' })).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'app://kiosk/index.html' })).toEqual({ action: 'deny' });
  });

  it('denies every permission request and check, and every request off app://kiosk', async () => {
    const { electron } = await start();
    const session = electron.session.defaultSession;
    for (const permission of ['media', 'geolocation', 'notifications', 'serial', 'openExternal', 'fullscreen']) {
      const callback = vi.fn();
      session.permissionRequestHandler?.({}, permission, callback);
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(session.permissionCheckHandler?.({}, permission), permission).toBe(false);
    }
    expect(session.devicePermissionHandler?.({ deviceType: 'usb' })).toBe(false);
    const verdict = (url: string): boolean => {
      let cancel: boolean | undefined;
      session.beforeRequest?.({ url }, (response) => (cancel = response.cancel));
      return cancel!;
    };
    expect(verdict('app://kiosk/assets/kiosk.js')).toBe(false);
    expect(verdict('https://tracker.example/pixel.png')).toBe(true);
    expect(verdict('file:///etc/passwd')).toBe(true);
    expect(verdict('app://other/index.html')).toBe(true);
  });

  it('blocks devtools and reload shortcuts when packaged, and leaves typing alone', async () => {
    const key = (k: string, modifiers: Partial<Record<'control' | 'meta' | 'shift' | 'alt', boolean>> = {}) => ({
      type: 'keyDown', key: k, control: false, meta: false, shift: false, alt: false, ...modifiers,
    });
    const packaged = (await start({ isPackaged: true })).window!.webContents;
    for (const input of [key('F12'), key('I', { control: true, shift: true }), key('j', { meta: true, shift: true }), key('i', { meta: true, alt: true }), key('F5'), key('r', { control: true }), key('R', { control: true, shift: true })]) {
      expect(packaged.fire('before-input-event', input), JSON.stringify(input)).toBe(true);
    }
    for (const input of [key('a'), key('r'), key('Enter'), key('I', { shift: true })]) {
      expect(packaged.fire('before-input-event', input), JSON.stringify(input)).toBe(false);
    }
    const development = (await start({ isPackaged: false })).window!.webContents;
    expect(development.fire('before-input-event', key('F12'))).toBe(false);
    expect(isBlockedShortcut({ ...key('F12'), type: 'keyUp' })).toBe(false);
  });

  it('keeps a single instance: a second launch quits and the first comes to the front', async () => {
    const second = await start({ hasLock: false });
    expect(second.running).toBeNull();
    expect(second.electron.app.quit).toHaveBeenCalled();
    expect(second.window).toBeUndefined();

    const first = await start({ hasLock: true });
    first.window!.minimized = true;
    first.electron.app.emit('second-instance');
    expect(first.window!.restore).toHaveBeenCalled();
    expect(first.window!.focus).toHaveBeenCalled();
    expect(first.electron.app.quit).not.toHaveBeenCalled();
  });

  it('reloads a crashed renderer, and shows an out-of-service page if it keeps crashing', async () => {
    const { window } = await start();
    const contents = window!.webContents;
    contents.fire('render-process-gone', { reason: 'clean-exit' });
    expect(contents.reload).not.toHaveBeenCalled();
    for (let crash = 1; crash <= 3; crash++) contents.fire('render-process-gone', { reason: 'crashed' });
    expect(contents.reload).toHaveBeenCalledTimes(3);
    contents.fire('render-process-gone', { reason: 'oom' });
    expect(contents.reload).toHaveBeenCalledTimes(3);
    expect(window!.loadURL).toHaveBeenLastCalledWith(OUT_OF_SERVICE_URL);
  });

  it('forwards host events to the page on the event channel', async () => {
    const { running, window } = await start();
    running!.host.emit({ type: 'host.ready', at: '2026-11-25T00:00:00.000Z' });
    expect(window!.webContents.sent).toEqual([{ channel: IPC_EVENT_CHANNEL, payload: { type: 'host.ready', at: '2026-11-25T00:00:00.000Z' } }]);
  });

  it('shows the config error and exits when the menu is invalid and there is no last good menu', async () => {
    const electron = createFakeElectron();
    // A fresh data folder: with a last good menu saved there, the host would start on it instead.
    const dataDir = mkdtempSync(join(tmpdir(), 'counterpart-unit-electron-'));
    const running = await runKiosk(electron as unknown as ElectronModule, { ...hostOptions, dataDir, menuPath: FIXTURE_STORE });
    expect(running).toBeNull();
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith('Counterpart cannot start', expect.stringContaining(`${FIXTURE_STORE}: $.id: is required`));
    expect(electron.app.exit).toHaveBeenCalledWith(1);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });
});

describe('IPC', () => {
  let electron: FakeElectron;
  let window: FakeBrowserWindow;
  beforeEach(async () => {
    ({ electron, window } = (await start()) as { electron: FakeElectron; window: FakeBrowserWindow });
  });
  const invoke = (name: string, event: unknown, input: unknown) => electron.ipcHandlers.get(ipcChannel(name as never))!(event, input);
  const fromPage = () => ({ sender: window.webContents, senderFrame: window.webContents.mainFrame });

  it('registers one handler per contract call and nothing else', () => {
    expect([...electron.ipcHandlers.keys()].sort()).toEqual(Object.keys(kioskCalls).map((name) => ipcChannel(name as never)).sort());
  });

  it('answers a valid call from the kiosk page', async () => {
    const result = (await invoke('getStartup', fromPage(), {})) as { ok: boolean; output: { store: { storeName: string } } };
    expect(result.ok).toBe(true);
    expect(result.output.store.storeName).toBe('Harness Test Burgers');
  });

  it('rejects a bad payload with a message naming the call and the field', async () => {
    expect(await invoke('getStartup', fromPage(), { injected: '<script>' })).toEqual({
      ok: false,
      error: { code: 'bad_request', message: expect.stringMatching(/^getStartup input: .*injected/) },
    });
    expect(await invoke('getStartup', fromPage(), 'not an object')).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('refuses foreign senders: another page, an iframe, another web contents, a destroyed frame', async () => {
    const foreignUrl = { sender: window.webContents, senderFrame: Object.assign(window.webContents.mainFrame, {}) };
    window.webContents.mainFrame.url = 'https://evil.example/';
    expect(await invoke('getStartup', foreignUrl, {})).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'getStartup: refused a call from https://evil.example/, which is not the kiosk page' },
    });
    window.webContents.mainFrame.url = 'app://kiosk/index.html';

    const iframe = new FakeFrame('app://kiosk/index.html');
    iframe.parent = window.webContents.mainFrame;
    expect(await invoke('getStartup', { sender: window.webContents, senderFrame: iframe }, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const otherContents = new FakeBrowserWindow({}).webContents;
    expect(await invoke('getStartup', { sender: otherContents, senderFrame: otherContents.mainFrame }, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    expect(await invoke('getStartup', { sender: window.webContents, senderFrame: null }, {})).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'getStartup: refused a call from a destroyed frame, which is not the kiosk page' },
    });
  });

  it('refuses calls once the window is closed', async () => {
    const event = fromPage();
    window.emit('closed');
    expect(await invoke('getStartup', event, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('a packaged kiosk and the sample store', () => {
  const sample = { storeConfigPath: DEFAULT_STORE_PATH, menuPath: DEFAULT_MENU_PATH, dataDir: mkdtempSync(join(tmpdir(), 'counterpart-demo-')) };
  afterEach(() => vi.unstubAllEnvs());

  it('refuses the sample store without the demo flag and says how to configure a real store', async () => {
    const electron = createFakeElectron({ isPackaged: true });
    const running = await runKiosk(electron as unknown as ElectronModule, sample);
    expect(running).toBeNull();
    expect(electron.app.exit).toHaveBeenCalledWith(1);
    const [title, message] = electron.dialog.showErrorBox.mock.calls[0] as [string, string];
    expect(title).toBe('Counterpart cannot start');
    expect(message).toContain(`${DEFAULT_STORE_PATH}: this is the sample store`);
    expect(message).toContain('COUNTERPART_STORE');
    expect(message).toContain('--demo');
  });

  it('refuses the demo staff users for a real store', async () => {
    vi.stubEnv('COUNTERPART_STORE_BUS_USERS', DEMO_USERS_PATH);
    const electron = createFakeElectron({ isPackaged: true });
    expect(await runKiosk(electron as unknown as ElectronModule, { ...sample, storeConfigPath: FIXTURE_STORE, menuPath: FIXTURE_MENU })).toBeNull();
    expect(electron.dialog.showErrorBox.mock.calls[0]?.[1]).toContain('demo staff users');
  });

  it('runs the sample store when started with the demo flag, and always in development', async () => {
    vi.stubEnv('COUNTERPART_DEMO', '1');
    const demo = await runKiosk(createFakeElectron({ isPackaged: true }) as unknown as ElectronModule, sample);
    expect(demo?.window).toBeDefined();
    await demo?.host.close();
    vi.unstubAllEnvs();
    const development = await runKiosk(createFakeElectron({ isPackaged: false }) as unknown as ElectronModule, sample);
    expect(development?.window).toBeDefined();
    await development?.host.close();
  });
});
