// Crashes at every step of an order, many times over, with real IndexedDB in Chromium and a real
// store bus: the page is closed, or crashed through the DevTools protocol, or the kiosk host is
// killed (SIGKILL) — after adding items, on review, right after "Pay at the counter", as soon as
// the order is stored, on the confirmation screen. After all of it: every order that got its number is in IndexedDB, the
// store received every order (an order placed once, never twice), the cart was offered back when
// the customer was still ordering, and an order stored before the crash showed its number after it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type MqttClient } from 'mqtt';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../electron/host/store-bus/broker';
import { hashPassword } from '../../electron/host/store-bus/credentials';
import { FIXTURE_MENU, FIXTURE_STORE, startHostProcess, startKiosk, stopHostProcess, type HostProcess, type Kiosk } from '../support/kiosk';
import { readStore as readKioskStore } from './offline-kiosk';
import { addAsIs, startOrder } from './ordering-steps';

const ITERATIONS = Number(process.env.CRASH_ITERATIONS ?? 30);
const STORE_ID = 'test-store';
const KIOSK_SECRET = 'kiosk-1-crash-test-secret';
const POS_SECRET = 'pos-crash-test-secret';

/** placing: killed right after the click; placed: killed as soon as the order is in IndexedDB. */
type Step = 'added' | 'review' | 'placing' | 'placed' | 'confirmation';
type Kill = 'reload' | 'crash' | 'host';
const STEPS: Step[] = ['added', 'review', 'placing', 'placed', 'confirmation'];
const KILLS: Kill[] = ['reload', 'crash', 'host'];

interface StoredOrder {
  orderId: string;
  orderNumber: string;
  status: string;
  total: number;
}
interface OutboxRow {
  kind: string;
  subjectId: string;
  messageId: string;
  state: string;
}
interface StoreSideOrder {
  orderId: string;
  orderNumber: string;
  status: string;
}

