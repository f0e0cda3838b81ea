// A hand-made stand-in for the parts of electron the kiosk uses, for vi.mock('electron').
// It records what the kiosk asked for and lets tests fire the events Electron would.
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

export class FakeFrame {
  parent: FakeFrame | null = null;
  constructor(public url: string) {}
}

export class FakeWebContents extends EventEmitter {
  mainFrame = new FakeFrame('app://kiosk/index.html');
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  sent: { channel: string; payload: unknown }[] = [];
  destroyed = false;
  reload = vi.fn();
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Fires an event the way Electron does and says whether a listener called preventDefault(). */
  fire(name: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(name, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  webContents = new FakeWebContents();
  loadURL = vi.fn(async (_url: string) => undefined);
  removeMenu = vi.fn();
  show = vi.fn();
  focus = vi.fn();
  restore = vi.fn();
  minimized = false;
  constructor(public options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  isMinimized(): boolean {
    return this.minimized;
  }
}

export class FakeSession {
  permissionRequestHandler: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
  permissionCheckHandler: ((contents: unknown, permission: string) => boolean) | undefined;
  devicePermissionHandler: ((details: unknown) => boolean) | undefined;
  beforeRequest: ((details: { url: string }, callback: (response: { cancel: boolean }) => void) => void) | undefined;
  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: FakeSession['devicePermissionHandler']): void {
    this.devicePermissionHandler = handler;
  }
  webRequest = {
    onBeforeRequest: (handler: FakeSession['beforeRequest']) => {
      this.beforeRequest = handler;
    },
  };
}

export type IpcHandler = (event: unknown, input: unknown) => Promise<unknown>;

export function createFakeElectron(options: { hasLock?: boolean; isPackaged?: boolean } = {}) {
  const app = Object.assign(new EventEmitter(), {
    isPackaged: options.isPackaged ?? false,
    requestSingleInstanceLock: vi.fn(() => options.hasLock ?? true),
    quit: vi.fn(),
    exit: vi.fn(),
    whenReady: vi.fn(() => Promise.resolve()),
    getPath: vi.fn((_name: string) => '/tmp/counterpart-fake-userdata'),
  });
  const ipcHandlers = new Map<string, IpcHandler>();
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  FakeBrowserWindow.instances = [];
  return {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain: { handle: vi.fn((channel: string, handler: IpcHandler) => void ipcHandlers.set(channel, handler)) },
    ipcHandlers,
    Menu: { setApplicationMenu: vi.fn() },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(),
      handle: vi.fn((scheme: string, handler: (request: Request) => Promise<Response>) => void protocolHandlers.set(scheme, handler)),
    },
    protocolHandlers,
    session: { defaultSession: new FakeSession() },
    dialog: { showErrorBox: vi.fn() },
  };
}
export type FakeElectron = ReturnType<typeof createFakeElectron>;
