// Durable writes, in Chromium on real IndexedDB through the renderer's own data layer
// (bench/pages/data, built by Vite): placeOrder() with strict durability, against the same
// write with relaxed durability; and the outbox draining 10,000 orders to the embedded store
// bus broker with the store link's QoS 1 publish (PUBACK awaited), against the same orders
// published with QoS 0 by a plain MQTT client in the same run.
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import { connectAsync } from 'mqtt';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { WebSocketServer } from 'ws';
import { storeTopics, type OrderMessage } from '../electron/common/store-messages';
import { hashPassword, startStoreBus, type StoreBus } from '../electron/host/store-bus';
import { REPO_ROOT } from '../tests/support/kiosk';
import { benchOut, firstPage, launchChromium, serveStatic } from './browser';
import { percentile, round, type BenchResult } from './result';

const PLACEMENTS = 400;
export const OUTBOX_ORDERS = Number(process.env.COUNTERPART_BENCH_OUTBOX_ORDERS ?? 10_000);
/** The drain's share of the 10-minute bench: past it, the rate is taken over what was delivered. */
const DRAIN_BUDGET_MS = Number(process.env.COUNTERPART_BENCH_DRAIN_BUDGET_S ?? 120) * 1000;
const STORE = 'berlin-mitte';
const KIOSK = 'kiosk-1';

interface PageBench {
  placeOrders(count: number, durability: 'strict' | 'relaxed'): Promise<number[]>;
  seedOutbox(count: number): Promise<void>;
  drainOutbox(relayUrl: string, budgetMs: number): Promise<{ ms: number; delivered: number; pending: number }>;
  sampleOrderDocument(): OrderMessage;
}

async function buildDataPage(): Promise<string> {
  const outDir = benchOut('data-page');
  await build({ root: join(REPO_ROOT, 'bench/pages/data'), base: './', logLevel: 'error', configFile: false, build: { outDir, emptyOutDir: true } });
  return outDir;
}

const call = <K extends keyof PageBench>(page: Page, name: K, ...args: Parameters<PageBench[K]>): Promise<Awaited<ReturnType<PageBench[K]>>> =>
  page.evaluate(`window.counterpartBench.${name}(...${JSON.stringify(args)})`) as Promise<Awaited<ReturnType<PageBench[K]>>>;

/** The kiosk host's part of delivery: a message from the page, published by the store link, answered on PUBACK. */
async function startRelay(bus: StoreBus): Promise<{ url: string; close(): Promise<void> }> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((done) => server.once('listening', () => done()));
  server.on('connection', (socket) => {
    socket.on('message', (data) => {
      const { id, order } = JSON.parse(data.toString()) as { id: number; order: OrderMessage };
      bus.link.publishOrder(order).then(
        () => socket.send(JSON.stringify({ id })),
        (error: unknown) => socket.send(JSON.stringify({ id, error: error instanceof Error ? error.message : String(error) })),
      );
    });
  });
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((done) => {
        for (const client of server.clients) client.terminate();
        server.close(() => done());
      }),
  };
}

/** The baseline: the same orders published with QoS 0, then one QoS 1 message whose PUBACK says the broker has taken them all (TCP keeps order). */
async function publishQos0(bus: StoreBus, template: OrderMessage, count: number, credentials: { username: string; password: string }): Promise<number> {
  const client = await connectAsync(bus.brokerUrl, { ...credentials, clientId: credentials.username, protocolVersion: 4, clean: true });
  const topics = storeTopics(STORE);
  const payloads = Array.from({ length: count }, () => {
    const order = { ...template, orderId: randomUUID() };
    return { topic: topics.order(KIOSK, order.orderId), payload: JSON.stringify(order) };
  });
  try {
    const started = performance.now();
    for (const { topic, payload } of payloads) client.publish(topic, payload, { qos: 0 });
    const last = payloads[payloads.length - 1]!;
    await client.publishAsync(last.topic, last.payload, { qos: 1 });
    return performance.now() - started;
  } finally {
    await client.endAsync();
  }
}

