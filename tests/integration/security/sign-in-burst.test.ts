// Attackers guessing a staff PIN all at once: 300 MQTT CONNECTs from a tablet, and
// 300 pipelined verifyStaffPin calls from a client holding the page's token. The
// right PIN is among the guesses and never gets in; only a handful are even checked;
// staff still sign in (at the kiosk, on another tablet) meanwhile, and the kiosk keeps
// delivering orders to the store.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeTopics } from '../../../common/store-bus/messages';
import { DEFAULT_LOCKOUT } from '../../../electron/host/store-bus/login-guard';
import { STAFF, STORE_ID, connectPacket, contractClient, endMqtt, fixtureOrder, mqttClient, rawMqttConnect, startSecuredKiosk, type SecuredKiosk } from './support';

const GUESSES = 300;
const RIGHT_AT = 150;
/** Another loopback address stands for another machine on the store network. */
const ATTACKING_TABLET = '127.0.0.2';
const topics = storeTopics(STORE_ID);

const guesses = (): string[] => Array.from({ length: GUESSES }, (_, index) => (index === RIGHT_AT ? STAFF.anna : String(1000 + index).padStart(4, '0')));

describe('a burst of concurrent staff sign-ins', () => {
  let kiosk: SecuredKiosk;
  beforeEach(async () => {
    kiosk = await startSecuredKiosk();
  });
  afterEach(async () => {
    await kiosk.close();
  });

  const checkedWrong = (source: string): number =>
    kiosk.events.filter((event) => event.event === 'store_bus_sign_in_refused' && event.reason === 'wrong' && event.source === source).length;

  it('300 MQTT CONNECTs from one tablet: none gets in, the right PIN included; staff sign in at the kiosk and on another tablet meanwhile', async () => {
    const burst = Promise.all(
      guesses().map((pin, index) => rawMqttConnect(kiosk.brokerPort, connectPacket({ clientId: `anna/guess-${index}`, username: 'anna', password: pin }), ATTACKING_TABLET)),
    );
    const page = await contractClient(kiosk.shell);
    const atKiosk = page.call('verifyStaffPin', { username: 'anna', pin: STAFF.anna });
    const onOtherTablet = mqttClient(kiosk.brokerUrl, 'anna', STAFF.anna);

    const outcomes = await burst;
    expect(outcomes.filter((outcome) => 'returnCode' in outcome && outcome.returnCode === 0)).toEqual([]);
    // Every guess was answered with a refusal (4: wrong PIN, 5: not authorized now), none was left hanging.
    expect(new Set(outcomes.map((outcome) => ('returnCode' in outcome ? outcome.returnCode : 'closed')))).toEqual(new Set([4, 5]));
    expect(checkedWrong(`peer:${ATTACKING_TABLET}`)).toBeLessThanOrEqual(DEFAULT_LOCKOUT.maxFailures);

    const signedIn = await atKiosk;
    expect(signedIn).toMatchObject({ ok: true, output: { staffName: 'anna' } });
    const tablet = await onOtherTablet;
    await endMqtt(tablet);

    // The tablet is still locked out for anna, even with the right PIN.
    const retry = await rawMqttConnect(kiosk.brokerPort, connectPacket({ clientId: 'anna/retry', username: 'anna', password: STAFF.anna }), ATTACKING_TABLET);
    expect(retry).toEqual({ returnCode: 5 });

    // The host keeps running and nothing is lost: an order placed now reaches the store.
    const kitchen = await mqttClient(kiosk.brokerUrl, 'bert', STAFF.bert);
    const received = new Promise<string>((resolve) => kitchen.on('message', (topic, payload) => topic.startsWith(`${topics.base}/order/`) && resolve(payload.toString())));
    await new Promise<void>((resolve, reject) => kitchen.subscribe(topics.orderFilter, { qos: 1 }, (error) => (error ? reject(error) : resolve())));
    const order = fixtureOrder();
    expect(await page.call('deliverOutboxMessages', { messages: [{ kind: 'order', messageId: order.orderId, orderId: order.orderId, revision: 1, order }] })).toMatchObject({ ok: true, output: { results: [{ outcome: 'delivered' }] } });
    expect(JSON.parse(await received).orderId).toBe(order.orderId);
    await endMqtt(kitchen);
    page.close();
  });

  it('300 pipelined verifyStaffPin calls with the page token: none gets in; staff still sign in on a tablet', async () => {
    const page = await contractClient(kiosk.shell);
    const burst = page.pipeline(guesses().map((pin) => ({ call: 'verifyStaffPin', input: { username: 'anna', pin } })));
    const onTablet = mqttClient(kiosk.brokerUrl, 'anna', STAFF.anna);

    const answers = await burst;
    expect(answers.filter((answer) => answer.ok)).toEqual([]);
    // Refused as a wrong PIN until the name locks, then as locked out; never let in.
    for (const answer of answers) expect(answer.ok ? 'ok' : answer.error.code).toMatch(/^(wrong_pin|locked_out)$/);
    expect(checkedWrong('kiosk-screen')).toBeLessThanOrEqual(DEFAULT_LOCKOUT.maxFailures);

    await endMqtt(await onTablet);
    // The host answers as before.
    expect(await page.call('getStoreBusStatus', {})).toMatchObject({ ok: true, output: { online: true } });
    page.close();
  });
});
