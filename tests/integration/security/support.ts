// What the attacker tests share: a whole kiosk host (store config, users file,
// embedded broker, browser shell) in a temp dir, a contract client that holds the
// page's token, and hand-made MQTT packets sent over plain TCP sockets.
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect as tcpConnect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as mqttConnect, type IClientOptions, type MqttClient } from 'mqtt';
import NodeSocket from 'ws';
import type { CallError } from '../../../common/contract/index';
import { priceOrder } from '../../../common/menu/pricing';
import { menu as menuSchema, storeConfig as storeConfigSchema, type Menu, type StoreConfig } from '../../../common/menu/schema';
import type { OrderMessage } from '../../../common/store-bus/messages';
import { startBrowserShell, type BrowserShell } from '../../../electron/browser-shell/server';
import { createKioskHost, type KioskHost } from '../../../electron/host/kiosk-host';
import { captureLog, type LoggedEvent } from '../../../electron/host/log';
import { hashPassword } from '../../../electron/host/store-bus/credentials';
import { FIXTURE_MENU, FIXTURE_STORE } from '../../support/kiosk';

export const STORE_ID = 'test-store';
export const KIOSK_ID = 'kiosk-1';
export const STAFF = { anna: '4711', bert: '2580' } as const;

export interface SecuredKiosk {
  host: KioskHost;
  shell: BrowserShell;
  events: LoggedEvent[];
  dataDir: string;
  /** mqtt://127.0.0.1:port of the embedded broker. */
  brokerUrl: string;
  brokerPort: number;
  /** ws://127.0.0.1:port/mqtt */
  brokerWsUrl: string;
  close(): Promise<void>;
}

