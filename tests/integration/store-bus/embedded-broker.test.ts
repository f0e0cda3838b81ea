// What only the embedded broker does: PIN lockout, client ids tied to usernames,
// messages checked against their schema, actors signing only as themselves,
// MQTT over WebSocket, and startStoreBus wiring a kiosk to its own broker.
import { randomUUID } from 'node:crypto';
import { connect } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { handoffPublishPlan, storeTopics, type HandoffMessage } from '../../../common/store-bus/messages';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../../electron/host/store-bus/broker';
import { hashPassword } from '../../../electron/host/store-bus/credentials';
import { startStoreBus, type StoreBus } from '../../../electron/host/store-bus/index';
import { STORE, collect, connectAs, endClient, handoff, hashedUsers, order, publish, subscribe } from './support';

const topics = storeTopics(STORE);

describe('embedded broker', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const startBroker = async (options: Partial<Parameters<typeof startEmbeddedBroker>[0]> = {}): Promise<EmbeddedBroker> => {
    const broker = await startEmbeddedBroker({ users: await hashedUsers(), tcpPort: 0, wsPort: 0, ...options });
    cleanups.push(() => broker.close());
    return broker;
  };
  const as = async (url: string, name: string, options: Parameters<typeof connectAs>[2] = {}) => {
    const client = await connectAs(url, name, options);
    cleanups.push(() => endClient(client));
    return client;
  };

  it('locks a staff name out after repeated wrong PINs, even for the right PIN, until the lockout ends', async () => {
    let now = 1_000_000;
    const broker = await startBroker({ lockout: { maxFailures: 3, lockoutMs: 5 * 60_000, now: () => now } });
    for (let attempt = 1; attempt <= 3; attempt++) {
      await expect(connectAs(broker.tcpUrl, 'anna', { password: '0000' })).rejects.toThrow(/Bad username or password/);
    }
    await expect(connectAs(broker.tcpUrl, 'anna')).rejects.toThrow(/Not authorized/);
    // Other people are not affected.
    await as(broker.tcpUrl, 'olaf');

    now += 5 * 60_000 + 1;
    await as(broker.tcpUrl, 'anna');
  });

  it('does not lock out kiosks (long machine secrets): guessing cannot cut a kiosk off its store', async () => {
    const broker = await startBroker({ lockout: { maxFailures: 3, lockoutMs: 60_000 } });
    for (let attempt = 1; attempt <= 5; attempt++) {
      await expect(connectAs(broker.tcpUrl, 'kiosk-B', { password: 'guess' })).rejects.toThrow(/Bad username or password/);
    }
    await as(broker.tcpUrl, 'kiosk-B');
  });

  it('resets the failure count after a successful sign-in', async () => {
    const broker = await startBroker({ lockout: { maxFailures: 2, lockoutMs: 60_000 } });
    await expect(connectAs(broker.tcpUrl, 'anna', { password: '1' })).rejects.toThrow();
    await as(broker.tcpUrl, 'anna');
    await expect(connectAs(broker.tcpUrl, 'anna', { password: '2' })).rejects.toThrow();
    await as(broker.tcpUrl, 'anna');
  });

  it('ties client ids to usernames: nobody can take over a kiosk session', async () => {
    const broker = await startBroker();
    await expect(connectAs(broker.tcpUrl, 'anna', { clientId: 'kiosk-A' })).rejects.toThrow(/Not authorized/);
    await as(broker.tcpUrl, 'anna', { clientId: 'anna/tablet-2' });
  });

  it('refuses messages that do not match their schema, and actors signing as someone else', async () => {
    const broker = await startBroker();
    const watcher = await as(broker.tcpUrl, 'olaf');
    const inbox = collect(watcher);
    await subscribe(watcher, topics.all);

    const closes = async (name: string, topic: string, payload: string, retain = false): Promise<void> => {
      const client = await connectAs(broker.tcpUrl, name);
      const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
      client.publish(topic, payload, { qos: 1, retain });
      await closed;
      await endClient(client);
    };
    const broken = order();
    await closes('kiosk-A', topics.order('A', broken.orderId), JSON.stringify({ ...broken, total: 'twelve' }));
    await closes('kiosk-A', topics.order('A', randomUUID()), JSON.stringify(order()));
    const request = handoff();
    const impersonated: HandoffMessage = { ...request, state: 'acknowledged', acknowledgedBy: { role: 'staff', name: 'bert' }, acknowledgedAt: new Date().toISOString() };
    await closes('anna', topics.handoff('A', request.handoffId), JSON.stringify(impersonated), true);
    await closes('anna', topics.handoff('A', request.handoffId), JSON.stringify(request), true);

    const valid = order();
    await publish(await as(broker.tcpUrl, 'kiosk-A'), topics.order('A', valid.orderId), JSON.stringify(valid));
    await inbox.next((m) => m.topic === topics.order('A', valid.orderId));
    // Only the valid order got through; each refusal left its reason for the sender on refused/{username}.
    expect(inbox.messages.filter((m) => !m.topic.includes('/refused/')).map((m) => m.topic)).toEqual([topics.order('A', valid.orderId)]);
    expect(inbox.messages.filter((m) => m.topic.includes('/refused/')).map((m) => m.topic)).toEqual([topics.refusal('kiosk-A'), topics.refusal('kiosk-A'), topics.refusal('anna'), topics.refusal('anna')]);
  });

  it('speaks MQTT over WebSocket with the same credentials and ACLs (the staff console)', async () => {
    const broker = await startBroker();
    const staff = await as(broker.wsUrl, 'anna');
    const inbox = collect(staff);
    expect(await subscribe(staff, [topics.handoffFilter(), topics.menu])).toEqual([1, 1]);
    const request = handoff();
    for (const step of handoffPublishPlan(request)) await publish(await as(broker.tcpUrl, 'kiosk-A'), step.topic, step.payload, step.retain);
    expect(JSON.parse((await inbox.next((m) => m.topic.includes(request.handoffId))).text).cart.lines).toHaveLength(2);
    await expect(connectAs(broker.wsUrl, null)).rejects.toThrow(/Not authorized/);
  });

  it('startStoreBus runs an embedded broker the kiosk signs in to with a secret nobody else knows', async () => {
    const staffHash = await hashPassword('4711', { N: 1024, r: 8, p: 1 });
    const bus: StoreBus = await startStoreBus({
      store: STORE,
      kioskId: 'A',
      users: [{ username: 'anna', role: 'staff', store: STORE, passwordHash: staffHash }],
      embedded: { tcpPort: 0, wsPort: 0 },
      initialStatus: { devices: { printer: 'ok', terminal: 'down' }, menuVersion: 'v7' },
    });
    cleanups.push(() => bus.close());
    expect(bus.link.online).toBe(true);
    expect(bus.broker?.tcpUrl).toMatch(/^mqtt:\/\/127\.0\.0\.1:\d+$/);

    const staff = await as(bus.broker!.wsUrl, 'anna');
    const inbox = collect(staff);
    await subscribe(staff, topics.kioskStatusFilter);
    const statusMessage = await inbox.next((m) => m.topic === topics.kioskStatus('A') && m.text.includes('online'));
    expect(JSON.parse(statusMessage.text)).toMatchObject({ devices: { terminal: 'down' }, menuVersion: 'v7' });

    // The kiosk's own user has a generated secret; guessing fails.
    for (let attempt = 0; attempt < 2; attempt++) {
      const intruder = connect(bus.broker!.tcpUrl, { username: 'kiosk-A', password: 'kiosk-A', clientId: 'kiosk-A/x', reconnectPeriod: 0, protocolVersion: 4 });
      await expect(new Promise((resolve, reject) => intruder.once('connect', resolve).once('error', reject))).rejects.toThrow(/Bad username or password/);
      intruder.end(true);
    }
  });
});
