// The staff contract calls on the host, over a real embedded broker: a customer
// calls staff, the console acknowledges, the kiosk hears who is coming; cancel,
// offline fallback, and staff sign-in checked by the broker with its lockout.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KioskCallError } from '../../../common/contract/index';
import type { StaffEvent } from '../../../common/contract/staff';
import { handoffPublishPlan, storeTopics, type HandoffMessage } from '../../../common/store-bus/messages';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../../electron/host/store-bus/broker';
import { createStaffHandlers, type StaffHandlers } from '../../../electron/host/store-bus/staff-handlers';
import { embeddedStaffPinCheck, externalStaffPinCheck } from '../../../electron/host/store-bus/staff-pin';
import { connectStoreLink } from '../../../electron/host/store-bus/store-link';
import type { StoreLink } from '../../../electron/host/store-bus/types';
import { STORE, cart, collect, connectAs, cuttableLine, endClient, hashedUsers, publish, subscribe, user, type CuttableLine } from './support';

const topics = storeTopics(STORE);

describe('staff contract calls on the host', () => {
  let broker: EmbeddedBroker;
  let line: CuttableLine;
  let link: StoreLink;
  let handlers: StaffHandlers;
  let dispose: () => void;
  const events: StaffEvent[] = [];
  const cleanups: (() => Promise<void>)[] = [];

  beforeEach(async () => {
    broker = await startEmbeddedBroker({ users: await hashedUsers(), tcpPort: 0, wsPort: 0, lockout: { maxFailures: 3, lockoutMs: 60_000 } });
    line = await cuttableLine(broker.tcpPort);
    link = await connectStoreLink({ url: line.url, username: 'kiosk-A', password: user('kiosk-A').password, store: STORE, kioskId: 'A', reconnectPeriodMs: 100 });
    events.length = 0;
    ({ handlers, dispose } = createStaffHandlers({ link, verifyStaffPin: embeddedStaffPinCheck(broker, STORE), emit: (event) => events.push(event) }));
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
    dispose();
    await link.close();
    await line.close();
    await broker.close();
  });
  const staffClient = async () => {
    const client = await connectAs(broker.tcpUrl, 'anna');
    cleanups.push(() => endClient(client));
    return client;
  };

  it('callStaff reaches the console with reason, screen and cart; the kiosk hears who is coming', async () => {
    const staff = await staffClient();
    const inbox = collect(staff);
    await subscribe(staff, topics.handoffFilter());

    const { handoffId, outcome } = await handlers.callStaff({ reason: 'accessibility', screen: 'payment', cart, trigger: 'customer' });
    expect(outcome).toBe('notified');
    const shown = JSON.parse((await inbox.next((m) => m.topic === topics.handoff('A', handoffId))).text) as HandoffMessage;
    expect(shown).toMatchObject({ state: 'open', reason: 'accessibility', screen: 'payment', kioskId: 'A', cart });
    expect((await handlers.getHelpRequest({})).handoff?.handoffId).toBe(handoffId);

    const acknowledged: HandoffMessage = { ...shown, state: 'acknowledged', acknowledgedBy: { role: 'staff', name: 'anna' }, acknowledgedAt: new Date().toISOString() };
    for (const step of handoffPublishPlan(acknowledged)) await publish(staff, step.topic, step.payload, step.retain);
    await expect
      .poll(() => events.find((event) => event.type === 'staff.handoff' && event.handoff.state === 'acknowledged'))
      .toMatchObject({ handoff: { handoffId, acknowledgedBy: { name: 'anna' } } });
    expect((await handlers.getHelpRequest({})).handoff?.state).toBe('acknowledged');
  });

  it('cancelHelpRequest resolves the request as cancelled by the customer and clears it', async () => {
    const staff = await staffClient();
    const inbox = collect(staff);
    await subscribe(staff, topics.handoffFilter());
    const { handoffId } = await handlers.callStaff({ reason: 'other', screen: 'menu', cart, trigger: 'customer' });

    expect(await handlers.cancelHelpRequest({ handoffId, outcome: 'cancelled_by_customer' })).toEqual({ cancelled: true });
    const resolved = await inbox.next((m) => m.topic.endsWith(handoffId) && m.text.includes('resolved'));
    expect(JSON.parse(resolved.text)).toMatchObject({ outcome: 'cancelled_by_customer', resolvedBy: { role: 'kiosk', name: 'kiosk-A' } });
    await inbox.next((m) => m.topic.endsWith(handoffId) && m.text === '');
    expect((await handlers.getHelpRequest({})).handoff).toBeNull();
    expect(await handlers.cancelHelpRequest({ handoffId, outcome: 'cancelled_by_customer' })).toEqual({ cancelled: false });
  });

  it('a request belongs to its session: getHelpRequest names it, and the session\'s end closes it as "customer left"', async () => {
    const staff = await staffClient();
    const inbox = collect(staff);
    await subscribe(staff, topics.handoffFilter());
    const { handoffId } = await handlers.callStaff({ reason: 'other', screen: 'menu', cart, trigger: 'customer', sessionId: 'session-1' });
    expect(await handlers.getHelpRequest({})).toMatchObject({ handoff: { handoffId }, sessionId: 'session-1' });

    expect(await handlers.cancelHelpRequest({ handoffId, outcome: 'customer_left' })).toEqual({ cancelled: true });
    const resolved = await inbox.next((m) => m.topic.endsWith(handoffId) && m.text.includes('resolved'));
    expect(JSON.parse(resolved.text)).toMatchObject({ outcome: 'customer_left', resolvedBy: { role: 'kiosk', name: 'kiosk-A' } });
    // The session id stays in the kiosk: it is not part of the message on the bus.
    expect(resolved.text).not.toContain('session-1');
    expect(await handlers.getHelpRequest({})).toEqual({ handoff: null });
  });

  it('says "ask at the counter" when the store bus is unreachable, and reports the connection', async () => {
    line.setDown(true);
    await expect.poll(() => events.filter((event) => event.type === 'storeBus.connection')).toEqual([{ type: 'storeBus.connection', online: false }]);
    expect(await handlers.getStoreBusStatus({})).toEqual({ online: false });
    expect((await handlers.callStaff({ reason: 'payment_problem', screen: 'payment', cart, trigger: 'offer' })).outcome).toBe('ask_at_counter');
    line.setDown(false);
    await expect.poll(() => link.online).toBe(true);
    expect(await handlers.getStoreBusStatus({})).toEqual({ online: true });
  });

  it('staffSignIn accepts the right PIN, refuses a wrong one, and locks out after repeated wrong PINs', async () => {
    expect(await handlers.staffSignIn({ username: 'anna', pin: '4711' })).toEqual({ staffName: 'anna', manager: false });
    const refused = await handlers.staffSignIn({ username: 'anna', pin: '1234' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(KioskCallError);
    expect(refused).toMatchObject({ code: 'wrong_pin' });
    await expect(handlers.staffSignIn({ username: 'anna', pin: '1111' })).rejects.toMatchObject({ code: 'wrong_pin' });
    await expect(handlers.staffSignIn({ username: 'anna', pin: '2222' })).rejects.toMatchObject({ code: 'wrong_pin' });
    await expect(handlers.staffSignIn({ username: 'anna', pin: '4711' })).rejects.toMatchObject({ code: 'locked_out' });
    await expect(handlers.staffSignIn({ username: 'kiosk-B', pin: 'kiosk-b-secret' })).rejects.toMatchObject({ code: 'wrong_pin', message: expect.stringMatching(/not a staff member/) });
    await expect(handlers.staffSignIn({ username: 'olaf', pin: 'operator-secret' })).rejects.toMatchObject({ code: 'wrong_pin' });
  });

  it('staffSignIn against an external broker signs in there; a kiosk credential is refused by the ACL', async () => {
    const check = externalStaffPinCheck(broker.tcpUrl, STORE, 'A');
    await expect(check('anna', '4711')).resolves.toEqual({ manager: false });
    await expect(check('anna', '0000')).rejects.toMatchObject({ code: 'wrong_pin' });
    await expect(check('kiosk-B', 'kiosk-b-secret')).rejects.toMatchObject({ code: 'wrong_pin', message: expect.stringMatching(/not a staff member/) });
  });
});
