// Store-bus users with real credentials (mqtt.js against the embedded broker) publishing
// what their role must not: a help request whose cart currency no screen can format, a
// menu with a tax class named "constructor". Each is refused (the broker disconnects the
// publisher, or the host keeps its last good menu), and the kiosk keeps serving.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeTopics } from '../../../common/store-bus/messages';
import { menu as menuSchema } from '../../../common/menu/schema';
import { KIOSK_ID, OPERATOR, STAFF, STORE_ID, contractClient, endMqtt, fixtureMenu, mqttClient, startSecuredKiosk, type SecuredKiosk } from './support';

const topics = storeTopics(STORE_ID);

let kiosk: SecuredKiosk;
beforeAll(async () => {
  kiosk = await startSecuredKiosk();
});
afterAll(async () => {
  await kiosk.close();
});

/** Publishes (QoS 1) and reports whether the broker accepted it (PUBACK) or hung up on the publisher. */
async function publishAs(username: string, password: string, topic: string, payload: string, retain = true): Promise<'accepted' | 'refused'> {
  const client = await mqttClient(kiosk.brokerUrl, username, password);
  const outcome = await new Promise<'accepted' | 'refused'>((resolve) => {
    client.once('close', () => resolve('refused'));
    client.publish(topic, payload, { qos: 1, retain }, (error) => resolve(error ? 'refused' : 'accepted'));
  });
  await endMqtt(client);
  return outcome;
}

describe('hostile messages from store-bus users', () => {
  it('a help request whose cart currency is "EURO" is refused by the broker (it would blank every console)', async () => {
    const handoffId = randomUUID();
    const handoff = {
      handoffId,
      storeId: STORE_ID,
      kioskId: KIOSK_ID,
      reason: 'other',
      screen: 'cart',
      cart: { currency: 'EURO', lines: [{ title: 'x', details: [], quantity: 1, total: 100 }], total: 100 },
      trigger: 'customer',
      openedAt: new Date().toISOString(),
      state: 'acknowledged',
      acknowledgedBy: { role: 'staff', name: 'anna' },
      acknowledgedAt: new Date().toISOString(),
    };
    expect(await publishAs('anna', STAFF.anna, topics.handoff(KIOSK_ID, handoffId), JSON.stringify(handoff))).toBe('refused');
    expect(kiosk.events.some((event) => event.event === 'store_bus_publish_refused' && String(event.reason).includes('cart.currency'))).toBe(true);
    // Nothing was retained for a console to choke on.
    const reader = await mqttClient(kiosk.brokerUrl, 'bert', STAFF.bert);
    const retained: string[] = [];
    reader.on('message', (topic) => retained.push(topic));
    await new Promise<void>((resolve, reject) => reader.subscribe(topics.handoffFilter(), { qos: 1 }, (error) => (error ? reject(error) : resolve())));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(retained).not.toContain(topics.handoff(KIOSK_ID, handoffId));
    await endMqtt(reader);
  });

  it('a menu with taxClass "constructor" passes the broker (the envelope is fine) but the host refuses it; the next good menu applies', async () => {
    const page = await contractClient(kiosk.shell);
    const updates: string[] = [];
    page.socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { event?: { type: string; version?: string } };
      if (message.event?.type === 'menu.updated') updates.push(message.event.version ?? '');
    });
    const served = fixtureMenu();
    const hostile = { ...served, version: 'hostile-1', items: served.items.map((item) => ({ ...item, taxClass: 'constructor' })) };
    expect(menuSchema.safeParse(hostile).success).toBe(true);
    const publishMenu = (menu: typeof served) => publishAs(OPERATOR.username, OPERATOR.password, topics.menu, JSON.stringify({ menuVersion: menu.version, publishedAt: new Date().toISOString(), menu }));
    expect(await publishMenu(hostile)).toBe('accepted');
    // Messages on one topic arrive in order: once the good menu is served, the hostile one was decided on.
    expect(await publishMenu({ ...served, version: 'good-2' })).toBe('accepted');
    await expect.poll(async () => ((await page.call('getMenu', {})) as { output?: { menu: { version: string } } }).output?.menu.version).toBe('good-2');
    expect(updates).toEqual(['good-2']);
    // Clear the retained menu so it does not outlive the test.
    expect(await publishAs(OPERATOR.username, OPERATOR.password, topics.menu, '')).toBe('accepted');
    page.close();
  });
});