/** A kiosk host as `npm start` runs it (production scrypt cost and lockout), on free ports, in a temp dir. */
export async function startSecuredKiosk(options: { storeExtra?: Record<string, unknown>; menuPath?: string; env?: Record<string, string> } = {}): Promise<SecuredKiosk> {
  const dir = mkdtempSync(join(tmpdir(), 'counterpart-security-'));
  const storeConfigPath = join(dir, 'store.json');
  writeFileSync(storeConfigPath, JSON.stringify({ ...JSON.parse(readFileSync(FIXTURE_STORE, 'utf8')), ...options.storeExtra }));
  const users = await Promise.all(
    Object.entries(STAFF).map(async ([username, pin]) => ({ username, role: 'staff', store: STORE_ID, passwordHash: await hashPassword(pin) })),
  );
  writeFileSync(join(dir, 'store-bus-users.json'), JSON.stringify(users));
  // A stand-in for the built staff console, so the broker's HTTP side serves a page.
  const staffConsoleDir = join(dir, 'renderer');
  mkdirSync(join(staffConsoleDir, 'staff'), { recursive: true });
  writeFileSync(join(staffConsoleDir, 'staff', 'index.html'), '<!doctype html><title>Staff console</title>\n');
  const { log, events } = captureLog();
  const saved = { ...process.env };
  Object.assign(process.env, { COUNTERPART_STORE_BUS_PORT: '0', COUNTERPART_STORE_BUS_WS_PORT: '0', ...options.env });
  let host: KioskHost;
  try {
    host = createKioskHost({ storeConfigPath, menuPath: options.menuPath ?? FIXTURE_MENU, dataDir: join(dir, 'data'), staffConsoleDir, log });
  } finally {
    process.env = saved;
  }
  const shell = await startBrowserShell({ host, rendererDir: dir, port: 0, log });
  const info = await host.storeService.info();
  const brokerPort = Number(new URL(info.brokerUrl).port);
  const link = await host.storeService.link();
  await waitFor(() => (link.online ? true : undefined));
  const brokerWsUrl = await waitFor(() => events.find((event) => event.event === 'store_bus_broker_listening')?.wsUrl as string | undefined);
  return {
    host,
    shell,
    events,
    dataDir: join(dir, 'data'),
    brokerUrl: info.brokerUrl,
    brokerPort,
    brokerWsUrl,
    async close() {
      await shell.close();
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitFor<T>(read: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// ---------------------------------------------------------------- the page's token, in an attacker's hands

export type Answer = { id: string | number | null; ok: true; output: unknown } | { id: string | number | null; ok: false; error: CallError };

export interface ContractClient {
  socket: NodeSocket;
  call(call: string, input: unknown): Promise<Answer>;
  /** Sends many calls in one go without waiting (pipelined); resolves with every answer in order. */
  pipeline(calls: { call: string; input: unknown }[]): Promise<Answer[]>;
  closed: Promise<{ code: number }>;
  close(): void;
}

export async function contractClient(shell: BrowserShell): Promise<ContractClient> {
  const socket = new NodeSocket(`ws://127.0.0.1:${shell.port}/kiosk?token=${shell.token}`, { origin: shell.origin });
  const waiting = new Map<string | number, (answer: Answer) => void>();
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as Answer | { event: unknown };
    if ('id' in message && message.id !== null) waiting.get(message.id)?.(message);
  });
  socket.on('error', () => undefined);
  const closed = new Promise<{ code: number }>((resolve) => socket.once('close', (code) => resolve({ code })));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const call = (name: string, input: unknown): Promise<Answer> => {
    const id = randomUUID();
    const answer = new Promise<Answer>((resolve) => waiting.set(id, resolve));
    socket.send(JSON.stringify({ id, call: name, input }));
    return answer;
  };
  return {
    socket,
    call,
    pipeline: (calls) => Promise.all(calls.map(({ call: name, input }) => call(name, input))),
    closed,
    close: () => socket.close(),
  };
}

// ---------------------------------------------------------------- MQTT by hand

const utf8Field = (text: string): Buffer => {
  const bytes = Buffer.from(text, 'utf8');
  return Buffer.concat([Buffer.from([bytes.length >> 8, bytes.length & 0xff]), bytes]);
};

/** MQTT's variable-length "remaining length" (1–4 bytes). */
export function remainingLength(length: number): Buffer {
  const bytes: number[] = [];
  do {
    let byte = length % 128;
    length = Math.floor(length / 128);
    if (length > 0) byte |= 0x80;
    bytes.push(byte);
  } while (length > 0);
  return Buffer.from(bytes);
}

/** An MQTT 3.1.1 CONNECT with username and password (clean session, keepalive 30 s). */
export function connectPacket(fields: { clientId: string; username: string; password: string }): Buffer {
  const variable = Buffer.concat([utf8Field('MQTT'), Buffer.from([4, 0x80 | 0x40 | 0x02, 0, 30])]);
  const payload = Buffer.concat([utf8Field(fields.clientId), utf8Field(fields.username), utf8Field(fields.password)]);
  const body = Buffer.concat([variable, payload]);
  return Buffer.concat([Buffer.from([0x10]), remainingLength(body.length), body]);
}

/** The first bytes of a CONNECT that declares `declared` bytes to follow. */
export function oversizedConnectHead(declared: number): Buffer {
  return Buffer.concat([Buffer.from([0x10]), remainingLength(declared), utf8Field('MQTT'), Buffer.from([4, 0xc2, 0, 30])]);
}

export type ConnackOutcome = { returnCode: number } | { closedWithoutAnswer: true };

/** Opens a TCP socket (from `localAddress`, e.g. another loopback address as "another tablet"), sends bytes, reads the CONNACK. */
export function rawMqttConnect(port: number, packet: Buffer, localAddress = '127.0.0.1'): Promise<ConnackOutcome> {
  return new Promise((resolve) => {
    const socket: Socket = tcpConnect({ port, host: '127.0.0.1', localAddress });
    let received = Buffer.alloc(0);
    const finish = (outcome: ConnackOutcome): void => {
      socket.destroy();
      resolve(outcome);
    };
    socket.on('error', () => finish({ closedWithoutAnswer: true }));
    socket.on('close', () => finish({ closedWithoutAnswer: true }));
    socket.on('connect', () => socket.write(packet));
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.length >= 4 && received[0] === 0x20) finish({ returnCode: received[3]! });
    });
  });
}

/** A real MQTT client (mqtt.js); resolves on CONNACK 0. */
export function mqttClient(url: string, username: string, password: string, options: Partial<IClientOptions> = {}): Promise<MqttClient> {
  const client = mqttConnect(url, { username, password, clientId: `${username}/test-${randomUUID().slice(0, 8)}`, protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 10_000, ...options });
  return new Promise((resolve, reject) => {
    client.once('connect', () => resolve(client));
    client.once('error', (error) => {
      client.end(true);
      reject(error);
    });
  });
}

export const endMqtt = (client: MqttClient | undefined): Promise<void> => (client ? new Promise((resolve) => client.end(true, {}, () => resolve())) : Promise.resolve());

// ---------------------------------------------------------------- a correct order of the fixture menu

export const fixtureMenu = (): Menu => menuSchema.parse(JSON.parse(readFileSync(FIXTURE_MENU, 'utf8')));
export const fixtureStore = (): StoreConfig => storeConfigSchema.parse(JSON.parse(readFileSync(FIXTURE_STORE, 'utf8')));

