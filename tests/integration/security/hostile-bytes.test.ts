// Bytes no honest client sends, written by hand on plain TCP sockets: bad WebSocket
// frames on the kiosk contract socket, oversized and malformed MQTT packets before and
// after sign-in, foreign Origins and Hosts. Each is refused (that connection closes,
// with a close code where the protocol has one), and the same host keeps answering
// and keeps delivering orders: nothing is lost. One host serves all attacks in turn.
import { connect as tcpConnect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeTopics } from '../../../common/store-bus/messages';
import { PAYLOAD_LIMITS } from '../../../electron/host/store-bus/acl';
import { PACKET_LIMITS } from '../../../electron/host/store-bus/broker';
import {
  STAFF,
  STORE_ID,
  connectPacket,
  contractClient,
  endMqtt,
  fixtureOrder,
  mqttClient,
  oversizedConnectHead,
  rawHttp,
  rawMqttConnect,
  rawWebSocket,
  remainingLength,
  startSecuredKiosk,
  wsFrame,
  type SecuredKiosk,
} from './support';

const topics = storeTopics(STORE_ID);
const MIB = 1024 * 1024;

let kiosk: SecuredKiosk;
beforeAll(async () => {
  kiosk = await startSecuredKiosk();
});
afterAll(async () => {
  await kiosk.close();
});

/** The host still answers a well-behaved page and still delivers an order to the store. */
async function hostStillServes(): Promise<void> {
  const page = await contractClient(kiosk.shell);
  expect(await page.call('getStartup', {})).toMatchObject({ ok: true });
  const kitchen = await mqttClient(kiosk.brokerUrl, 'bert', STAFF.bert);
  const order = fixtureOrder();
  // Orders are retained: the kitchen also hears those of earlier tests; it waits for this one.
  const received = new Promise<string>((resolve) =>
    kitchen.on('message', (_topic, payload) => {
      if (payload.length > 0 && (JSON.parse(payload.toString()) as { orderId?: string }).orderId === order.orderId) resolve(payload.toString());
    }),
  );
  await new Promise<void>((resolve, reject) => kitchen.subscribe(topics.orderFilter, { qos: 1 }, (error) => (error ? reject(error) : resolve())));
  expect(await page.call('deliverOutboxMessages', { messages: [{ kind: 'order', messageId: order.orderId, orderId: order.orderId, revision: 1, order }] })).toMatchObject({ ok: true, output: { results: [{ outcome: 'delivered' }] } });
  expect(JSON.parse(await received).orderId).toBe(order.orderId);
  await endMqtt(kitchen);
  page.close();
}

describe('the kiosk contract WebSocket, attacked frame by frame (with the token)', () => {
  const open = () => {
    const origin = kiosk.shell.origin;
    return rawWebSocket(kiosk.shell.port, `/kiosk?token=${kiosk.shell.token}`, { Host: new URL(origin).host, Origin: origin });
  };
  const text = Buffer.from(JSON.stringify({ id: 1, call: 'getStartup', input: {} }));

  it.each([
    ['a frame over 1 MiB (declared, then streamed)', 1009, wsFrame({ opcode: 0x1, payload: Buffer.alloc(64 * 1024, 0x20), declaredLength: 2 * MIB })],
    ['a text frame that is not UTF-8', 1007, wsFrame({ opcode: 0x1, payload: Buffer.from([0x7b, 0xc3, 0x28, 0x7d]) })],
    ['a reserved opcode (0x3)', 1002, wsFrame({ opcode: 0x3, payload: text })],
    ['RSV1 set without a negotiated extension', 1002, wsFrame({ opcode: 0x1, payload: text, rsv1: true })],
    ['an unmasked client frame', 1002, wsFrame({ opcode: 0x1, payload: text, masked: false })],
  ])('%s closes that connection only (close code %i); the host keeps serving', async (_name, code, frame) => {
    const bystander = await contractClient(kiosk.shell);
    const attacker = await open();
    attacker.socket.write(frame);
    expect(await attacker.closed).toBe(code);
    // The other page connection is untouched.
    expect(await bystander.call('getStoreBusStatus', {})).toMatchObject({ ok: true });
    bystander.close();
    expect(kiosk.events.some((event) => event.event === 'browser_shell_frame_refused')).toBe(true);
    await hostStillServes();
  });

  it('a connection reset in the middle of the upgrade does not end the host', async () => {
    await new Promise<void>((resolve) => {
      const socket = tcpConnect({ port: kiosk.shell.port, host: '127.0.0.1' }, () => {
        socket.write(`GET /kiosk?token=${kiosk.shell.token} HTTP/1.1\r\nHost: 127.0.0.1:${kiosk.shell.port}\r\nUpgrade: websocket\r\n`);
        socket.resetAndDestroy();
        resolve();
      });
      socket.on('error', () => undefined);
    });
    await hostStillServes();
  });
});