describe('crashes at every step of an order', () => {
  const dir = mkdtempSync(join(tmpdir(), 'counterpart-crash-'));
  const dataDir = join(dir, 'host-data');
  const storePath = join(dir, 'store.json');
  let broker: EmbeddedBroker;
  let store: MqttClient;
  const received: StoreSideOrder[] = [];
  let kiosk: Kiosk;
  let page: Page;
  /** The host started by this test after a kill (the harness owns only the first one). */
  let ownHost: HostProcess | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    const cost = { N: 1024, r: 8, p: 1 };
    broker = await startEmbeddedBroker({
      tcpPort: 0,
      wsPort: 0,
      users: [
        { username: 'kiosk-1', role: 'kiosk', store: STORE_ID, kiosk: 'kiosk-1', passwordHash: await hashPassword(KIOSK_SECRET, cost) },
        { username: 'till', role: 'pos', store: STORE_ID, passwordHash: await hashPassword(POS_SECRET, cost) },
      ],
    });
    // The store side: a POS that reads every order message of the store.
    store = connect(broker.tcpUrl, { username: 'till', password: POS_SECRET, clientId: 'till/crash-test', protocolVersion: 4 });
    await new Promise<void>((resolve, reject) => {
      store.once('connect', () =>
        store.subscribe(`counterpart/v1/${STORE_ID}/order/+/+`, { qos: 1 }, (error) => (error ? reject(error) : resolve())),
      );
      store.once('error', reject);
    });
    store.on('message', (_topic, payload) => {
      const text = payload.toString();
      if (text) received.push(JSON.parse(text) as StoreSideOrder);
    });

    writeFileSync(
      storePath,
      JSON.stringify({ ...JSON.parse(readFileSync(FIXTURE_STORE, 'utf8')), storeBus: { url: broker.tcpUrl, username: 'kiosk-1', password: KIOSK_SECRET } }),
    );
    env = { COUNTERPART_DATA: dataDir, COUNTERPART_STORE: storePath, COUNTERPART_MENU: FIXTURE_MENU };
    kiosk = await startKiosk({ env });
    page = kiosk.page;
    if (process.env.CRASH_VERBOSE) page.on('console', (message) => console.log(`page ${message.type()}: ${message.text()}`));
  });

  afterAll(async () => {
    if (ownHost) await stopHostProcess(ownHost);
    await kiosk?.close();
    store?.end(true);
    await broker?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const currentHost = (): HostProcess => ownHost ?? kiosk.host;
  const ordering = () => page.getByRole('heading', { level: 1, name: 'Order here' });
  const cartScreen = () => page.getByRole('heading', { level: 1, name: 'Your order' });

  /** Kills what `kill` names and brings up a fresh page on a running host. */
  async function crash(kill: Kill): Promise<void> {
    if (kill === 'host') {
      await stopHostProcess(currentHost(), 'SIGKILL');
      ownHost = await startHostProcess({ port: kiosk.host.port, env: { ...env } });
      // The renderer lost its host: it is reloaded as the kiosk shell would after a host restart.
      await page.goto('about:blank');
      await page.goto(ownHost.url);
      return;
    }
    if (kill === 'crash') {
      const cdp = await kiosk.context.newCDPSession(page);
      const crashed = new Promise<void>((resolve) => page.once('crash', () => resolve()));
      // The renderer process dies: the call itself never gets an answer.
      void cdp.send('Page.crash').catch(() => undefined);
      await crashed;
    }
    await page.close({ runBeforeUnload: false });
    page = await kiosk.context.newPage();
    if (process.env.CRASH_VERBOSE) page.on('console', (message) => console.log(`page ${message.type()}: ${message.text()}`));
    await page.goto(currentHost().url);
  }

  const resumeOffer = () => page.getByRole('dialog', { name: 'Continue your order?' });
  const confirmation = () => page.getByRole('heading', { level: 1, name: 'Thank you!' });
  const shownNumber = async () => ((await page.getByRole('region', { name: 'Your order number' }).locator('.order-number').textContent()) ?? '').trim();

  /**
   * After a restart: the attract screen, the customer's cart offered back (answered "Continue my
   * order", as the customer would), or the confirmation of an order they never dismissed.
   */
  async function screenAfterRestart(): Promise<'attract' | 'cart' | 'confirmation'> {
    // Generous: other suites share the machine's two cores.
    await Promise.race([ordering().waitFor({ timeout: 90_000 }), resumeOffer().waitFor({ timeout: 90_000 }), confirmation().waitFor({ timeout: 90_000 })]);
    if (await confirmation().count()) return 'confirmation';
    if (await resumeOffer().count()) {
      await resumeOffer().getByRole('button', { name: 'Continue my order' }).click();
      await cartScreen().waitFor();
      return 'cart';
    }
    return 'attract';
  }

  async function payAtCounterFromCart(): Promise<string> {
    await page.getByRole('button', { name: 'Pay at the counter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thank you!' }).waitFor();
    const number = (await page.getByRole('region', { name: 'Your order number' }).locator('.order-number').textContent()) ?? '';
    await page.getByRole('button', { name: 'Done' }).click();
    await ordering().waitFor();
    return number;
  }

  it(`loses no order and places none twice over ${ITERATIONS} crashes`, async () => {
    /** Every order number a customer saw on the confirmation screen. */
    const shown = new Set<string>();
    let restoredCarts = 0;
    /** Orders stored but never confirmed on screen before the crash whose number came back after it. */
    let numbersAfterCrash = 0;
    const log: string[] = [];

    for (let iteration = 0; iteration < ITERATIONS; iteration += 1) {
      const step = STEPS[iteration % STEPS.length]!;
      const kill = KILLS[Math.floor(iteration / STEPS.length) % KILLS.length]!;
      await ordering().waitFor();
      const storedBefore = await readKioskStore<StoredOrder>(page, 'orders');
      const before = storedBefore.length;
      const ordersBefore = new Set(storedBefore.map((order) => order.orderId));

      if (process.env.CRASH_VERBOSE) console.log(`${iteration}: start`);
      await startOrder(page, 'Take away');
      await addAsIs(page, 'Burgers', 'Plain Burger');
      await expect.poll(async () => (await readKioskStore(page, 'drafts')).length).toBe(1);
      if (step !== 'added') {
        await page.getByRole('button', { name: 'Review & pay' }).click();
        await page.getByRole('heading', { level: 1, name: 'Your order' }).waitFor();
      }
      if (step === 'placing' || step === 'placed' || step === 'confirmation') {
        await page.getByRole('button', { name: 'Pay at the counter' }).click();
      }
      if (step === 'placed') await expect.poll(async () => (await readKioskStore(page, 'orders')).length, { interval: 5 }).toBe(before + 1);
      if (step === 'confirmation') {
        await page.getByRole('heading', { level: 1, name: 'Thank you!' }).waitFor();
        shown.add(await shownNumber());
      }

      if (process.env.CRASH_VERBOSE) console.log(`${iteration}: ${step} reached, ${kill}`);
      await crash(kill);
      const screen = await screenAfterRestart();
      const orders = await readKioskStore<StoredOrder>(page, 'orders');
      const placedBeforeCrash = orders.length > before;
      log.push(`${iteration}: ${step} / ${kill} -> ${screen}${placedBeforeCrash ? ' (order stored)' : ''}`);
      if (process.env.CRASH_VERBOSE) console.log(log.at(-1));

      if (step === 'added' || step === 'review') {
        // Still ordering: the cart comes back, and the customer finishes.
        expect(screen, log.join('\n')).toBe('cart');
        restoredCarts += 1;
        await page.getByRole('heading', { level: 2, name: 'Plain Burger' }).waitFor();
        shown.add(await payAtCounterFromCart());
      } else if (placedBeforeCrash) {
        // The order is stored with its number and the customer never dismissed its confirmation: the
        // number comes back (not the cart, which would place it twice), then "Done" as the customer would.
        expect(screen, log.join('\n')).toBe('confirmation');
        expect(await readKioskStore(page, 'drafts')).toEqual([]);
        const stored = orders.filter((order) => !ordersBefore.has(order.orderId));
        expect(stored).toHaveLength(1);
        expect(await shownNumber(), log.join('\n')).toBe(stored[0]!.orderNumber);
        if (step === 'placing' || step === 'placed') numbersAfterCrash += 1;
        shown.add(stored[0]!.orderNumber);
        await page.getByRole('button', { name: 'Done' }).click();
        await ordering().waitFor();
      } else {
        // The crash came before the order was stored: the cart is back and the customer pays again.
        expect(screen, log.join('\n')).toBe('cart');
        restoredCarts += 1;
        shown.add(await payAtCounterFromCart());
      }
      expect((await readKioskStore<StoredOrder>(page, 'orders')).length, log.join('\n')).toBe(before + 1);
    }

    // No order lost: every number a customer saw is stored; each iteration placed exactly one order.
    const orders = await readKioskStore<StoredOrder>(page, 'orders');
    expect(orders).toHaveLength(ITERATIONS);
    expect(new Set(orders.map((order) => order.orderNumber)).size).toBe(ITERATIONS);
    for (const number of shown) expect(orders.map((order) => order.orderNumber)).toContain(number);
    // Every crash while still ordering brought the cart back (a crash while placing may fall either side).
    expect(restoredCarts).toBeGreaterThanOrEqual((ITERATIONS * 2) / STEPS.length);
    // Every crash after the order was stored (killed as soon as it is in IndexedDB) showed its number afterwards.
    expect(numbersAfterCrash).toBeGreaterThanOrEqual(ITERATIONS / STEPS.length);

    // The outbox drains to the store: a delivered row leaves it, so it ends empty.
    if (process.env.CRASH_VERBOSE) console.log('all iterations done');
    await expect.poll(async () => (await readKioskStore<OutboxRow>(page, 'outbox')).length, { timeout: 60_000 }).toBe(0);
    if (process.env.CRASH_VERBOSE) console.log('outbox delivered');

    // The store side: exactly the kiosk's orders, each under one number. A kill between the
    // broker's PUBACK and the outbox's commit may repeat a message; the store de-duplicates on orderId.
    await expect.poll(() => new Set(received.map((message) => message.orderId)).size, { timeout: 10_000 }).toBe(ITERATIONS);
    expect(new Set(received.map((message) => message.orderId))).toEqual(new Set(orders.map((order) => order.orderId)));
    for (const order of orders) {
      const numbers = new Set(received.filter((message) => message.orderId === order.orderId).map((message) => message.orderNumber));
      expect([...numbers]).toEqual([order.orderNumber]);
    }
    const repeats = received.length - new Set(received.map((message) => `${message.orderId}:${message.status}`)).size;
    if (process.env.CRASH_VERBOSE) console.log('outbox drained');
    console.log(`crash test: ${ITERATIONS} crashes, ${restoredCarts} carts restored, ${numbersAfterCrash} numbers shown after a crash, ${received.length} order messages at the store, ${repeats} repeated deliveries\n${log.join('\n')}`);
  }, ITERATIONS * 30_000 + 120_000);

  it('clears a cart too old to be that customer\'s after a restart, instead of offering it', async () => {
    await ordering().waitFor();
    await startOrder(page, 'Eat in');
    await addAsIs(page, 'Burgers', 'Plain Burger');
    await expect.poll(async () => (await readKioskStore(page, 'drafts')).length).toBe(1);
    // The kiosk was off for two hours with this cart in it.
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('counterpart-kiosk');
          open.onsuccess = () => {
            const db = open.result;
            const drafts = db.transaction('drafts', 'readwrite').objectStore('drafts');
            const read = drafts.get('current');
            read.onsuccess = () => {
              const write = drafts.put({ ...read.result, updatedAt: new Date(Date.now() - 2 * 60 * 60_000).toISOString() });
              write.onsuccess = () => {
                db.close();
                resolve();
              };
              write.onerror = () => reject(write.error);
            };
          };
          open.onerror = () => reject(open.error);
        }),
    );
    await crash('reload');
    expect(await screenAfterRestart()).toBe('attract');
    expect(await resumeOffer().count()).toBe(0);
    await expect.poll(async () => (await readKioskStore(page, 'drafts')).length).toBe(0);
  });
});
