// "Call staff" latency on loopback: from the customer's tap on "Call staff now" in the kiosk
// (Chromium, browser shell, host, embedded aedes broker) to the staff console
// (Chromium, MQTT over WebSocket) showing the request, p50 and p95 over 200 requests;
// each request is cancelled before the next so the console's list stays small.
// Baseline, same broker and run: a bare MQTT QoS 1 publish → receive round trip
// between two Node clients. Standalone: `npx tsx bench/call-staff.ts`.
//
// Both times are taken in the pages (performance.timeOrigin + performance.now(),
// the same machine clock): the kiosk at pointerdown on "Call staff now", the console when
// the request's list item is added to the DOM (MutationObserver), so no polling sits
// in between.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MqttClient } from 'mqtt';
import { chromium } from 'playwright-core';
import { storeTopics } from '../common/store-bus/messages';
import { hashPassword } from '../electron/host/store-bus/credentials';
import { CHROMIUM_ARGS, CHROMIUM_PATH, FIXTURE_MENU, FIXTURE_STORE, STAFF_CONSOLE_LINE, startKiosk, type Kiosk } from '../tests/support/kiosk';
import { connectWhenUp } from '../tests/support/store-bus-client';
import { percentile, round, type BenchResult } from './result';

const REQUESTS = 200;
const STORE_ID = 'test-store';
const STAFF = { username: 'sam', pin: '4711' };

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });

/** A staff client; the kiosk's embedded broker starts a moment after the kiosk page, so it waits for it. */
const staffClient = (url: string): Promise<MqttClient> =>
  connectWhenUp(url, { username: STAFF.username, password: STAFF.pin, clientId: `${STAFF.username}/bench-${randomUUID().slice(0, 8)}`, protocolVersion: 4 });

/** QoS 1 publish → receive between two clients on the broker, as the console's subscription would see it. */
async function mqttRoundTrips(url: string, count: number): Promise<number[]> {
  const [publisher, subscriber] = [await staffClient(url), await staffClient(url)];
  const topics = storeTopics(STORE_ID);
  // A kiosk id nobody runs: the message is a valid order status change (the broker checks it) that no kiosk acts on.
  const filter = topics.orderStatusFilter('bench-baseline');
  await new Promise<void>((resolve, reject) => subscriber.subscribe(filter, { qos: 1 }, (error) => (error ? reject(error) : resolve())));
  const samples: number[] = [];
  try {
    for (let index = 0; index < count; index++) {
      const orderId = randomUUID();
      const message = { orderId, kioskId: 'bench-baseline', orderNumber: 'X-001', status: 'paid', by: { role: 'staff', name: STAFF.username }, at: new Date().toISOString() };
      const received = new Promise<void>((resolve) => {
        const onMessage = (topic: string) => {
          if (!topic.includes(orderId)) return;
          subscriber.off('message', onMessage);
          resolve();
        };
        subscriber.on('message', onMessage);
      });
      const started = performance.now();
      publisher.publish(topics.orderStatus('bench-baseline', orderId), JSON.stringify(message), { qos: 1 });
      await received;
      samples.push(performance.now() - started);
    }
  } finally {
    publisher.end(true);
    subscriber.end(true);
  }
  return samples;
}