export async function benchDurable(): Promise<BenchResult[]> {
  const server = await serveStatic(await buildDataPage());
  const profile = mkdtempSync(join(tmpdir(), 'counterpart-bench-chromium-'));
  const context = await launchChromium(profile);
  const baselineUser = { username: `bench-baseline-${KIOSK}`, password: randomBytes(18).toString('base64url') };
  let bus: StoreBus | undefined;
  let relay: Awaited<ReturnType<typeof startRelay>> | undefined;
  try {
    const page = await firstPage(context);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url);
    await page.waitForFunction('window.counterpartBench?.ready === true');

    // Strict and relaxed interleaved in halves, so machine noise falls on both alike.
    const strict: number[] = [];
    const relaxed: number[] = [];
    for (let half = 0; half < 2; half++) {
      strict.push(...(await call(page, 'placeOrders', PLACEMENTS / 2, 'strict')));
      relaxed.push(...(await call(page, 'placeOrders', PLACEMENTS / 2, 'relaxed')));
    }

    bus = await startStoreBus({
      store: STORE,
      kioskId: KIOSK,
      users: [{ username: baselineUser.username, role: 'kiosk', store: STORE, kiosk: KIOSK, passwordHash: await hashPassword(baselineUser.password) }],
      embedded: { tcpPort: 0, wsPort: 0 },
    });
    relay = await startRelay(bus);
    await call(page, 'seedOutbox', OUTBOX_ORDERS);
    const drained = await call(page, 'drainOutbox', relay.url, DRAIN_BUDGET_MS);
    if (drained.delivered === 0 || drained.delivered + drained.pending !== OUTBOX_ORDERS) {
      throw new Error(`the outbox delivered ${drained.delivered} of ${OUTBOX_ORDERS} orders (${drained.pending} pending)`);
    }
    const complete = drained.delivered === OUTBOX_ORDERS;
    const template = await call(page, 'sampleOrderDocument');
    const linkAlone = Math.min(OUTBOX_ORDERS, 1000);
    const linkStarted = performance.now();
    for (let i = 0; i < linkAlone; i++) await bus.link.publishOrder({ ...template, orderId: randomUUID() });
    const linkMsEach = (performance.now() - linkStarted) / linkAlone;
    const qos0Ms = await publishQos0(bus, template, OUTBOX_ORDERS, baselineUser);
    if (errors.length > 0) throw new Error(`the bench page reported errors: ${errors.join('; ')}`);

    const perSecond = (ms: number, count = OUTBOX_ORDERS) => Math.round((count / ms) * 1000);
    const placeNote = `${PLACEMENTS} placeOrder() calls (a meal and a drink; orders, counter and outbox in one transaction) in Chromium's IndexedDB; baseline: the same calls with relaxed durability`;
    return [
      { name: 'durable: placeOrder commit (strict), p50', value: round(percentile(strict, 50)), unit: 'ms', baseline: round(percentile(relaxed, 50)), target: null, met: null, note: placeNote },
      {
        name: 'durable: placeOrder commit (strict), p99',
        value: round(percentile(strict, 99)),
        unit: 'ms',
        baseline: round(percentile(relaxed, 99)),
        target: '<= 50 ms',
        met: percentile(strict, 99) <= 50,
        note: placeNote,
      },
      {
        name: `outbox: drain ${OUTBOX_ORDERS} orders to the embedded broker`,
        value: perSecond(drained.ms, drained.delivered),
        unit: 'orders/s',
        baseline: perSecond(qos0Ms),
        target: '>= 1000 orders/s',
        met: perSecond(drained.ms, drained.delivered) >= 1000,
        note:
          (complete ? `all ${OUTBOX_ORDERS} in ${round(drained.ms / 1000, 1)} s` : `STOPPED at the ${DRAIN_BUDGET_MS / 1000} s budget with ${drained.delivered} of ${OUTBOX_ORDERS} delivered (rate over those)`) +
          `: the renderer's outbox loop, one message at a time, each published by the store link with QoS 1 (PUBACK awaited) ` +
          `via a WebSocket relay standing in for the kiosk host, then marked delivered in a strict commit` +
          ` (${round(drained.ms / drained.delivered, 2)} ms an order; the store link's QoS 1 publish alone, one at a time from Node: ${round(linkMsEach, 2)} ms);` +
          ` baseline: the same orders with QoS 0 from a plain MQTT client`,
      },
    ];
  } finally {
    await relay?.close();
    await bus?.close();
    await context.close();
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