/** A counter order for `quantity` plain burgers, priced by the pure pricing engine as the kiosk does. */
export function fixtureOrder(quantity = 1, overrides: Partial<OrderMessage> = {}): OrderMessage {
  const menu = fixtureMenu();
  const store = fixtureStore();
  const selection = { kind: 'item' as const, itemId: 'plain-burger', removedIngredientIds: [], options: {}, quantity };
  const priced = priceOrder(menu, store.tax, 'eat_in', [selection], 'en');
  const now = new Date().toISOString();
  return {
    orderId: randomUUID(),
    orderNumber: 'T-001',
    storeId: STORE_ID,
    kioskId: KIOSK_ID,
    menuVersion: menu.version,
    locale: 'en',
    serviceMode: 'eat_in',
    currency: menu.currency,
    lines: [{ lineId: 'l1', selection, title: 'Plain Burger', details: [], unitPrice: priced.lines[0]!.unitPrice, total: priced.lines[0]!.total, calories: priced.lines[0]!.calories }],
    taxes: priced.taxes,
    total: priced.total,
    paymentMethod: 'counter',
    status: 'awaiting_counter_payment',
    placedAt: now,
    updatedAt: now,
    ...overrides,
  };
}

// ---------------------------------------------------------------- WebSocket by hand

export interface FrameSpec {
  opcode: number;
  payload: Buffer;
  fin?: boolean;
  rsv1?: boolean;
  masked?: boolean;
  /** Announce this length instead of the payload's (an oversized frame without sending it all). */
  declaredLength?: number;
}

/** One RFC 6455 frame as a client would send it (masked unless told otherwise). */
export function wsFrame(spec: FrameSpec): Buffer {
  const length = spec.declaredLength ?? spec.payload.length;
  const first = ((spec.fin ?? true) ? 0x80 : 0) | (spec.rsv1 ? 0x40 : 0) | spec.opcode;
  const maskBit = (spec.masked ?? true) ? 0x80 : 0;
  let header: Buffer;
  if (length < 126) header = Buffer.from([first, maskBit | length]);
  else if (length < 65536) header = Buffer.from([first, maskBit | 126, length >> 8, length & 0xff]);
  else {
    header = Buffer.alloc(10);
    header[0] = first;
    header[1] = maskBit | 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  if (!(spec.masked ?? true)) return Buffer.concat([header, spec.payload]);
  const mask = Buffer.from([0x12, 0x34, 0x56, 0x78]);
  const body = Buffer.from(spec.payload.map((byte, index) => byte ^ mask[index % 4]!));
  return Buffer.concat([header, mask, body]);
}

export interface RawWebSocket {
  socket: Socket;
  /** Resolves with the close code the server sent (or null when it just hung up). */
  closed: Promise<number | null>;
}

/** Opens a WebSocket by hand (the HTTP upgrade written out) so the test can send frames no library would. */
export function rawWebSocket(port: number, path: string, headers: Record<string, string>): Promise<RawWebSocket> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ port, host: '127.0.0.1' });
    let buffer = Buffer.alloc(0);
    let upgraded = false;
    let resolveClosed: (code: number | null) => void = () => undefined;
    const closed = new Promise<number | null>((done) => (resolveClosed = done));
    socket.on('error', () => resolveClosed(null));
    socket.on('close', () => {
      resolveClosed(null);
      if (!upgraded) reject(new Error(`no upgrade: ${buffer.toString('latin1').split('\r\n')[0]}`));
    });
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!upgraded) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const status = buffer.subarray(0, end).toString('latin1').split('\r\n')[0]!;
        if (!status.includes(' 101 ')) return reject(new Error(`no upgrade: ${status}`));
        upgraded = true;
        buffer = buffer.subarray(end + 4);
        resolve({ socket, closed });
      }
      // Server frames are unmasked: walk them, and report the code of a close frame (opcode 8).
      while (buffer.length >= 2) {
        const opcode = buffer[0]! & 0x0f;
        let length = buffer[1]! & 0x7f;
        let start = 2;
        if (length === 126) [length, start] = [buffer.length >= 4 ? buffer.readUInt16BE(2) : Infinity, 4];
        else if (length === 127) [length, start] = [buffer.length >= 10 ? Number(buffer.readBigUInt64BE(2)) : Infinity, 10];
        if (buffer.length < start + length) return;
        if (opcode === 8) resolveClosed(length >= 2 ? buffer.readUInt16BE(start) : null);
        buffer = buffer.subarray(start + length);
      }
    });
    socket.on('connect', () => {
      const lines = [
        `GET ${path} HTTP/1.1`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        `Sec-WebSocket-Key: ${Buffer.from(randomUUID().slice(0, 16)).toString('base64')}`,
        'Sec-WebSocket-Version: 13',
        ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
      ];
      socket.write(lines.join('\r\n') + '\r\n\r\n');
    });
  });
}

/** An HTTP request written by hand (any Host header, any method); resolves with status and headers. */
export function rawHttp(port: number, request: string): Promise<{ status: number; headers: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ port, host: '127.0.0.1' });
    let text = '';
    socket.on('error', reject);
    socket.on('data', (chunk) => (text += chunk.toString('latin1')));
    socket.on('close', () => {
      const [head = ''] = text.split('\r\n\r\n');
      const [statusLine = '', ...headerLines] = head.split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers });
    });
    socket.on('connect', () => socket.write(request));
  });
}
