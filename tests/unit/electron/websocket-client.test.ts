// The renderer's WebSocket client against the real browser-shell server, in process.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import NodeSocket from 'ws';
import { KioskCallError, type KioskEvent } from '../../../common/contract/index';
import { publicStoreConfigOf } from '../../../common/menu/schema';
import { startBrowserShell, type BrowserShell } from '../../../electron/browser-shell/server';
import { createDispatcher, type KioskHandlers } from '../../../electron/host/dispatcher';
import { createKioskHost } from '../../../electron/host/kiosk-host';
import { createWebSocketKioskApi, KioskLinkError, type WebSocketKioskApi } from '../../../renderer/api/websocket-client';
import { FIXTURE_MENU, FIXTURE_STORE } from '../../support/kiosk';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(overrideHandlers?: Partial<KioskHandlers>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'counterpart-unit-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const host = createKioskHost({ storeConfigPath: FIXTURE_STORE, menuPath: FIXTURE_MENU, dataDir });
  cleanups.push(() => host.close()); // the shell does not own the host; its broker listens on 1883/9001
  const dispatch = overrideHandlers ? createDispatcher({ ...host.handlers, ...overrideHandlers }) : host.dispatch;
  const shell: BrowserShell = await startBrowserShell({ host: { ...host, dispatch }, rendererDir: dataDir, port: 0 });
  cleanups.push(() => shell.close());
  const sockets: NodeSocket[] = [];
  const api: WebSocketKioskApi = createWebSocketKioskApi({
    url: `ws://127.0.0.1:${shell.port}/kiosk?token=${shell.token}`,
    createSocket: (url) => {
      const socket = new NodeSocket(url, { origin: shell.origin });
      sockets.push(socket);
      return socket as never;
    },
  });
  cleanups.push(() => api.close());
  return { host, shell, api, sockets };
}

const nextEvent = (api: WebSocketKioskApi, type: KioskEvent['type']): Promise<KioskEvent> =>
  new Promise((resolve) => {
    const stop = api.onEvent((event) => {
      if (event.type !== type) return;
      stop();
      resolve(event);
    });
  });

describe('renderer kiosk API over the browser shell', () => {
  it('has exactly one function per contract call, plus onEvent', async () => {
    const { api } = await setUp();
    expect(typeof api.getStartup).toBe('function');
    expect(typeof api.onEvent).toBe('function');
  });

  it('calls the host and returns typed output', async () => {
    const { api } = await setUp();
    const startup = await api.getStartup({});
    expect(startup.store.storeName).toBe('Harness Test Burgers');
    expect(startup.menu?.items[0]?.id).toBe('plain-burger');
  });

  it('turns a host error into a KioskCallError with the host message', async () => {
    const { api } = await setUp();
    const error = await api.getStartup({ surprise: true } as never).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KioskCallError);
    expect((error as KioskCallError).code).toBe('bad_request');
    expect((error as KioskCallError).message).toMatch(/^getStartup input: .*surprise/);
  });

  it('passes host events to listeners', async () => {
    const { api, host } = await setUp();
    await api.getStartup({});
    const seen = nextEvent(api, 'host.ready');
    host.emit({ type: 'host.ready', at: '2026-11-25T00:00:00.000Z' });
    expect(await seen).toEqual({ type: 'host.ready', at: '2026-11-25T00:00:00.000Z' });
  });

  it('fails a sent call clearly when the link drops, then reconnects by itself', async () => {
    const answers: (() => void)[] = [];
    const { api, sockets, host } = await setUp({
      getStartup: () =>
        new Promise((resolve) => {
          answers.push(() => resolve({ store: publicStoreConfigOf(host.store), menu: host.menu, menuVersion: host.menu.version, assetBase: 'menu-assets/' }));
        }),
    });
    const pending = api.getStartup({});
    await expect.poll(() => answers.length).toBe(1);
    const reconnected = nextEvent(api, 'host.ready');
    sockets[0]!.terminate();
    const error = await pending.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KioskLinkError);
    expect((error as KioskLinkError).sent).toBe(true);
    expect((error as Error).message).toMatch(/dropped while "getStartup" was waiting/);

    await reconnected;
    expect(sockets).toHaveLength(2);
    const next = api.getStartup({});
    await expect.poll(() => answers.length).toBe(2);
    answers[1]!();
    await expect(next).resolves.toMatchObject({ assetBase: 'menu-assets/' });
  });

  it('fails an unsent call when no host can be reached', async () => {
    const api = createWebSocketKioskApi({
      url: 'ws://127.0.0.1:9/kiosk?token=x',
      createSocket: (url) => new NodeSocket(url, { origin: 'http://127.0.0.1:9' }) as never,
      connectTimeoutMs: 200,
    });
    cleanups.push(() => api.close());
    const error = await api.getStartup({}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KioskLinkError);
    expect((error as KioskLinkError).sent).toBe(false);
    expect((error as Error).message).toMatch(/"getStartup" could not reach the kiosk host/);
  });
});
