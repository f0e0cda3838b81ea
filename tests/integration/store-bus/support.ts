// Shared pieces of the store bus tests: users with hashed passwords, valid
// messages, MQTT clients that resolve on the broker's answers, and a real
// Mosquitto configured with a password file and an ACL file in a temp dir.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type IClientOptions, type MqttClient } from 'mqtt';
import { vi } from 'vitest';
import type { CartSnapshot, HandoffMessage, OrderMessage } from '../../../common/store-bus/messages';
import { hashPassword, type StoreBusUser } from '../../../electron/host/store-bus/credentials';
import { mosquittoAcl } from '../../../electron/host/store-bus/mosquitto-acl';

export const STORE = 'berlin-1';
export const OTHER_STORE = 'hamburg-2';

export interface TestUser {
  username: string;
  password: string;
  role: StoreBusUser['role'];
  store: string;
  kiosk?: string;
}

export const TEST_USERS: TestUser[] = [
  { username: 'kiosk-A', password: 'kiosk-a-secret', role: 'kiosk', store: STORE, kiosk: 'A' },
  { username: 'kiosk-B', password: 'kiosk-b-secret', role: 'kiosk', store: STORE, kiosk: 'B' },
  { username: 'kiosk-H', password: 'kiosk-h-secret', role: 'kiosk', store: OTHER_STORE, kiosk: 'H' },
  { username: 'anna', password: '4711', role: 'staff', store: STORE },
  { username: 'bert', password: '2580', role: 'staff', store: STORE },
  { username: 'olaf', password: 'operator-secret', role: 'operator', store: STORE },
  { username: 'till', password: 'pos-secret', role: 'pos', store: STORE },
];
export const user = (name: string): TestUser => {
  const found = TEST_USERS.find((candidate) => candidate.username === name);
  if (!found) throw new Error(`no test user ${name}`);
  return found;
};

/** Low scrypt cost keeps the tests quick; the format and check are the production ones. */
const TEST_COST = { N: 1024, r: 8, p: 1 };
export const hashedUsers = async (): Promise<StoreBusUser[]> =>
  Promise.all(
    TEST_USERS.map(async ({ password, kiosk, ...rest }) => ({ ...rest, ...(kiosk ? { kiosk } : {}), passwordHash: await hashPassword(password, TEST_COST) })),
  );

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export const cart: CartSnapshot = {
  currency: 'EUR',
  lines: [
    { title: 'Big Burger Meal (Large) – no onions', details: ['Fries', 'Cola'], quantity: 1, total: 1190 },
    { title: 'Chocolate Shake', details: [], quantity: 2, total: 780 },
  ],
  total: 1970,
};

export function order(overrides: Partial<OrderMessage> = {}): OrderMessage {
  const now = new Date().toISOString();
  return {
    orderId: randomUUID(),
    orderNumber: 'A-042',
    storeId: STORE,
    kioskId: 'A',
    menuVersion: '2026-11-01',
    locale: 'en',
    serviceMode: 'eat_in',
    currency: 'EUR',
    lines: [
      {
        lineId: 'l1',
        selection: { kind: 'item', itemId: 'burger', quantity: 1, removedIngredientIds: ['onion'], options: {} },
        title: 'Big Burger – no onions',
        details: [],
        unitPrice: 790,
        total: 790,
        calories: 650,
      },
    ],
    taxes: [{ rateId: 'food', label: 'VAT 7%', basisPoints: 700, gross: 790, net: 738, tax: 52 }],
    total: 790,
    paymentMethod: 'card',
    status: 'paid',
    placedAt: now,
    updatedAt: now,
    ...overrides,
  };
}

export function handoff(overrides: Partial<HandoffMessage> = {}): HandoffMessage {
  return {
    handoffId: randomUUID(),
    storeId: STORE,
    kioskId: 'A',
    reason: 'allergy_question',
    screen: 'cart',
    cart,
    trigger: 'customer',
    openedAt: new Date().toISOString(),
    state: 'open',
    ...overrides,
  } as HandoffMessage;
}

/** Connects with a user's credentials; resolves on CONNACK, rejects with the broker's refusal. */
export function connectAs(url: string, name: string | null, options: Partial<IClientOptions> = {}): Promise<MqttClient> {
  const credentials = name === null ? {} : { username: user(name).username, password: user(name).password, clientId: `${user(name).username}/test-${randomUUID().slice(0, 8)}` };
  const client = connect(url, { protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 5000, ...credentials, ...options });
  return new Promise((resolve, reject) => {
    client.once('connect', () => resolve(client));
    client.once('error', (error) => {
      client.end(true);
      reject(error);
    });
  });
}

