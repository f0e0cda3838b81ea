// "Call staff" end to end, on real brokers: two kiosks (browser shell + Chromium)
// and a staff console in Chromium on one store bus, first the embedded aedes broker
// of kiosk 1, then Mosquitto started by the test (password file + ACL file). A
// customer calls staff on kiosk 1, the console shows it with the cart, staff
// acknowledge, kiosk 1 shows who is coming, staff resolve it at the kiosk in staff
// mode. With Mosquitto: the kiosk keeps taking orders while the broker is down and
// delivers them exactly once after it is back; a kiosk that dies shows offline.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { connect, type MqttClient } from 'mqtt';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { storeConfig as storeConfigSchema } from '../../common/menu/schema';
import { storeTopics } from '../../common/store-bus/messages';
import { hashPassword } from '../../electron/host/store-bus/credentials';
import { mosquittoAcl, type AclUser } from '../../electron/host/store-bus/mosquitto-acl';
import { CHROMIUM_ARGS, CHROMIUM_PATH, FIXTURE_MENU, FIXTURE_STORE, REPO_ROOT, STAFF_CONSOLE_LINE, formatViolations, runAxe, startKiosk, type Kiosk } from '../support/kiosk';
import { freePort } from '../integration/store-bus/support';
import { addAsIs, readKioskStore, startOrder } from './ordering-steps';
import { enterPinByTouch, longPressStaffCorner, signInByTouch } from './staff-steps';

const STORE_ID = 'test-store';
const topics = storeTopics(STORE_ID);
const STAFF = { username: 'sam', pin: '4711' };
const KIOSK_SECRETS: Record<string, string> = { 'kiosk-1': 'kiosk-1-secret-for-tests', 'kiosk-2': 'kiosk-2-secret-for-tests' };
const TEST_COST = { N: 1024, r: 8, p: 1 };

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'counterpart-call-staff-'));
  dirs.push(dir);
  return dir;
};

/** The harness store config for one kiosk, optionally pointed at an external broker. */
function storeConfig(kioskId: string, orderPrefix: string, storeBus?: { url: string }): string {
  const dir = tempDir();
  const config = { ...JSON.parse(readFileSync(FIXTURE_STORE, 'utf8')), kioskId, orderPrefix, ...(storeBus ? { storeBus: { url: storeBus.url, username: kioskId, password: KIOSK_SECRETS[kioskId] } } : {}) };
  const path = join(dir, 'store.json');
  writeFileSync(path, JSON.stringify(config));
  return path;
}

async function embeddedUsersFile(dir: string): Promise<void> {
  writeFileSync(
    join(dir, 'store-bus-users.json'),
    JSON.stringify([
      { username: STAFF.username, role: 'staff', store: STORE_ID, passwordHash: await hashPassword(STAFF.pin, TEST_COST) },
      { username: 'bert', role: 'staff', store: STORE_ID, passwordHash: await hashPassword('2580', TEST_COST) },
      { username: 'kiosk-2', role: 'kiosk', store: STORE_ID, kiosk: 'kiosk-2', passwordHash: await hashPassword(KIOSK_SECRETS['kiosk-2']!, TEST_COST) },
    ]),
  );
}

// ---------------------------------------------------------------- Mosquitto with MQTT over WebSocket for the console

interface Mosquitto {
  tcpPort: number;
  wsPort: number;
  start(): Promise<void>;
  stop(): Promise<void>;
  dispose(): Promise<void>;
}

