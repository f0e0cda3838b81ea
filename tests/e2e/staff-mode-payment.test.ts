// Staff mode and the card terminal, end to end: the host runs with its printer and card terminal
// on real serial ports (socat pty pairs, simulators on the far end, as in payment.test.ts) and its
// embedded store bus. A declined card → the customer calls staff → staff sign in at the kiosk and
// switch the order to paying at the counter: the same order (no second one), nothing charged, a
// counter ticket printed, the request resolved, every step logged with who. And a payment in doubt
// after a host crash with a silent terminal: staff sign in and decide it was paid.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../electron/host/store-bus/credentials';
import { startSimulatedDevices, type SimulatedDevices } from '../../hardware/simulators';
import { formatViolations, REPO_ROOT, runAxe, startKiosk, type Kiosk, writeStoreConfigWithDevices } from '../support/kiosk';
import { addAsIs, readKioskStore, startOrder } from './ordering-steps';
import { longPressStaffCorner, signInByTouch } from './staff-steps';

const STAFF = { username: 'sam', pin: '4711' };

interface StoredOrder {
  orderId: string;
  orderNumber: string;
  paymentMethod: string;
  status: string;
  total: number;
}
interface StoredAttempt {
  orderId: string;
  outcome: string;
}
interface StoredOutboxRow {
  subjectId: string;
  state: string;
  lastErrorCode?: string;
  message: { order?: { status: string } };
}
interface StoredEvent {
  type: string;
  at: string;
  orderId?: string;
  detail?: Record<string, unknown>;
}

let devices: SimulatedDevices;
let kiosk: Kiosk;
let directory: string;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'counterpart-staff-payment-e2e-'));
  devices = await startSimulatedDevices({ directory });
  const storeConfigPath = writeStoreConfigWithDevices(directory, devices);
  writeFileSync(
    join(directory, 'store-bus-users.json'),
    JSON.stringify([{ username: STAFF.username, role: 'staff', store: (JSON.parse(readFileSync(storeConfigPath, 'utf8')) as { storeId: string }).storeId, passwordHash: await hashPassword(STAFF.pin, { N: 1024, r: 8, p: 1 }) }]),
  );
  kiosk = await startKiosk({ storeConfigPath, menuPath: join(REPO_ROOT, 'menu-config/sample/menu.json') });
});

afterAll(async () => {
  await kiosk?.close();
  await devices?.stop();
  rmSync(directory, { recursive: true, force: true });
});

