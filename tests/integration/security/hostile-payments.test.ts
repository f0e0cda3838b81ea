// A client holding the page's token (the kiosk contract WebSocket) trying to move money, print
// "paid" and tell the store "paid" on its own word: card payments for orders the host never saw,
// at an amount of its choosing, twice; receipts for unpaid orders and for another document than
// the one paid; paid card orders delivered without a payment; tampered totals; lines comped by
// the page itself; orders above the store's cap. Each is refused with its code, the host keeps serving, and no order or payment is
// lost: the honest order placed between the attacks is paid once, printed and delivered.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeTopics, type OrderMessage } from '../../../common/store-bus/messages';
import { DEVICE_JOURNAL_FILE } from '../../../electron/host/devices/device-service';
import { STAFF, STORE_ID, contractClient, endMqtt, fixtureOrder, mqttClient, startSecuredKiosk, type Answer, type ContractClient, type SecuredKiosk } from './support';

const topics = storeTopics(STORE_ID);
/** The fixture's plain burger costs 4.50; the store takes at most five of them in one order. */
const CAP = 5 * 450;

let kiosk: SecuredKiosk;
let page: ContractClient;
let kitchen: MqttClient;
const kitchenOrders: OrderMessage[] = [];

beforeAll(async () => {
  kiosk = await startSecuredKiosk({ storeExtra: { maxOrderTotalMinor: CAP } });
  page = await contractClient(kiosk.shell);
  kitchen = await mqttClient(kiosk.brokerUrl, 'bert', STAFF.bert);
  kitchen.on('message', (topic, payload) => {
    if (payload.length > 0 && /\/order\/[^/]+\/[^/]+$/.test(topic)) kitchenOrders.push(JSON.parse(payload.toString()) as OrderMessage);
  });
  await new Promise<void>((resolve, reject) => kitchen.subscribe(topics.orderFilter, { qos: 1 }, (error) => (error ? reject(error) : resolve())));
}, 60_000);

afterAll(async () => {
  page?.close();
  await endMqtt(kitchen);
  await kiosk?.close();
});

const journal = (): { kind: string; orderId?: string; paymentKey?: string; jobId?: string; amountMinor?: number }[] =>
  readFileSync(join(kiosk.dataDir, DEVICE_JOURNAL_FILE), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { kind: string });
const paymentsOf = (orderId: string) => journal().filter((entry) => entry.kind === 'payment_started' && entry.orderId === orderId);
const receiptsOf = (orderId: string) => journal().filter((entry) => entry.kind === 'print_started' && entry.jobId === `${orderId}:receipt`);

const refusal = (answer: Answer) => (answer.ok ? { ok: true } : { ok: false, code: answer.error.code });

/** The host still answers the page; whatever was refused, it did not stop. */
async function hostStillServes(): Promise<void> {
  expect(await page.call('getStartup', {})).toMatchObject({ ok: true });
  expect(kiosk.host.storeService).toBeDefined();
}

/** A card order, as the kiosk's page stores it, for `quantity` plain burgers. */
const cardOrder = (quantity = 1, overrides: Partial<OrderMessage> = {}): OrderMessage => fixtureOrder(quantity, { paymentMethod: 'card', status: 'placed', ...overrides });

const deliver = (order: OrderMessage) => page.call('deliverOutboxMessages', { messages: [{ kind: 'order', messageId: `order:${order.orderId}:1`, orderId: order.orderId, revision: 1, order }] });