export async function benchCallStaff(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'counterpart-bench-call-staff-'));
  let kiosk: Kiosk | undefined;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const storePath = join(dir, 'store.json');
    writeFileSync(storePath, readFileSync(FIXTURE_STORE, 'utf8'));
    writeFileSync(join(dir, 'store-bus-users.json'), JSON.stringify([{ username: STAFF.username, role: 'staff', store: STORE_ID, passwordHash: await hashPassword(STAFF.pin) }]));
    const [tcp, ws] = [await freePort(), await freePort()];
    kiosk = await startKiosk({ storeConfigPath: storePath, menuPath: FIXTURE_MENU, env: { COUNTERPART_STORE_BUS_PORT: String(tcp), COUNTERPART_STORE_BUS_WS_PORT: String(ws) } });

    // The embedded broker, which serves the console, starts after the kiosk page; the host says when it listens.
    const consoleUrl = await kiosk.host.printed(STAFF_CONSOLE_LINE);
    const consolePage = await (await browser.newContext({ viewport: { width: 1280, height: 1000 } })).newPage();
    await consolePage.goto(consoleUrl);
    await consolePage.getByLabel('Staff name').fill(STAFF.username);
    await consolePage.getByLabel('PIN').fill(STAFF.pin);
    await consolePage.getByRole('button', { name: 'Sign in' }).click();
    await consolePage.getByRole('heading', { name: /Help requests/ }).waitFor();
    // Each new help request's list item, stamped when it enters the DOM.
    await consolePage.evaluate(() => {
      const seen: number[] = [];
      (window as unknown as { seenAt: number[] }).seenAt = seen;
      new MutationObserver((records) => {
        for (const record of records)
          for (const node of record.addedNodes) {
            const item = node instanceof HTMLElement ? (node.matches('li[data-handoff-id]') ? node : node.querySelector('li[data-handoff-id]')) : null;
            if (item) seen.push(performance.timeOrigin + performance.now());
          }
      }).observe(document.body, { childList: true, subtree: true });
    });

    const page = kiosk.page;
    await page.getByRole('button', { name: 'Start order' }).waitFor();
    await page.evaluate(() => {
      const taps: number[] = [];
      (window as unknown as { tappedAt: number[] }).tappedAt = taps;
      document.addEventListener('pointerdown', (event) => {
        if ((event.target as HTMLElement).closest('.help-call-now')) taps.push(performance.timeOrigin + performance.now());
      }, true);
    });
    const card = consolePage.getByRole('listitem', { name: /^Kiosk kiosk-1: / });
    const dialog = page.getByRole('dialog', { name: 'How can we help?' });
    for (let index = 0; index < REQUESTS; index++) {
      await page.getByRole('button', { name: 'Call staff' }).click();
      await dialog.getByRole('button', { name: 'Help with my order' }).click();
      await dialog.getByRole('button', { name: 'Call staff now' }).click();
      await card.waitFor();
      await dialog.getByRole('button', { name: 'Cancel my request' }).click();
      await card.waitFor({ state: 'detached' });
      await dialog.waitFor({ state: 'detached' });
    }
    const tapped = await page.evaluate(() => (window as unknown as { tappedAt: number[] }).tappedAt);
    const seen = await consolePage.evaluate(() => (window as unknown as { seenAt: number[] }).seenAt);
    if (tapped.length !== REQUESTS || seen.length !== REQUESTS) throw new Error(`bench call-staff: ${tapped.length} taps, ${seen.length} requests seen on the console (expected ${REQUESTS})`);
    const latencies = tapped.map((at, index) => seen[index]! - at);
    const baseline = await mqttRoundTrips(`mqtt://127.0.0.1:${tcp}`, REQUESTS);

    const note = `${REQUESTS} requests on loopback: kiosk Chromium → browser shell → host → embedded aedes → console Chromium (MQTT over WebSocket); baseline: MQTT QoS 1 publish → receive between two Node clients on the same broker`;
    return [
      { name: 'call staff: tap to console, p50', value: round(percentile(latencies, 50), 1), unit: 'ms', baseline: round(percentile(baseline, 50), 2), target: null, met: null, note },
      { name: 'call staff: tap to console, p95', value: round(percentile(latencies, 95), 1), unit: 'ms', baseline: round(percentile(baseline, 95), 2), target: '<= 1000 ms', met: percentile(latencies, 95) <= 1000, note },
    ];
  } finally {
    await browser.close();
    await kiosk?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  benchCallStaff().then(
    (results) => console.table(results.map(({ note: _note, ...rest }) => rest)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
