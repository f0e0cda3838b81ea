// Secrets stay in the host: a store config with a store-bus password and a terminal
// password, and a page (holding the token) that reads everything it can: getStartup,
// every event, every answer. None of it carries a secret, and neither does the log.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import NodeSocket from 'ws';
import { publicStoreConfig } from '../../../common/menu/schema';
import { startBrowserShell } from '../../../electron/browser-shell/server';
import { createDispatcher } from '../../../electron/host/dispatcher';
import { createKioskHost } from '../../../electron/host/kiosk-host';
import { captureLog } from '../../../electron/host/log';
import { FIXTURE_MENU, FIXTURE_STORE } from '../../support/kiosk';

const BUS_PASSWORD = 'bus-password-Qx7!';
const TERMINAL_PASSWORD = '424242';
const BUS_URL = 'mqtt://127.0.0.1:9';
const PRINTER_PORT = '/dev/ttyCOUNTERPART-test-printer';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function kioskWithSecrets() {
  const dir = mkdtempSync(join(tmpdir(), 'counterpart-secrets-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const storeConfigPath = join(dir, 'store.json');
  writeFileSync(
    storeConfigPath,
    JSON.stringify({
      ...JSON.parse(readFileSync(FIXTURE_STORE, 'utf8')),
      storeBus: { url: BUS_URL, username: 'kiosk-1', password: BUS_PASSWORD },
      devices: { printer: { path: PRINTER_PORT }, terminal: { path: '/dev/ttyCOUNTERPART-test-terminal', password: TERMINAL_PASSWORD } },
    }),
  );
  const { log, events } = captureLog();
  const host = createKioskHost({ storeConfigPath, menuPath: FIXTURE_MENU, dataDir: join(dir, 'data'), log });
  cleanups.push(() => host.close());
  const shell = await startBrowserShell({ host, rendererDir: dir, port: 0, log });
  cleanups.push(() => shell.close());
  return { host, shell, events };
}

/** The page needs none of these; the log may name the broker and ports, never a password. */
const hiddenFromPage = [BUS_PASSWORD, TERMINAL_PASSWORD, BUS_URL, PRINTER_PORT];
const hiddenFromLog = [BUS_PASSWORD, TERMINAL_PASSWORD];

describe('secrets stay in the host', () => {
  it('getStartup gives the page the public view of the store config; nothing the page receives or the host logs carries a secret', async () => {
    const { shell, events } = await kioskWithSecrets();
    const socket = new NodeSocket(`ws://127.0.0.1:${shell.port}/kiosk?token=${shell.token}`, { origin: shell.origin });
    const received: string[] = [];
    socket.on('message', (data) => received.push(data.toString()));
    await new Promise((resolve) => socket.once('open', resolve));
    cleanups.push(() => socket.close());

    const answers = new Map<string, unknown>();
    const calls = ['getStartup', 'getMenu', 'getStoreBusStatus', 'getHelpRequest'];
    for (const call of calls) socket.send(JSON.stringify({ id: call, call, input: {} }));
    await expect.poll(() => {
      for (const text of received) {
        const message = JSON.parse(text) as { id?: string; output?: unknown };
        if (message.id) answers.set(message.id, message.output);
      }
      return answers.size;
    }).toBe(calls.length);

    const startup = answers.get('getStartup') as { store: Record<string, unknown> };
    expect(publicStoreConfig.safeParse(startup.store).success).toBe(true);
    expect(Object.keys(startup.store)).not.toContain('storeBus');
    expect(Object.keys(startup.store)).not.toContain('devices');
    expect(startup.store).toMatchObject({ storeName: 'Harness Test Burgers', currency: 'EUR' });

    // Everything that crossed the socket (answers and events), and everything logged so far.
    const toPage = received.join('\n');
    for (const secret of hiddenFromPage) expect(toPage).not.toContain(secret);
    const logged = events.map((event) => JSON.stringify(event)).join('\n');
    for (const secret of hiddenFromLog) expect(logged).not.toContain(secret);
  });

  it('a handler that answers with more than its contract cannot leak it: the dispatcher passes only the declared output', async () => {
    const { host } = await kioskWithSecrets();
    const { log, events } = captureLog();
    const leaky = createDispatcher({ ...host.handlers, getStartup: () => ({ store: host.store, menu: host.menu, menuVersion: host.menu.version, assetBase: 'menu-assets/' }) }, { log });
    const result = await leaky('getStartup', {});
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain(BUS_PASSWORD);
    expect(JSON.stringify(result)).not.toContain(TERMINAL_PASSWORD);
    expect(events.some((event) => event.event === 'call_output_refused')).toBe(true);
    // Extra fields outside strict objects are dropped rather than passed on.
    const chatty = createDispatcher({ ...host.handlers, getStoreBusStatus: () => ({ online: false, password: BUS_PASSWORD }) as never });
    expect(await chatty('getStoreBusStatus', {})).toEqual({ ok: true, output: { online: false } });
  });
});
