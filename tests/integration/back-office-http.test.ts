// The back office's HTTP API as an operator's page uses it: an upload whose file name header is
// not percent-encoded is refused with words, not a server error.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { menu as menuSchema, storeConfig } from '../../common/menu/schema';
import { startBackOffice, type RunningBackOffice } from '../../back-office/server/start';
import { FIXTURE_MENU, FIXTURE_STORE } from '../support/kiosk';
import { hashedUsers, STORE, startMosquitto } from './store-bus/support';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A back office on `busUrl`, and an operator signed in to it as its page is: origin, cookie and CSRF token. */
async function operatorSignedIn(busUrl: string): Promise<{ origin: string; headers: Record<string, string> }> {
  const dir = mkdtempSync(join(tmpdir(), 'counterpart-back-office-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const users = await hashedUsers();
  const backOffice: RunningBackOffice = await startBackOffice({
    store: storeConfig.parse({ ...JSON.parse(readFileSync(FIXTURE_STORE, 'utf8')), storeId: STORE }),
    menuPath: FIXTURE_MENU,
    fileMenu: menuSchema.parse(JSON.parse(readFileSync(FIXTURE_MENU, 'utf8'))),
    database: { kind: 'sqlite', file: join(dir, 'back-office.sqlite') },
    bus: { url: busUrl, username: 'olaf', password: 'operator-secret' },
    users: () => users,
    rendererDir: dir,
    http: { host: '127.0.0.1', port: 0 },
  });
  cleanups.push(() => backOffice.close());
  const origin = new URL(backOffice.url).origin;
  const signIn = await fetch(`${origin}/back-office/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: origin }, body: JSON.stringify({ username: 'olaf', password: 'operator-secret' }) });
  expect(signIn.status).toBe(200);
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  return { origin, headers: { Origin: origin, Cookie: signIn.headers.get('set-cookie')!.split(';')[0]!, 'X-CSRF-Token': csrfToken } };
}

describe('back office image uploads over HTTP', () => {
  it('answers a file name header that is not percent-encoded with a 400 that says so', async () => {
    const mosquitto = await startMosquitto();
    cleanups.push(() => mosquitto.stop());
    const { origin, headers } = await operatorSignedIn(mosquitto.url);
    const upload = await fetch(`${origin}/back-office/api/images`, { method: 'POST', headers: { ...headers, 'Content-Type': 'image/svg+xml', 'X-File-Name': '%E0%A4%A' }, body: '<svg xmlns="http://www.w3.org/2000/svg"/>' });
    expect(upload.status).toBe(400);
    expect(await upload.json()).toMatchObject({ error: { code: 'bad_request', message: expect.stringContaining('X-File-Name') } });
  });
});
