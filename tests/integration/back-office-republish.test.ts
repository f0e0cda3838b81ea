// A broker that restarts without its retained messages (the embedded one keeps them in memory):
// the back office puts back what is sold out, so a kiosk or staff screen that opens afterwards
// does not offer what staff took off, and what is sold out lasts until closing time.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { menu as menuSchema, storeConfig } from '../../common/menu/schema';
import { availabilityMessage, storeTopics } from '../../common/store-bus/messages';
import { startBackOffice, type RunningBackOffice } from '../../back-office/server/start';
import { FIXTURE_MENU, FIXTURE_STORE } from '../support/kiosk';
import { collect, connectAs, endClient, hashedUsers, STORE, startMosquitto, subscribe, type Mosquitto } from './store-bus/support';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The retained availability a screen opening now would get (a fresh connection each time). */
async function availabilityOnBroker(url: string): Promise<string[] | null> {
  const client = await connectAs(url, 'anna');
  try {
    const inbox = collect(client);
    await subscribe(client, storeTopics(STORE).availability);
    const found = await Promise.race([inbox.next(() => true), new Promise<null>((resolve) => setTimeout(() => resolve(null), 500))]);
    return found && found.text !== '' ? availabilityMessage.parse(JSON.parse(found.text)).soldOut : null;
  } finally {
    await endClient(client);
  }
}

describe('back office and a broker that lost its retained messages', () => {
  it('republishes what is sold out after the broker restarted', async () => {
    let mosquitto: Mosquitto = await startMosquitto();
    cleanups.push(() => mosquitto.stop());
    const dir = mkdtempSync(join(tmpdir(), 'counterpart-republish-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const users = await hashedUsers();
    const backOffice: RunningBackOffice = await startBackOffice({
      store: storeConfig.parse({ ...JSON.parse(readFileSync(FIXTURE_STORE, 'utf8')), storeId: STORE }),
      menuPath: FIXTURE_MENU,
      fileMenu: menuSchema.parse(JSON.parse(readFileSync(FIXTURE_MENU, 'utf8'))),
      database: { kind: 'sqlite', file: join(dir, 'back-office.sqlite') },
      bus: { url: mosquitto.url, username: 'olaf', password: 'operator-secret' },
      users: () => users,
      rendererDir: dir,
      http: { host: '127.0.0.1', port: 0 },
    });
    cleanups.push(() => backOffice.close());

    // The operator marks the plain burger sold out, as the back office page does.
    const origin = new URL(backOffice.url).origin;
    const signIn = await fetch(`${origin}/back-office/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: origin }, body: JSON.stringify({ username: 'olaf', password: 'operator-secret' }) });
    expect(signIn.status).toBe(200);
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    await expect
      .poll(async () => (await fetch(`${origin}/back-office/api/sold-out/plain-burger`, { method: 'PUT', headers: { 'Content-Type': 'application/json', Origin: origin, Cookie: cookie, 'X-CSRF-Token': csrfToken }, body: JSON.stringify({ soldOut: true }) })).status, { timeout: 10_000 })
      .toBe(200);
    await expect.poll(() => availabilityOnBroker(mosquitto.url), { timeout: 10_000 }).toEqual(['plain-burger']);

    // The broker restarts on the same port with nothing retained.
    const port = mosquitto.port;
    await mosquitto.stop();
    mosquitto = await startMosquitto(undefined, port);
    await expect.poll(() => availabilityOnBroker(mosquitto.url), { timeout: 20_000, interval: 500 }).toEqual(['plain-burger']);
  });
});