function mosquittoBroker(tcpPort: number, wsPort: number): Mosquitto {
  const dir = tempDir();
  const passwordFile = join(dir, 'passwd');
  writeFileSync(passwordFile, '');
  const users: [string, string][] = [[STAFF.username, STAFF.pin], ['kiosk-1', KIOSK_SECRETS['kiosk-1']!], ['kiosk-2', KIOSK_SECRETS['kiosk-2']!]];
  for (const [name, password] of users) {
    const result = spawnSync('mosquitto_passwd', ['-b', passwordFile, name, password], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`mosquitto_passwd failed: ${result.stderr}`);
  }
  const aclUsers: AclUser[] = [
    { username: 'kiosk-1', role: 'kiosk', store: STORE_ID, kiosk: 'kiosk-1' },
    { username: 'kiosk-2', role: 'kiosk', store: STORE_ID, kiosk: 'kiosk-2' },
    { username: STAFF.username, role: 'staff', store: STORE_ID },
  ];
  writeFileSync(join(dir, 'acl'), mosquittoAcl(aclUsers));
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(
    conf,
    [
      `listener ${tcpPort} 127.0.0.1`,
      `listener ${wsPort} 127.0.0.1`,
      'protocol websockets',
      ...(process.getuid?.() === 0 ? ['user root'] : []),
      'allow_anonymous false',
      `password_file ${passwordFile}`,
      `acl_file ${join(dir, 'acl')}`,
      // Persistent sessions survive a restart, as in a store: a subscriber misses nothing published while it reconnects.
      'persistence true',
      `persistence_location ${dir}/`,
      'log_dest stderr',
      'log_type error',
      '',
    ].join('\n'),
  );
  let child: ChildProcess | undefined;
  const stop = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGTERM');
    await exited;
  };
  return {
    tcpPort,
    wsPort,
    async start() {
      let stderr = '';
      const started = spawn('mosquitto', ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
      child = started;
      started.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      await vi.waitFor(
        async () => {
          if (started.exitCode !== null) throw new Error(`mosquitto exited: ${stderr}`);
          const probe = await mqttClient(`mqtt://127.0.0.1:${tcpPort}`, `${STAFF.username}/probe-${randomUUID().slice(0, 8)}`, true).catch(() => undefined);
          if (!probe) throw new Error(`mosquitto did not accept connections: ${stderr}`);
          await endClient(probe);
        },
        { interval: 100, timeout: 5_000 },
      );
    },
    stop,
    dispose: stop,
  };
}

function mqttClient(url: string, clientId: string, clean: boolean): Promise<MqttClient> {
  const client = connect(url, { username: STAFF.username, password: STAFF.pin, clientId, clean, protocolVersion: 4, reconnectPeriod: 300, connectTimeout: 5000 });
  return new Promise((resolve, reject) => {
    client.once('connect', () => resolve(client));
    client.once('error', (error) => {
      client.end(true);
      reject(error);
    });
  });
}
const endClient = (client: MqttClient | undefined): Promise<void> => (client ? new Promise((resolve) => client.end(true, {}, () => resolve())) : Promise.resolve());

/** Serves dist/renderer (the staff console page and its assets) for a store whose broker does not serve it. */
async function serveRenderer(): Promise<{ url: string; close(): Promise<void> }> {
  const root = join(REPO_ROOT, 'dist/renderer');
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.woff2': 'font/woff2' };
  const server: Server = createServer((request, response) => {
    const path = normalize(new URL(request.url ?? '/', 'http://x').pathname).replace(/^(\.\.[/\\])+/, '');
    const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(root) || !existsSync(file)) return void response.writeHead(404).end();
    response.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

// ---------------------------------------------------------------- steps

async function openConsole(browser: Browser, url: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  await page.getByLabel('Staff name').fill(STAFF.username);
  await page.getByLabel('PIN').fill(STAFF.pin);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: /Help requests/ }).waitFor();
  return { page, errors };
}

const kioskHealth = (console: Page, kioskId: string) => console.getByRole('listitem', { name: `Kiosk ${kioskId}`, exact: true });