/** Subscribes; resolves with the granted QoS per filter (128 = refused). */
export function subscribe(client: MqttClient, filter: string | string[]): Promise<number[]> {
  return new Promise((resolve, reject) =>
    client.subscribe(filter, { qos: 1 }, (error, granted) => {
      // mqtt.js reports a refused filter (0x80) as an error carrying the SUBACK.
      const suback = (error as (Error & { packet?: { granted?: number[] } }) | null)?.packet?.granted;
      if (suback) return resolve(suback);
      if (error) return reject(error);
      resolve((granted ?? []).map((grant) => grant.qos));
    }),
  );
}

export function publish(client: MqttClient, topic: string, payload: string, retain = false): Promise<void> {
  return new Promise((resolve, reject) => client.publish(topic, payload, { qos: 1, retain }, (error) => (error ? reject(error) : resolve())));
}

/** Collects messages; `next(predicate)` resolves with the first (past or future) message that matches. */
export function collect(client: MqttClient) {
  const messages: { topic: string; text: string; retain: boolean }[] = [];
  const waiters: { predicate: (m: (typeof messages)[number]) => boolean; resolve: (m: (typeof messages)[number]) => void }[] = [];
  client.on('message', (topic, payload, packet) => {
    const message = { topic, text: payload.toString(), retain: packet.retain };
    messages.push(message);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(message)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      }
    }
  });
  return {
    messages,
    next(predicate: (m: (typeof messages)[number]) => boolean): Promise<(typeof messages)[number]> {
      const found = messages.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve) => waiters.push({ predicate, resolve }));
    },
  };
}

export const endClient = (client: MqttClient | undefined): Promise<void> =>
  client ? new Promise((resolve) => client.end(true, {}, () => resolve())) : Promise.resolve();

// ---------------------------------------------------------------- Mosquitto

export interface Mosquitto {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** `port`: listen there (e.g. the port a kiosk already knows, to restart the broker); a free one otherwise. */
export async function startMosquitto(users: TestUser[] = TEST_USERS, port?: number): Promise<Mosquitto> {
  const dir = mkdtempSync(join(tmpdir(), 'counterpart-mosquitto-'));
  const passwordFile = join(dir, 'passwd');
  const aclFile = join(dir, 'acl');
  writeFileSync(passwordFile, '');
  for (const u of users) {
    const result = spawnSync('mosquitto_passwd', ['-b', passwordFile, u.username, u.password], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`mosquitto_passwd failed: ${result.stderr}`);
  }
  writeFileSync(aclFile, mosquittoAcl(users));
  port ??= await freePort();
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(
    conf,
    // `user root`: run as the test's user (as root, Mosquitto would switch to "mosquitto", who cannot read the temp dir).
    [`listener ${port} 127.0.0.1`, ...(process.getuid?.() === 0 ? ['user root'] : []), 'allow_anonymous false', `password_file ${passwordFile}`, `acl_file ${aclFile}`, 'persistence false', 'log_dest stderr', 'log_type error', 'log_type warning', ''].join('\n'),
  );
  const child: ChildProcess = spawn('mosquitto', ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = `mqtt://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // Ready when an authenticated client gets in.
  try {
    await vi.waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`mosquitto exited: ${stderr}`);
        await endClient(await connectAs(url, 'olaf'));
      },
      { interval: 100, timeout: 5_000 },
    );
  } catch (error) {
    await stop();
    throw new Error(`mosquitto did not accept connections: ${String(error)}\n${stderr}`);
  }
  return { url, port, stop };
}

// ---------------------------------------------------------------- a line that can be cut

export interface CuttableLine {
  url: string;
  /** Destroys every open connection without an MQTT DISCONNECT, as a pulled cable would (the broker then publishes the last will). */
  cut(): void;
  /** While down, new connections are refused too. */
  setDown(down: boolean): void;
  close(): Promise<void>;
}

/** A TCP relay in front of a broker, so a test can cut a kiosk's connection. */
export async function cuttableLine(targetPort: number): Promise<CuttableLine> {
  const { Socket } = await import('node:net');
  const open = new Set<InstanceType<typeof Socket>>();
  let down = false;
  const server = createServer((inbound) => {
    if (down) return void inbound.destroy();
    const outbound = new Socket();
    outbound.connect(targetPort, '127.0.0.1');
    open.add(inbound);
    open.add(outbound);
    const drop = (): void => {
      inbound.destroy();
      outbound.destroy();
      open.delete(inbound);
      open.delete(outbound);
    };
    inbound.on('error', drop).on('close', drop);
    outbound.on('error', drop).on('close', drop);
    inbound.pipe(outbound);
    outbound.pipe(inbound);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  const cut = (): void => {
    for (const socket of open) socket.destroy();
    open.clear();
  };
  return {
    url: `mqtt://127.0.0.1:${port}`,
    cut,
    setDown(value) {
      down = value;
      if (value) cut();
    },
    async close() {
      cut();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