describe('staff mode with the card terminal', () => {
  it('a declined card → the customer calls staff → staff sign in and switch the order to paying at the counter', async () => {
    const { page } = kiosk;
    devices.terminal.behave({ outcome: 'decline', declineCode: 51 });
    const chargesBefore = devices.terminal.charges().length;
    const printedBefore = devices.printer.documents().length;

    await page.getByRole('heading', { level: 1, name: 'Order here' }).waitFor();
    await startOrder(page, 'Eat in');
    await addAsIs(page, 'Desserts', 'Apple Pie');
    await addAsIs(page, 'Drinks', 'Orange Juice 0.25 l');
    await page.getByRole('region', { name: 'Your order' }).filter({ hasText: /^2 items\b/ }).getByRole('button', { name: 'Review & pay' }).click();
    await page.getByRole('button', { name: 'Pay by card' }).click();
    await page.getByRole('alert').filter({ hasText: 'Your bank declined the payment: not enough funds.' }).waitFor();

    // The customer calls staff from the decline (the exit ramp on the payment step).
    await page.getByRole('main').getByRole('button', { name: 'Call staff' }).click();
    const dialog = page.getByRole('dialog', { name: 'How can we help?' });
    await dialog.getByRole('button', { name: 'A question about payment' }).click();
    await dialog.getByRole('button', { name: 'Call staff now' }).click();
    await dialog.getByText('Help is on the way.', { exact: false }).waitFor({ timeout: 30_000 });

    // Staff at the kiosk: a long press on the corner, then the PIN pad.
    await signInByTouch(await longPressStaffCorner(page), STAFF.username, STAFF.pin);
    const staffMode = page.getByRole('dialog', { name: `Staff mode – ${STAFF.username}` });
    await staffMode.waitFor();
    // The declined card can be tried again from staff mode; staff choose the counter instead.
    await staffMode.getByRole('button', { name: 'Try the card payment again' }).waitFor();
    expect(formatViolations(await runAxe(page))).toBe('');
    await staffMode.getByRole('button', { name: 'Pay at the counter instead' }).click();

    // The order number is on screen behind staff mode; staff close the request and leave.
    await page.getByRole('heading', { level: 1, name: 'Thank you!' }).waitFor({ timeout: 30_000 });
    await staffMode.getByLabel('Outcome').selectOption('Payment resolved');
    await staffMode.getByRole('button', { name: 'Resolve the request' }).click();
    await expect.poll(() => staffMode.getByRole('heading', { name: 'Help request' }).count()).toBe(0);
    await staffMode.getByRole('button', { name: 'Exit staff mode' }).click();
    await page.getByText('Please pay €4.78 at the counter.').waitFor();
    const orderNumber = ((await page.getByRole('region', { name: 'Your order number' }).locator('.order-number').textContent()) ?? '').trim();
    expect(orderNumber).toMatch(/^B-\d{3}$/);

    // Nothing was charged; the one order is now a counter order; its ticket came out.
    expect(devices.terminal.charges().length - chargesBefore).toBe(0);
    const orders = (await readKioskStore<StoredOrder>(page, 'orders')).filter((order) => order.orderNumber === orderNumber);
    expect(orders).toEqual([expect.objectContaining({ paymentMethod: 'counter', total: 478 })]);
    expect(['awaiting_counter_payment', 'queued', 'delivered']).toContain(orders[0]!.status);
    const attempts = (await readKioskStore<StoredAttempt>(page, 'paymentJournal')).filter((attempt) => attempt.orderId === orders[0]!.orderId);
    expect(attempts.map((attempt) => attempt.outcome)).toEqual(['declined']);
    // The terminal's decline slip, then the counter ticket.
    await expect.poll(() => devices.printer.documents().length - printedBefore, { timeout: 30_000 }).toBe(2);
    expect(devices.printer.documents().at(-2)!.text.join('\n')).toContain('Abgelehnt / Declined (51)');
    const ticket = devices.printer.documents().at(-1)!;
    expect(ticket.complete).toBe(true);
    expect(ticket.text.join('\n')).toContain(orderNumber);
    expect(ticket.text.join('\n')).toMatch(/PAY AT THE COUNTER/i);

    // Each staff step logged with who, in order (the outbox sends these to the store); leaving staff
    // mode while the counter ticket was still printing waited for it, so the switch is logged too.
    const staffActions = async () =>
      (await readKioskStore<StoredEvent>(page, 'events'))
        .filter((event) => event.type === 'staff_action')
        .sort((a, b) => a.at.localeCompare(b.at))
        .map((event) => ({ action: event.detail?.action, staff: event.detail?.staff }));
    // (The switch is logged once its ticket has printed, so it may come after the request was resolved.)
    await expect.poll(async () => (await staffActions()).length, { timeout: 30_000 }).toBe(4);
    const actions = await staffActions();
    for (const action of actions) expect(action.staff).toBe(STAFF.username);
    expect(actions[0]!.action).toBe('signed_in');
    expect(actions[3]!.action).toBe('signed_out');
    expect(actions.slice(1, 3).map((action) => action.action).sort()).toEqual(['help_resolved', 'switched_to_counter']);
    expect(kiosk.pageErrors).toEqual([]);
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('heading', { level: 1, name: 'Order here' }).waitFor();
  });

  // Slow by nature: the host asks the silent terminal for a minute (its resolve deadline) before it gives up.
  it('a payment in doubt (terminal silent across a host crash): staff check the slip, sign in and mark it paid', async () => {
    const { page } = kiosk;
    devices.terminal.reset();
    devices.terminal.behave({ pinDelayMs: 3000 });
    await page.getByRole('heading', { level: 1, name: 'Order here' }).waitFor();
    await startOrder(page, 'Eat in');
    await addAsIs(page, 'Desserts', 'Apple Pie');
    await page.getByRole('region', { name: 'Your order' }).filter({ hasText: /^1 item\b/ }).getByRole('button', { name: 'Review & pay' }).click();
    await page.getByRole('button', { name: 'Pay by card' }).click();
    await page.getByRole('status').filter({ hasText: 'Enter your PIN' }).waitFor();
    devices.terminal.behave({ fault: 'silent' });
    await kiosk.restartHost('SIGKILL');

    await page
      .getByRole('heading', { level: 2, name: 'A team member will help you' })
      .waitFor({ timeout: 150_000 })
      .catch(async (error) => {
        throw new Error(`${String(await page.locator('body').innerText())}\n${kiosk.host.output()}\n${String(error)}`);
      });
    const orderNumber = ((await page.getByRole('region', { name: 'Your order number' }).locator('.order-number').textContent()) ?? '').trim();
    expect(devices.printer.documents().at(-1)!.text.join('\n')).toContain('STAFF: PAYMENT NOT CONFIRMED');

    // Staff checked the terminal's journal: it was paid.
    await signInByTouch(await longPressStaffCorner(page), STAFF.username, STAFF.pin);
    const staffMode = page.getByRole('dialog', { name: `Staff mode – ${STAFF.username}` });
    await staffMode.getByText(`The payment of order ${orderNumber} could not be confirmed.`, { exact: false }).waitFor({ timeout: 30_000 });
    expect(formatViolations(await runAxe(page))).toBe('');
    await staffMode.getByRole('button', { name: 'It was paid – mark as paid' }).click();
    await expect.poll(() => staffMode.getByText('could not be confirmed', { exact: false }).count(), { timeout: 30_000 }).toBe(0);
    await staffMode.getByRole('button', { name: 'Exit staff mode' }).click();

    const [order] = (await readKioskStore<StoredOrder>(page, 'orders')).filter((candidate) => candidate.orderNumber === orderNumber);
    expect(['paid', 'queued', 'delivered']).toContain(order!.status);
    const resolved = (await readKioskStore<StoredEvent>(page, 'events')).filter((event) => event.type === 'staff_action' && event.detail?.action === 'payment_resolved');
    expect(resolved).toEqual([expect.objectContaining({ orderId: order!.orderId, detail: expect.objectContaining({ staff: STAFF.username, paid: true, orderNumber }) })]);
    // Signed by the staff member the host signed in, the paid order reaches the store (the host refuses a paid order without it).
    // Delivered rows leave the outbox: a refusal would stay as a pending or dead row with its code.
    const notDelivered = async () =>
      (await readKioskStore<StoredOutboxRow>(page, 'outbox')).filter((row) => row.subjectId === order!.orderId).map((row) => ({ state: row.state, status: row.message.order?.status, code: row.lastErrorCode }));
    await expect.poll(notDelivered, { timeout: 30_000 }).toEqual([]);
    devices.terminal.reset();
  }, 240_000);
});