describe('payments, receipts and orders from a client with the page token', () => {
  it('a card payment for an order the host never saw is refused (unknown_order); nothing is charged', async () => {
    const orderId = randomUUID();
    expect(refusal(await page.call('payByCard', { orderId, paymentKey: `${orderId}#1` }))).toEqual({ ok: false, code: 'unknown_order' });
    expect(paymentsOf(orderId)).toEqual([]);
    await hostStillServes();
  });

  it('the page cannot name an amount: payByCard with amountMinor is refused; the host charges its own total', async () => {
    const order = cardOrder(2);
    expect(await page.call('placeOrder', { order })).toMatchObject({ ok: true, output: { orderId: order.orderId, totalMinor: 900, currency: 'EUR' } });
    const withAmount = await page.call('payByCard', { orderId: order.orderId, paymentKey: `${order.orderId}#1`, amountMinor: 1, currency: 'EUR' });
    expect(withAmount).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringMatching(/amountMinor|currency|unrecognized/i) } });
    expect(paymentsOf(order.orderId)).toEqual([]);
    const paid = await page.call('payByCard', { orderId: order.orderId, paymentKey: `${order.orderId}#1` });
    expect(paid).toMatchObject({ ok: true, output: { result: 'approved', amountMinor: 900 } });
    expect(paymentsOf(order.orderId)).toMatchObject([{ amountMinor: 900 }]);
  });

  it('paying twice: the same key answers the same outcome, another key is refused (already_paid); charged once', async () => {
    const order = cardOrder(1);
    expect(await page.call('placeOrder', { order })).toMatchObject({ ok: true });
    const first = await page.call('payByCard', { orderId: order.orderId, paymentKey: `${order.orderId}#1` });
    expect(first).toMatchObject({ ok: true, output: { result: 'approved', amountMinor: 450 } });
    expect(await page.call('payByCard', { orderId: order.orderId, paymentKey: `${order.orderId}#1` })).toEqual({ ...first, id: expect.anything() });
    expect(refusal(await page.call('payByCard', { orderId: order.orderId, paymentKey: `${order.orderId}#2` }))).toEqual({ ok: false, code: 'already_paid' });
    expect(paymentsOf(order.orderId)).toHaveLength(1);
    await hostStillServes();
  });

  it('a tampered order is refused before any charge: a total that is not its lines\' sum (bad_request), lower prices (price_mismatch), another menu (menu_version_mismatch)', async () => {
    const honest = cardOrder(2);
    const tamperedTotal = { ...honest, total: 1 };
    expect(await page.call('placeOrder', { order: tamperedTotal })).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('placeOrder input.order.total') } });
    const line = honest.lines[0]!;
    const cheap = { ...honest, lines: [{ ...line, unitPrice: 1, total: 2 }], total: 2, taxes: [{ ...honest.taxes[0]!, gross: 2, net: 2, tax: 0 }] };
    expect(await page.call('placeOrder', { order: cheap })).toMatchObject({ ok: false, error: { code: 'price_mismatch', message: expect.stringContaining('lines[0]') } });
    expect(refusal(await page.call('placeOrder', { order: { ...honest, menuVersion: 'old-menu' } }))).toEqual({ ok: false, code: 'menu_version_mismatch' });
    // Nothing was placed, so nothing can be charged.
    expect(refusal(await page.call('payByCard', { orderId: honest.orderId, paymentKey: `${honest.orderId}#1` }))).toEqual({ ok: false, code: 'unknown_order' });
    expect(paymentsOf(honest.orderId)).toEqual([]);
    // The honest document is placed afterwards, and placing it again is the same answer.
    const placed = await page.call('placeOrder', { order: honest });
    expect(placed).toMatchObject({ ok: true, output: { totalMinor: 900 } });
    expect(await page.call('placeOrder', { order: { ...honest, status: 'payment_pending' } })).toEqual({ ...placed, id: expect.anything() });
    // Another document under the placed id is never taken.
    expect(refusal(await page.call('placeOrder', { order: cardOrder(1, { orderId: honest.orderId, placedAt: honest.placedAt }) }))).toEqual({ ok: false, code: 'order_conflict' });
    await hostStillServes();
  });

  it(`an order above the store's cap (${CAP}) is refused (over_limit): not placed, not charged`, async () => {
    const large = cardOrder(6);
    expect(refusal(await page.call('placeOrder', { order: large }))).toEqual({ ok: false, code: 'over_limit' });
    expect(refusal(await page.call('payByCard', { orderId: large.orderId, paymentKey: `${large.orderId}#1` }))).toEqual({ ok: false, code: 'unknown_order' });
    expect(paymentsOf(large.orderId)).toEqual([]);
    expect(await page.call('placeOrder', { order: cardOrder(5) })).toMatchObject({ ok: true, output: { totalMinor: CAP } });
  });

  it('a "paid" receipt is refused for an unplaced order (unknown_order), an unpaid one (not_paid) and another document than the one paid (order_conflict)', async () => {
    const unplaced = cardOrder(1, { status: 'paid' });
    expect(refusal(await page.call('printTicket', { kind: 'receipt', order: unplaced }))).toEqual({ ok: false, code: 'unknown_order' });
    // The page cannot hand in a payment of its own either.
    expect(await page.call('printTicket', { kind: 'receipt', order: unplaced, payment: { amountMinor: 1 } })).toMatchObject({ ok: false, error: { code: 'bad_request' } });

    const unpaid = cardOrder(1);
    expect(await page.call('placeOrder', { order: unpaid })).toMatchObject({ ok: true });
    expect(refusal(await page.call('printTicket', { kind: 'receipt', order: { ...unpaid, status: 'paid' } }))).toEqual({ ok: false, code: 'not_paid' });

    const paid = cardOrder(4);
    expect(await page.call('placeOrder', { order: paid })).toMatchObject({ ok: true });
    expect(await page.call('payByCard', { orderId: paid.orderId, paymentKey: `${paid.orderId}#1` })).toMatchObject({ ok: true, output: { result: 'approved', amountMinor: 1800 } });
    // The same id with other lines and a matching total: not the order that was paid.
    const swapped = cardOrder(1, { orderId: paid.orderId, placedAt: paid.placedAt, status: 'paid' });
    expect(refusal(await page.call('printTicket', { kind: 'receipt', order: swapped }))).toEqual({ ok: false, code: 'order_conflict' });
    expect([...receiptsOf(unplaced.orderId), ...receiptsOf(unpaid.orderId), ...receiptsOf(paid.orderId)]).toEqual([]);
    // The order that was paid prints its receipt, with the host's amount.
    expect(await page.call('printTicket', { kind: 'receipt', order: { ...paid, status: 'paid' } })).toMatchObject({ ok: true, output: { result: 'printed' } });
    expect(receiptsOf(paid.orderId)).toHaveLength(1);
    await hostStillServes();
  });

  it('a paid card order without a payment is not delivered to the store (code); once paid, the same message is delivered: nothing lost', async () => {
    const unknown = cardOrder(1, { status: 'queued' });
    expect(await deliver(unknown)).toMatchObject({ ok: true, output: { results: [{ outcome: 'refused', code: 'not_paid' }] } });

    const order = cardOrder(3);
    expect(await page.call('placeOrder', { order })).toMatchObject({ ok: true });
    const claimedPaid = { ...order, status: 'queued' as const };
    expect(await deliver(claimedPaid)).toMatchObject({ ok: true, output: { results: [{ outcome: 'refused', code: 'not_paid', reason: expect.stringContaining(order.orderId) }] } });
    // A counter order marked paid with no staff signature is refused the same way.
    const counter = fixtureOrder(1, { status: 'paid' });
    expect(await deliver(counter)).toMatchObject({ ok: true, output: { results: [{ outcome: 'refused', code: 'not_paid' }] } });
    expect(kiosk.events.filter((event) => event.event === 'order_delivery_refused').map((event) => event.code)).toEqual(['not_paid', 'not_paid', 'not_paid']);
    // An unpaid card order (placed, being paid) is not a claim of payment: it goes through.
    expect(await deliver(order)).toMatchObject({ ok: true, output: { results: [{ outcome: 'delivered' }] } });

    expect(await page.call('payByCard', { orderId: order.orderId, paymentKey: `${order.orderId}#1` })).toMatchObject({ ok: true, output: { result: 'approved' } });
    expect(await deliver(claimedPaid)).toMatchObject({ ok: true, output: { results: [{ outcome: 'delivered' }] } });
    await expect.poll(() => kitchenOrders.filter((seen) => seen.orderId === order.orderId).map((seen) => seen.status)).toEqual(['placed', 'queued']);
    expect(kitchenOrders.some((seen) => seen.orderId === unknown.orderId || seen.orderId === counter.orderId)).toBe(false);
    await hostStillServes();
  });

  it('the store hears an order only as the host prices it: the page\'s own prices, negative lines and made-up times are refused, and no ticket tells staff to collect them', async () => {
    const cheap = fixtureOrder(5);
    // Five burgers for 0.20, never placed with the host (which would refuse it: price_mismatch).
    const forged: OrderMessage = { ...cheap, lines: [{ ...cheap.lines[0]!, unitPrice: 4, total: 20 }], taxes: [{ ...cheap.taxes[0]!, gross: 20, net: 19, tax: 1 }], total: 20 };
    expect(refusal(await page.call('placeOrder', { order: forged }))).toEqual({ ok: false, code: 'price_mismatch' });
    expect(await deliver(forged)).toMatchObject({ ok: true, output: { results: [{ outcome: 'refused', code: 'price_mismatch', reason: expect.stringContaining('was never placed with the host') }] } });
    expect(refusal(await page.call('printTicket', { kind: 'pay_at_counter', order: forged }))).toEqual({ ok: false, code: 'price_mismatch' });
    const negative: OrderMessage = { ...cheap, orderId: randomUUID(), lines: [{ ...cheap.lines[0]!, unitPrice: -1000, total: -5000 }], total: -5000 };
    expect(await deliver(negative)).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('unitPrice') } });
    const someday: OrderMessage = { ...fixtureOrder(1), placedAt: 'soon', updatedAt: 'soon' };
    expect(await deliver(someday)).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('placedAt') } });
    // The same order (its id) priced as the host prices it, never placed (the host was unreachable then): placed as it is sent.
    expect(await deliver(cheap)).toMatchObject({ ok: true, output: { results: [{ outcome: 'delivered' }] } });
    expect(journal()).toContainEqual(expect.objectContaining({ kind: 'order_placed', orderId: cheap.orderId, totalMinor: 2250 }));
    expect(await page.call('printTicket', { kind: 'pay_at_counter', order: cheap })).toMatchObject({ ok: true, output: { result: 'printed' } });
    await expect.poll(() => kitchenOrders.filter((seen) => seen.orderId === cheap.orderId).map((seen) => seen.total)).toEqual([2250]);
    expect(kitchenOrders.some((seen) => seen.orderId === negative.orderId || seen.orderId === someday.orderId)).toBe(false);
    await hostStillServes();
  });

  it('a line the page comps itself is refused (forbidden); one a signed-in staff member comped is taken', async () => {
    const base = cardOrder(1);
    const line = base.lines[0]!;
    const withComp = (comp: { by: string; at: string }): OrderMessage => ({
      ...base,
      lines: [...base.lines, { ...line, lineId: 'l2', unitPrice: 0, total: 0, comp: { ...comp, reason: 'goodwill', waivedTotal: line.total } }],
    });
    const forged = withComp({ by: 'anna', at: new Date().toISOString() });
    expect(await page.call('placeOrder', { order: forged })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('lines[1] is comped by anna') } });
    const session = await page.call('verifyStaffPin', { username: 'anna', pin: STAFF.anna });
    const { staffSessionId } = (session as { output: { staffSessionId: string } }).output;
    const logged = await page.call('logStaffAction', { staffSessionId, action: 'item_comped', reason: 'goodwill', detail: { lineId: 'l2', waivedTotal: line.total } });
    const { staffName, at } = (logged as { output: { staffName: string; at: string } }).output;
    expect(await page.call('placeOrder', { order: withComp({ by: staffName, at }) })).toMatchObject({ ok: true, output: { totalMinor: 450 } });
    await hostStillServes();
  });

  it('a staff member the host signed in confirms a payment in doubt: the order may reach the store as paid', async () => {
    const order = cardOrder(2);
    expect(await page.call('placeOrder', { order })).toMatchObject({ ok: true });
    const paid = { ...order, status: 'paid' as const };
    expect(await deliver(paid)).toMatchObject({ ok: true, output: { results: [{ outcome: 'refused', code: 'not_paid' }] } });
    // Without a session the page cannot sign; with a wrong PIN it cannot open one.
    expect(refusal(await page.call('logStaffAction', { staffSessionId: randomUUID(), action: 'payment_resolved', orderId: order.orderId, detail: { paid: true } }))).toEqual({ ok: false, code: 'session_ended' });
    expect(await deliver(paid)).toMatchObject({ ok: true, output: { results: [{ outcome: 'refused', code: 'not_paid' }] } });
    const session = await page.call('verifyStaffPin', { username: 'anna', pin: STAFF.anna });
    expect(session).toMatchObject({ ok: true });
    const { staffSessionId } = (session as { output: { staffSessionId: string } }).output;
    expect(await page.call('logStaffAction', { staffSessionId, action: 'payment_resolved', orderId: order.orderId, detail: { paid: true } })).toMatchObject({ ok: true, output: { staffName: 'anna' } });
    expect(journal()).toContainEqual(expect.objectContaining({ kind: 'staff_payment', orderId: order.orderId, staffName: 'anna' }));
    expect(await deliver(paid)).toMatchObject({ ok: true, output: { results: [{ outcome: 'delivered' }] } });
    // Confirmed paid, it is not charged on top.
    expect(refusal(await page.call('payByCard', { orderId: order.orderId, paymentKey: `${order.orderId}#1` }))).toEqual({ ok: false, code: 'already_paid' });
    expect(paymentsOf(order.orderId)).toEqual([]);
  });
});