describe('the embedded broker, attacked with hand-made MQTT packets', () => {
  /** Streams `total` bytes after `head` until the broker hangs up; resolves with how much it took. */
  const streamUntilClosed = (head: Buffer, total: number): Promise<number> =>
    new Promise((resolve) => {
      const socket = tcpConnect({ port: kiosk.brokerPort, host: '127.0.0.1' });
      let written = 0;
      let done = false;
      const finish = (): void => {
        if (done) return;
        done = true;
        socket.destroy();
        resolve(written);
      };
      socket.on('error', finish);
      socket.on('close', finish);
      const chunk = Buffer.alloc(64 * 1024, 0x41);
      const pump = (): void => {
        while (!done && written < total) {
          written += chunk.length;
          if (!socket.write(chunk)) return void socket.once('drain', pump);
        }
        if (written >= total) finish();
      };
      socket.on('connect', () => {
        socket.write(head);
        pump();
      });
    });

  it('three CONNECTs declaring 200 MB each, before any sign-in, are cut off at once; memory does not grow', async () => {
    const before = process.memoryUsage();
    const taken = await Promise.all([1, 2, 3].map(() => streamUntilClosed(oversizedConnectHead(200 * MIB), 48 * MIB)));
    const after = process.memoryUsage();
    // The broker hung up long before the attacker got its 48 MiB out (the rest is kernel buffers).
    for (const bytes of taken) expect(bytes).toBeLessThan(16 * MIB);
    expect(after.arrayBuffers + after.heapUsed - (before.arrayBuffers + before.heapUsed)).toBeLessThan(64 * MIB);
    expect(kiosk.events.filter((event) => event.event === 'store_bus_packet_refused').length).toBeGreaterThanOrEqual(3);
    await hostStillServes();
  });

  it('refuses a malformed remaining length, a flood of bytes before CONNACK, and plain garbage', async () => {
    const malformed = Buffer.from([0x10, 0xff, 0xff, 0xff, 0xff, 0x01]);
    expect(await rawMqttConnect(kiosk.brokerPort, malformed)).toEqual({ closedWithoutAnswer: true });
    // Many small packets before signing in: over the budget for a client that has not signed in.
    const small = Buffer.concat([Buffer.from([0x30]), remainingLength(8 * 1024), Buffer.alloc(8 * 1024)]);
    const flood = Buffer.concat(Array.from({ length: 10 }, () => small));
    expect(await rawMqttConnect(kiosk.brokerPort, flood)).toEqual({ closedWithoutAnswer: true });
    expect(await rawMqttConnect(kiosk.brokerPort, Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'))).toEqual({ closedWithoutAnswer: true });
    await hostStillServes();
  });

  it('after sign-in, a packet over the largest payload is cut off, and each topic has its own payload limit', async () => {
    const signedIn = await new Promise<number>((resolve) => {
      const socket = tcpConnect({ port: kiosk.brokerPort, host: '127.0.0.1' });
      let written = 0;
      socket.on('error', () => resolve(written));
      socket.on('close', () => resolve(written));
      socket.on('connect', () => socket.write(connectPacket({ clientId: 'bert/raw', username: 'bert', password: STAFF.bert })));
      socket.once('data', (connack) => {
        expect(connack[3]).toBe(0);
        const head = Buffer.concat([Buffer.from([0x30]), remainingLength(PACKET_LIMITS.signedInBytes + 1)]);
        socket.write(head);
        const chunk = Buffer.alloc(64 * 1024);
        const pump = (): void => {
          while (written < 32 * MIB && !socket.destroyed) {
            written += chunk.length;
            if (!socket.write(chunk)) return void socket.once('drain', pump);
          }
        };
        pump();
      });
    });
    expect(signedIn).toBeLessThan(16 * MIB);

    // A help request 1 byte over the handoff limit, from a real client with staff credentials.
    const staff = await mqttClient(kiosk.brokerUrl, 'anna', STAFF.anna);
    const closed = new Promise<void>((resolve) => staff.once('close', () => resolve()));
    staff.publish(`${topics.base}/handoff/kiosk-1/6f1c7a55-0d7e-4a53-9a57-6d7b0d8f2b11`, 'x'.repeat(PAYLOAD_LIMITS.handoff + 1), { qos: 1, retain: true });
    await closed;
    await endMqtt(staff);
    expect(kiosk.events.some((event) => event.event === 'store_bus_publish_refused' && String(event.reason).includes('at most'))).toBe(true);
    await hostStillServes();
  });

  it('caps connections that never sign in, per peer; another machine still connects', async () => {
    const idle = await Promise.all(
      Array.from({ length: 40 }, () => new Promise<ReturnType<typeof tcpConnect>>((resolve) => {
        const socket = tcpConnect({ port: kiosk.brokerPort, host: '127.0.0.1', localAddress: '127.0.0.3' }, () => resolve(socket));
        socket.on('error', () => undefined);
      })),
    );
    await expect.poll(() => idle.filter((socket) => socket.destroyed || socket.readableEnded).length).toBeGreaterThanOrEqual(8);
    expect(kiosk.events.some((event) => event.event === 'store_bus_connection_refused')).toBe(true);
    await hostStillServes();
    for (const socket of idle) socket.destroy();
  });
});

describe("the broker's HTTP side (staff console and MQTT over WebSocket)", () => {
  const wsPort = () => Number(new URL(kiosk.brokerWsUrl).port);

  it('refuses a WebSocket from a foreign Origin, accepts its own page and non-browser clients', async () => {
    const host = `127.0.0.1:${wsPort()}`;
    await expect(rawWebSocket(wsPort(), '/mqtt', { Host: host, Origin: 'http://evil.example', 'Sec-WebSocket-Protocol': 'mqtt' })).rejects.toThrow(/403/);
    const own = await rawWebSocket(wsPort(), '/mqtt', { Host: host, Origin: `http://${host}`, 'Sec-WebSocket-Protocol': 'mqtt' });
    own.socket.destroy();
    const tablet = await mqttClient(kiosk.brokerWsUrl, 'anna', STAFF.anna);
    await endMqtt(tablet);
    await hostStillServes();
  });

  it('checks Host and sends CSP on every response, errors included', async () => {
    const port = wsPort();
    const request = (method: string, path: string, host: string) => rawHttp(port, `${method} ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
    const rebound = await request('GET', '/staff/', `evil.example:${port}`);
    expect(rebound.status).toBe(421);
    const responses = [
      rebound,
      await request('GET', '/staff/', `127.0.0.1:${port}`),
      await request('GET', '/nothing-here', `127.0.0.1:${port}`),
      await request('POST', '/staff/', `127.0.0.1:${port}`),
      await request('GET', '/staff/../../etc/passwd', `127.0.0.1:${port}`),
    ];
    expect(responses.map((response) => response.status)).toEqual([421, 200, 404, 405, 404]);
    for (const response of responses) {
      expect(response.headers['content-security-policy']).toMatch(/default-src 'self'/);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
    await expect(rawWebSocket(port, '/mqtt', { Host: `evil.example:${port}`, 'Sec-WebSocket-Protocol': 'mqtt' })).rejects.toThrow(/421/);
    await hostStillServes();
  });
});