/** The whole call-staff round trip between kiosk 1, the console and staff mode at kiosk 1. */
async function callStaffRoundTrip(kiosk1: Kiosk, kiosk2: Kiosk, console: Page): Promise<void> {
  const page = kiosk1.page;
  await expect.poll(() => kioskHealth(console, 'kiosk-1').textContent(), { timeout: 30_000 }).toMatch(/Online/);
  await expect.poll(() => kioskHealth(console, 'kiosk-2').textContent(), { timeout: 30_000 }).toMatch(/Online/);

  await startOrder(page);
  await addAsIs(page, 'Burgers', 'Plain Burger');

  // Call staff by touch, with a reason; the dialog says where it stands.
  await page.getByRole('button', { name: 'Call staff' }).tap();
  const dialog = page.getByRole('dialog', { name: 'How can we help?' });
  await dialog.waitFor();
  expect(formatViolations(await runAxe(page))).toBe('');
  // No keyboard hints for a touch customer, and no staff sign-in offered to customers.
  expect(await dialog.getByText('press the ? key', { exact: false }).count()).toBe(0);
  expect(await dialog.getByRole('button', { name: 'Staff sign-in' }).count()).toBe(0);
  // The reason is chosen, then the main action sends what is chosen.
  const reason = dialog.getByRole('button', { name: 'A question about allergens' });
  await reason.tap();
  expect(await reason.getAttribute('aria-pressed')).toBe('true');
  await dialog.getByRole('button', { name: 'Call staff now' }).tap();
  await dialog.getByRole('status').getByText('Help is on the way', { exact: false }).waitFor();
  expect(await dialog.getByRole('button', { name: 'Staff sign-in' }).count()).toBe(0);
  expect(formatViolations(await runAxe(page))).toBe('');

  // The console shows it, with the cart.
  const card = console.getByRole('listitem', { name: 'Kiosk kiosk-1: Allergy question' });
  await expect.poll(() => card.count(), { timeout: 20_000 }).toBe(1);
  expect(await card.textContent()).toContain('1 × Plain Burger');
  expect(await console.getByRole('listitem', { name: /^Kiosk kiosk-2: / }).count()).toBe(0);

  // Staff acknowledge: kiosk 1 shows who is coming (kiosk 2 hears nothing).
  await card.getByRole('button', { name: 'On my way' }).click();
  await dialog.getByRole('status').getByText(`${STAFF.username} is on the way to you.`).waitFor();
  expect(formatViolations(await runAxe(page))).toBe('');
  await dialog.getByRole('button', { name: 'Keep ordering' }).click();
  await page.getByRole('region', { name: 'Your request for help' }).getByText(`${STAFF.username} is on the way to you.`).waitFor();
  expect(await kiosk2.page.getByText('is on the way', { exact: false }).count()).toBe(0);

  // Staff resolve it at the kiosk, in staff mode: the Call staff dialog offers sign-in once staff are coming.
  await page.getByRole('button', { name: 'Call staff' }).tap();
  await dialog.getByRole('button', { name: 'Staff sign-in' }).tap();
  const signIn = page.getByRole('dialog', { name: 'Staff sign-in' });
  await signInByTouch(signIn, STAFF.username, STAFF.pin);
  const staffMode = page.getByRole('dialog', { name: `Staff mode – ${STAFF.username}` });
  await staffMode.waitFor();
  expect(formatViolations(await runAxe(page))).toBe('');
  await staffMode.getByLabel('Outcome').selectOption('helped');
  await staffMode.getByRole('button', { name: 'Resolve the request' }).click();
  await expect.poll(() => card.count(), { timeout: 20_000 }).toBe(0);
  await staffMode.getByRole('button', { name: 'Exit staff mode' }).click();
  await page.getByRole('region', { name: 'Your request for help' }).getByText('Your request has been dealt with').waitFor();
  // Back with the customer where they were, the cart untouched.
  await page.getByRole('region', { name: 'Your order' }).filter({ hasText: /^1 item\b/ }).waitFor();

  // Every staff action is in the kiosk's events (and so in the outbox to the store) with who and when.
  const events = await readKioskStore<{ type: string; at: string; detail?: Record<string, unknown> }>(page, 'events');
  const actions = events
    .filter((event) => event.type === 'staff_action')
    .sort((a, b) => a.at.localeCompare(b.at))
    .map((event) => event.detail ?? {});
  expect(actions.map((action) => action.action)).toEqual(['signed_in', 'help_resolved', 'signed_out']);
  for (const action of actions) expect(action).toMatchObject({ staff: STAFF.username, at: expect.stringMatching(/^\d{4}-/) });
  expect(actions[1]).toMatchObject({ outcome: 'helped' });
}

async function placeCounterOrder(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Review & pay' }).click();
  await page.getByRole('button', { name: 'Pay at the counter' }).click();
  await page.getByRole('heading', { level: 1, name: 'Thank you!' }).waitFor();
  return (await page.getByRole('region', { name: 'Your order number' }).locator('.order-number').textContent()) ?? '';
}

