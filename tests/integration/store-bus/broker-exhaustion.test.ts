// The embedded broker under the load an untrusted peer on the store's network can make: connections
// that never sign in, statuses for orders that do not exist.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect as connectTcp, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { storeTopics } from '../../../common/store-bus/messages';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../../electron/host/store-bus/broker';
import { STORE, collect, connectAs, endClient, hashedUsers, order, publish, subscribe, user } from './support';

const topics = storeTopics(STORE);

/** A raw MQTT client (mqtt-packet) that signs in as bert, subscribes, then stops reading its socket. */
const STALLED_TABLET = `
import { connect } from 'node:net';
import packets from 'mqtt-packet';
const [port, filter, password] = process.argv.slice(1);
const socket = connect(Number(port), '127.0.0.1');
socket.on('error', () => undefined);
socket.on('close', () => { console.log('closed by the broker'); process.exit(0); });
socket.write(packets.generate({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, clientId: 'bert/stalled', keepalive: 0, username: 'bert', password: Buffer.from(password) }));
socket.once('data', () => {
  socket.write(packets.generate({ cmd: 'subscribe', messageId: 1, subscriptions: [{ topic: filter, qos: 1 }] }));
  socket.once('data', () => {
    socket.pause();
    console.log('reading no more');
    // Back after 15 s, longer than the broker waits for a client to read (aedes' default waits 60 s):
    // closed by then, the socket reads what was sent before, then the end.
    setTimeout(() => {
      socket.resume();
      let quiet;
      socket.on('data', () => { clearTimeout(quiet); quiet = setTimeout(() => { console.log('still connected'); process.exit(0); }, 3000); });
    }, Number(process.argv[4]));
  });
});
setInterval(() => undefined, 1000); // a socket that reads nothing does not keep the process alive

`;

describe('embedded broker under load from untrusted peers', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const startBroker = async (): Promise<EmbeddedBroker> => {
    const broker = await startEmbeddedBroker({ users: await hashedUsers(), tcpPort: 0, wsPort: 0 });
    cleanups.push(() => broker.close());
    return broker;
  };

  it('lets a tablet sign in while eight other machines hold every place for connections that never sign in', async () => {
    const broker = await startBroker();
    const sockets: Socket[] = [];
    cleanups.push(() => sockets.forEach((socket) => socket.destroy()));
    // 8 peers × 32 (the per-peer share): all 256 places, none of them ever sending CONNECT.
    for (let peer = 2; peer <= 9; peer++) {
      for (let n = 0; n < 32; n++) {
        const socket = connectTcp({ host: '127.0.0.1', port: broker.tcpPort, localAddress: `127.0.0.${peer}` });
        socket.on('error', () => undefined);
        sockets.push(socket);
      }
    }
    await Promise.all(sockets.map((socket) => new Promise<void>((resolve) => (socket.readyState === 'open' ? resolve() : socket.once('connect', () => resolve())))));
    const anna = await connectAs(broker.tcpUrl, 'anna');
    cleanups.push(() => endClient(anna));
    expect(anna.connected).toBe(true);
    // The place was taken from one of the peers holding the most; it was closed.
    await expect.poll(() => sockets.filter((socket) => socket.destroyed || socket.readableEnded).length).toBeGreaterThan(0);
  });

  it('closes a signed-in client that stops reading for seconds, so it cannot hold up the others for long', { timeout: 60_000 }, async () => {
    const broker = await startBroker();
    // A staff tablet, in a process of its own, that signs in, subscribes to the whole store, then reads nothing more.
    const stalled = spawn(process.execPath, ['--input-type=module', '-e', STALLED_TABLET, String(broker.tcpPort), topics.all, user('bert').password, '15000'], { stdio: ['ignore', 'pipe', 'inherit'] });
    cleanups.push(() => void stalled.kill());
    let said = '';
    stalled.stdout.on('data', (chunk: Buffer) => (said += chunk.toString()));
    const exited = once(stalled, 'exit');
    await expect.poll(() => said, { timeout: 10_000 }).toContain('reading no more');

    const anna = await connectAs(broker.tcpUrl, 'anna');
    cleanups.push(() => endClient(anna));
    const soldOut = Array.from({ length: 900 }, (_, index) => `item-${String(index).padStart(55, '0')}`);
    // About 60 KB each: far more than the stalled socket's buffers hold.
    for (let n = 0; n < 600; n++) {
      await publish(anna, topics.availability, JSON.stringify({ soldOut: n % 2 ? soldOut : soldOut.slice(1), by: { role: 'staff', name: 'anna' }, at: new Date().toISOString() }), true);
    }
    // Every publish was acknowledged, and the broker closed the tablet that stopped reading.
    await exited;
    expect(said).toContain('closed by the broker');
    expect(said).not.toContain('still connected');
  });

  it('refuses a status for an order that is not on the bus, and takes one for an order that is', async () => {
    const broker = await startBroker();
    const kiosk = await connectAs(broker.tcpUrl, 'kiosk-A');
    cleanups.push(() => endClient(kiosk));
    const placed = order();
    await publish(kiosk, topics.order('A', placed.orderId), JSON.stringify(placed), true);
    const status = (orderId: string) => JSON.stringify({ orderId, orderNumber: placed.orderNumber, kioskId: 'A', status: 'ready', by: { role: 'staff', name: 'anna' }, at: new Date().toISOString() });

    const anna = await connectAs(broker.tcpUrl, 'anna');
    cleanups.push(() => endClient(anna));
    await publish(anna, topics.orderStatus('A', placed.orderId), status(placed.orderId), true);

    const madeUp = '00000000-0000-4000-8000-000000000000';
    const refused = await connectAs(broker.tcpUrl, 'anna');
    const closed = new Promise<void>((resolve) => refused.once('close', () => resolve()));
    refused.options.reconnectPeriod = 0;
    refused.publish(topics.orderStatus('A', madeUp), status(madeUp), { qos: 1, retain: true });
    await closed;
    await endClient(refused);

    // A console that opens later sees the real order's status, not the made-up one (retained
    // messages come in the order of the filters: the made-up one would have come first).
    const late = await connectAs(broker.tcpUrl, 'bert');
    cleanups.push(() => endClient(late));
    const inbox = collect(late);
    expect(await subscribe(late, [topics.orderStatus('A', madeUp), topics.orderStatus('A', placed.orderId)])).toEqual([1, 1]);
    await inbox.next((message) => message.topic === topics.orderStatus('A', placed.orderId));
    expect(inbox.messages.map((message) => message.topic)).toEqual([topics.orderStatus('A', placed.orderId)]);
  });
});