// ---------------------------------------------------------------- the tests

describe('call staff with the embedded broker', () => {
  let kiosk1: Kiosk;
  let kiosk2: Kiosk;
  let browser: Browser;
  let consoleUrl: string;
  let busUrl: string;

  beforeAll(async () => {
    const [tcp, ws] = [await freePort(), await freePort()];
    busUrl = `mqtt://127.0.0.1:${tcp}`;
    const config1 = storeConfig('kiosk-1', 'T');
    await embeddedUsersFile(join(config1, '..'));
    kiosk1 = await startKiosk({ storeConfigPath: config1, menuPath: FIXTURE_MENU, env: { COUNTERPART_STORE_BUS_PORT: String(tcp), COUNTERPART_STORE_BUS_WS_PORT: String(ws) } });
    consoleUrl = await kiosk1.host.printed(STAFF_CONSOLE_LINE);
    kiosk2 = await startKiosk({ storeConfigPath: storeConfig('kiosk-2', 'U', { url: `mqtt://127.0.0.1:${tcp}` }), menuPath: FIXTURE_MENU });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await kiosk2?.close();
    await kiosk1?.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('a customer calls staff on kiosk 1; the console shows it with the cart; staff acknowledge; the kiosk shows who is coming; staff resolve it in staff mode', async () => {
    const { page: console, errors } = await openConsole(browser, consoleUrl);
    await callStaffRoundTrip(kiosk1, kiosk2, console);
    expect(errors).toEqual([]);
    expect(kiosk1.pageErrors).toEqual([]);
    await console.context().close();
  });

  it('locks a staff name out at the kiosk after repeated wrong PINs, even with the right PIN', async () => {
    const page = kiosk2.page;
    // Staff reach sign-in by a long press on the top-left corner, by touch alone.
    const signIn = await longPressStaffCorner(page);
    expect(formatViolations(await runAxe(page))).toBe('');
    await signInByTouch(signIn, 'bert', '0000');
    await signIn.getByRole('alert').getByText('Wrong name or PIN').waitFor();
    for (const pin of ['1111', '2222', '3333', '4444']) {
      // The PIN is never shown, only how many digits were tapped.
      await enterPinByTouch(signIn, pin);
      await signIn.getByText('4 digits entered').waitFor();
      expect(await signIn.textContent()).not.toContain(pin);
      await signIn.getByRole('button', { name: 'Sign in' }).tap();
      await expect.poll(() => signIn.getByText('no digits entered').count()).toBe(1);
      await signIn.getByRole('alert').getByText(/Wrong name or PIN|Locked out/).waitFor();
    }
    await enterPinByTouch(signIn, '2580');
    await expect.poll(() => signIn.getByRole('button', { name: 'Sign in' }).isEnabled()).toBe(true);
    await signIn.getByRole('button', { name: 'Sign in' }).tap();
    await signIn.getByRole('alert').getByText('Locked out after repeated wrong PINs', { exact: false }).waitFor();
    expect(await page.getByRole('dialog', { name: /Staff mode/ }).count()).toBe(0);
    expect(formatViolations(await runAxe(page))).toBe('');
    await signIn.getByRole('button', { name: 'Cancel' }).tap();
    await signIn.waitFor({ state: 'detached' });
  });

  it('opens "Call staff" from the keyboard alone: the ? key on any screen', async () => {
    const page = kiosk2.page;
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'How can we help?' });
    await dialog.waitFor();
    await dialog.getByText('press the ? key', { exact: false }).waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // The Call staff button is the first control in the tab order.
    const firstInTabOrder = await page.evaluate(() => {
      const tabbable = [...document.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea, [tabindex]')].filter(
        (element) => element.tabIndex >= 0 && !element.hasAttribute('disabled') && element.getClientRects().length > 0,
      );
      return tabbable[0]?.textContent;
    });
    expect(firstInTabOrder).toBe('Call staff');
  });

  it('closes a help request as "customer left" when its customer is done; the console says so and the next customer sees nothing of it', async () => {
    const { page: console } = await openConsole(browser, consoleUrl);
    // A store-side subscriber (QoS 1): what the kiosk puts on the bus.
    const bus = await mqttClient(busUrl, `${STAFF.username}/test-${randomUUID().slice(0, 8)}`, true);
    const resolutions: { kioskId: string; reason: string; outcome: string; resolvedBy: { role: string } }[] = [];
    bus.on('message', (_topic, payload) => {
      const message = payload.length > 0 ? (JSON.parse(payload.toString()) as { state: string }) : undefined;
      if (message?.state === 'resolved') resolutions.push(message as unknown as (typeof resolutions)[number]);
    });
    await new Promise<void>((resolve, reject) => bus.subscribe(topics.handoffFilter(), { qos: 1 }, (error) => (error ? reject(error) : resolve())));
    const page = kiosk1.page;
    // The customer of the first test may still be ordering (their request was resolved): they go on.
    if (await page.getByRole('button', { name: 'Start order' }).isVisible()) await startOrder(page);
    await addAsIs(page, 'Burgers', 'Plain Burger');
    await page.getByRole('button', { name: 'Call staff' }).tap();
    const dialog = page.getByRole('dialog', { name: 'How can we help?' });
    await dialog.getByRole('button', { name: 'A question about payment' }).tap();
    await dialog.getByRole('button', { name: 'Call staff now' }).tap();
    await dialog.getByRole('status').getByText('Help is on the way', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Keep ordering' }).tap();
    await dialog.waitFor({ state: 'detached' });
    const card = console.getByRole('listitem', { name: 'Kiosk kiosk-1: Payment problem' });
    await expect.poll(() => card.count(), { timeout: 20_000 }).toBe(1);

    // The customer pays at the counter and taps Done: their request ends with them.
    await placeCounterOrder(page);
    await page.getByRole('button', { name: 'Done' }).tap();
    await page.getByRole('button', { name: 'Start order' }).waitFor();
    // On the bus: resolved by the kiosk itself, as "customer left"; the console drops it.
    await expect.poll(() => resolutions.find((message) => message.reason === 'payment_problem'), { timeout: 20_000 }).toMatchObject({ kioskId: 'kiosk-1', outcome: 'customer_left', resolvedBy: { role: 'kiosk' } });
    await expect.poll(() => card.count(), { timeout: 20_000 }).toBe(0);
    // The console says so: staff need not go.
    await console.getByRole('status', { name: 'Requests the kiosk closed' }).getByText('Kiosk kiosk-1: Payment problem – Customer left. No need to go.').waitFor();
    expect(formatViolations(await runAxe(console))).toBe('');
    await endClient(bus);

    // Nothing of it on the attract screen, for the next customer, or after a reload.
    const helpShown = () => page.getByText(/is on the way|Help is on the way|dealt with/).count();
    expect(await helpShown()).toBe(0);
    await startOrder(page);
    expect(await helpShown()).toBe(0);
    await page.reload();
    await page.getByRole('button', { name: 'Start order' }).waitFor();
    expect(await helpShown()).toBe(0);
    expect(await page.getByRole('region', { name: 'Your request for help' }).isVisible()).toBe(false);
    // The kiosk event says how it ended.
    const events = await readKioskStore<{ type: string; detail?: Record<string, unknown> }>(page, 'events');
    expect(events.filter((event) => event.type === 'staff_call_closed').map((event) => event.detail)).toEqual([expect.objectContaining({ outcome: 'customer_left' })]);
    expect(kiosk1.pageErrors).toEqual([]);
    await console.context().close();
  });

  it('still asks "Do you need more time?" while help is on the way, later, and never resets the session on its own', async () => {
    const page = kiosk1.page;
    const { inactivity } = storeConfigSchema.parse(JSON.parse(readFileSync(FIXTURE_STORE, 'utf8')));
    // The page runs on Playwright's clock: the test moves time on instead of waiting.
    await page.clock.install();
    await page.reload();
    await startOrder(page);
    await addAsIs(page, 'Burgers', 'Plain Burger');
    await page.getByRole('button', { name: 'Call staff' }).tap();
    const dialog = page.getByRole('dialog', { name: 'How can we help?' });
    await dialog.getByRole('button', { name: 'Call staff now' }).tap();
    await dialog.getByRole('status').getByText('Help is on the way', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Keep ordering' }).tap();

    const prompt = page.getByRole('alertdialog', { name: 'Do you need more time?' });
    await page.clock.runFor(inactivity.promptAfterSeconds * 1000 + 1000);
    expect(await prompt.count()).toBe(0);
    await page.clock.runFor(inactivity.promptAfterSeconds * 2000);
    await prompt.getByText('A team member is on the way to you', { exact: false }).waitFor();
    expect(formatViolations(await runAxe(page))).toBe('');
    // Long past the countdown: still asked, the order still there.
    await page.clock.runFor(inactivity.resetAfterSeconds * 3000);
    expect(await prompt.isVisible()).toBe(true);
    expect(await page.getByRole('region', { name: 'Your order' }).filter({ hasText: /^1 item\b/ }).count()).toBe(1);
    // Only the customer ends it; the request ends with them.
    const closedBefore = (await readKioskStore<{ type: string }>(page, 'events')).filter((event) => event.type === 'staff_call_closed').length;
    await prompt.getByRole('button', { name: 'No, start over' }).tap();
    await page.getByRole('button', { name: 'Start order' }).waitFor();
    await expect.poll(async () => (await readKioskStore<{ type: string }>(page, 'events')).filter((event) => event.type === 'staff_call_closed').length).toBe(closedBefore + 1);
    expect(kiosk1.pageErrors).toEqual([]);
  });
});

describe('call staff with Mosquitto', () => {
  let mosquitto: Mosquitto;
  let kiosk1: Kiosk;
  let kiosk2: Kiosk;
  let browser: Browser;
  let renderer: { url: string; close(): Promise<void> };

  beforeAll(async () => {
    mosquitto = mosquittoBroker(await freePort(), await freePort());
    await mosquitto.start();
    const url = `mqtt://127.0.0.1:${mosquitto.tcpPort}`;
    kiosk1 = await startKiosk({ storeConfigPath: storeConfig('kiosk-1', 'T', { url }), menuPath: FIXTURE_MENU });
    kiosk2 = await startKiosk({ storeConfigPath: storeConfig('kiosk-2', 'U', { url }), menuPath: FIXTURE_MENU });
    renderer = await serveRenderer();
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await kiosk2?.close();
    await kiosk1?.close();
    await renderer?.close();
    await mosquitto?.dispose();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  const consoleUrl = () => `${renderer.url}/staff/?store=${STORE_ID}&broker=${encodeURIComponent(`ws://127.0.0.1:${mosquitto.wsPort}/mqtt`)}`;

  it('a customer calls staff on kiosk 1; the console shows it with the cart; staff acknowledge; the kiosk shows who is coming; staff resolve it in staff mode', async () => {
    const { page: console, errors } = await openConsole(browser, consoleUrl());
    await callStaffRoundTrip(kiosk1, kiosk2, console);
    expect(errors).toEqual([]);
    expect(kiosk1.pageErrors).toEqual([]);
    await console.context().close();
  });

  it('keeps taking orders while the broker is down and delivers each exactly once after it is back; a dead kiosk shows offline', async () => {
    // A POS-like subscriber with a persistent session: it misses nothing while Mosquitto restarts.
    const subscriberId = `${STAFF.username}/pos-${randomUUID().slice(0, 8)}`;
    const url = `mqtt://127.0.0.1:${mosquitto.tcpPort}`;
    let subscriber = await mqttClient(url, subscriberId, false);
    const received: { topic: string; orderNumber: string; status: string }[] = [];
    const listen = (client: MqttClient) =>
      client.on('message', (topic, payload) => {
        if (payload.length > 0 && /\/order\/[^/]+\/[^/]+$/.test(topic)) received.push({ topic, ...(JSON.parse(payload.toString()) as { orderNumber: string; status: string }) });
      });
    listen(subscriber);
    await new Promise<void>((resolve, reject) => subscriber.subscribe(topics.orderFilter, { qos: 1 }, (error) => (error ? reject(error) : resolve())));

    await mosquitto.stop();
    const page = kiosk1.page;
    await page.getByRole('button', { name: 'Review & pay' }).waitFor();
    // Staff cannot be reached: the kiosk says so before and after the customer asks, and pretends nothing.
    await page.getByRole('button', { name: 'Call staff' }).click();
    const dialog = page.getByRole('dialog', { name: 'How can we help?' });
    await dialog.getByRole('status').getByText('this kiosk cannot reach staff right now', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Help with my order' }).click();
    await dialog.getByRole('button', { name: 'Call staff now' }).click();
    await dialog.getByRole('status').getByText('Please ask a team member at the counter', { exact: false }).waitFor();
    expect(formatViolations(await runAxe(page))).toBe('');
    await dialog.getByRole('button', { name: 'Close' }).click();
    const orderNumber = await placeCounterOrder(page);
    expect(orderNumber).toMatch(/^T-\d{3}$/);
    // Queued in the kiosk, not delivered: the store is unreachable.
    const pending = async () => (await readKioskStore<{ kind: string; state: string; message: { order?: { orderNumber: string } } }>(page, 'outbox')).filter((row) => row.kind === 'order' && row.message.order?.orderNumber === orderNumber);
    // One row per revision of the order (placed, then queued for the store), none delivered yet.
    const states = async () => [...new Set((await pending()).map((row) => row.state))];
    expect(await states()).toEqual(['pending']);

    await mosquitto.start();
    await endClient(subscriber);
    subscriber = await mqttClient(url, subscriberId, false);
    listen(subscriber);
    await expect
      .poll(states, { timeout: 90_000, interval: 500 })
      .toEqual([]) // delivered rows leave the outbox
      .catch(async (error: unknown) => {
        const rows = await readKioskStore<Record<string, unknown>>(page, 'outbox');
        // What the outbox holds and what the host said, to tell a broker problem from a kiosk one.
        globalThis.console.log('outbox rows not delivered:', JSON.stringify(rows.map(({ message: _m, ...row }) => row)), kiosk1.host.output().slice(-3000), kiosk1.pageErrors);
        throw error;
      });
    // The order arrives. While the store was unreachable the outbox kept only the newest document of
    // the order (the store needs the latest state, once), so fewer messages than revisions may arrive.
    const revisionOf = async () => (await readKioskStore<{ orderNumber: string; revision: number }>(page, 'orders')).find((order) => order.orderNumber === orderNumber)?.revision ?? 0;
    await expect.poll(() => received.filter((message) => message.orderNumber === orderNumber).length, { timeout: 30_000 }).toBeGreaterThan(0);
    // One more round trip through the broker after the delivery: a duplicate would have arrived before it.
    const marker = await mqttClient(url, `${STAFF.username}/marker-${randomUUID().slice(0, 8)}`, true);
    const markerTopic = topics.orderStatus('kiosk-9', randomUUID());
    await new Promise<void>((resolve, reject) => subscriber.subscribe(markerTopic, { qos: 1 }, (error) => (error ? reject(error) : resolve())));
    const markerSeen = new Promise<void>((resolve) => subscriber.on('message', (topic) => topic === markerTopic && resolve()));
    marker.publish(markerTopic, JSON.stringify({ marker: true }), { qos: 1 });
    await markerSeen;
    // Exactly once: each revision the outbox held arrived once, none twice.
    const arrived = received.filter((message) => message.orderNumber === orderNumber).map((message) => message.status);
    expect(new Set(arrived).size).toBe(arrived.length);
    // At most one message per revision of the order (counted on the order itself: delivered rows leave the outbox).
    expect(arrived.length).toBeLessThanOrEqual(await revisionOf());
    await endClient(marker);
    await endClient(subscriber);

    // A kiosk whose host dies shows offline on the console (its last will).
    const { page: console } = await openConsole(browser, consoleUrl());
    await expect.poll(() => kioskHealth(console, 'kiosk-2').textContent(), { timeout: 30_000 }).toMatch(/Online/);
    await kiosk2.stopHost('SIGKILL');
    await expect.poll(() => kioskHealth(console, 'kiosk-2').textContent(), { timeout: 30_000 }).toMatch(/Offline/);
    await console.context().close();
  });
});
