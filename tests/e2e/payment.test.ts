// Card payment end to end: the host runs as a child process with its printer and card terminal
// configured as real serial ports (socat pty pairs), the simulators on the far end run here, so
// the test sees exactly what the terminal charged and what came out of the printer.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulatedDevices, type SimulatedDevices } from '../../hardware/simulators';
import { formatViolations, REPO_ROOT, runAxe, startKiosk, type Kiosk, writeStoreConfigWithDevices } from '../support/kiosk';
import { addAsIs, readKioskStore, startOrder } from './ordering-steps';

interface StoredOrder {
  orderId: string;
  orderNumber: string;
  paymentMethod: string;
  status: string;
  total: number;
}
interface StoredAttempt {
  orderId: string;
  attempt: number;
  outcome: string;
  terminal?: { maskedPan?: string };
}

let devices: SimulatedDevices;
let kiosk: Kiosk;
let directory: string;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'counterpart-payment-e2e-'));
  devices = await startSimulatedDevices({ directory });
  const storeConfigPath = writeStoreConfigWithDevices(directory, devices);
  kiosk = await startKiosk({ storeConfigPath, menuPath: join(REPO_ROOT, 'menu-config/sample/menu.json') });
});

afterAll(async () => {
  await kiosk?.close();
  await devices?.stop();
  rmSync(directory, { recursive: true, force: true });
});

beforeEach(() => {
  devices.terminal.reset();
  devices.printer.refill();
  devices.printer.clearDocuments();
});

const authorisations = (): number => devices.terminal.received.filter((command) => command === '06 01').length;

async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const violations = await runAxe(page);
  expect(violations, `${where}:\n${formatViolations(violations)}`).toEqual([]);
}

/** Attract → an apple pie and an orange juice → review → the payment choice. */
async function orderToPayment(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Order here' }).waitFor();
  await startOrder(page, 'Eat in');
  await addAsIs(page, 'Desserts', 'Apple Pie');
  await addAsIs(page, 'Drinks', 'Orange Juice 0.25 l');
  await page.getByRole('region', { name: 'Your order' }).filter({ hasText: /^2 items\b/ }).getByRole('button', { name: 'Review & pay' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your order' }).waitFor();
}

async function shownOrderNumber(page: Page): Promise<string> {
  await page.getByRole('heading', { level: 1, name: 'Thank you!' }).waitFor({ timeout: 90_000 });
  return ((await page.getByRole('region', { name: 'Your order number' }).locator('.order-number').textContent()) ?? '').trim();
}

async function finish(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('heading', { level: 1, name: 'Order here' }).waitFor();
}

const ordersNumbered = async (page: Page, orderNumber: string) =>
  (await readKioskStore<StoredOrder>(page, 'orders')).filter((order) => order.orderNumber === orderNumber);

describe('card payment at the kiosk', () => {
  it('pays by card with the terminal prompts shown; the printed receipt is this order; the number is on screen', async () => {
    const { page } = kiosk;
    devices.terminal.behave({ pinDelayMs: 1500 });
    const chargesBefore = devices.terminal.charges().length;
    await orderToPayment(page);
    await expectNoAxeViolations(page, 'payment choice');
    await page.getByRole('button', { name: 'Pay by card' }).click();
    await page.getByRole('status').filter({ hasText: 'Enter your PIN' }).waitFor();
    await expectNoAxeViolations(page, 'card payment in progress');

    const orderNumber = await shownOrderNumber(page);
    expect(orderNumber).toMatch(/^B-\d{3}$/);
    await page.getByText('Please take your receipt.').waitFor();
    await page.getByText('Paid by card: €4.78').waitFor();
    await expectNoAxeViolations(page, 'confirmation after card payment');

    expect(devices.terminal.charges().length - chargesBefore).toBe(1);
    expect(devices.terminal.charges().at(-1)!.amountMinor).toBe(478);
    const receipt = devices.printer.documents().at(-1)!;
    const text = receipt.text.join('\n');
    expect(receipt.complete).toBe(true);
    expect(text).toContain(orderNumber);
    // English words, the Berlin store's numbers (its region, whatever the language).
    expect(text).toMatch(/1 x Apple Pie\s+1,99 € A/);
    expect(text).toMatch(/1 x Orange Juice 0\.25 l\s+2,79 € B/);
    expect(text).toMatch(/TOTAL\s+4,78 €/);
    expect(text).toContain('Visa 4***********1111');
    // The terminal's cardholder receipt comes out under the order's.
    expect(text.indexOf('Zahlung erfolgt / Approved')).toBeGreaterThan(text.indexOf('Thank you!'));
    const [order] = await ordersNumbered(page, orderNumber);
    expect(receipt.qrCodes).toEqual([order!.orderId]);
    expect(order).toMatchObject({ paymentMethod: 'card', total: 478 });
    expect(['queued', 'delivered']).toContain(order!.status);
    await finish(page);
  });

  it('after a decline, "Try again" pays with a new attempt: charged once', async () => {
    const { page } = kiosk;
    devices.terminal.behave({ outcome: 'decline', declineCode: 51 });
    const chargesBefore = devices.terminal.charges().length;
    await orderToPayment(page);
    await page.getByRole('button', { name: 'Pay by card' }).click();
    await page.getByRole('alert').filter({ hasText: 'Your bank declined the payment: not enough funds.' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'The payment did not go through' }).waitFor();
    for (const name of ['Try again', 'Use another card', 'Pay at the counter']) await page.getByRole('main').getByRole('button', { name }).waitFor();
    await page.getByRole('main').getByRole('button', { name: 'Call staff' }).waitFor();
    await expectNoAxeViolations(page, 'declined');

    devices.terminal.behave({ outcome: 'approve' });
    await page.getByRole('button', { name: 'Try again' }).click();
    const orderNumber = await shownOrderNumber(page);
    expect(devices.terminal.charges().length - chargesBefore).toBe(1);
    const [order] = await ordersNumbered(page, orderNumber);
    const attempts = (await readKioskStore<StoredAttempt>(page, 'paymentJournal')).filter((attempt) => attempt.orderId === order!.orderId);
    expect(attempts.map((attempt) => attempt.outcome)).toEqual(['declined', 'approved']);
    expect(attempts[1]!.terminal?.maskedPan).toBe('4***********1111');
    await finish(page);
  });

  it('a reload after a decline keeps the same order: paying again adds an attempt, never a second order', async () => {
    const { page } = kiosk;
    devices.terminal.behave({ outcome: 'decline', declineCode: 5 });
    const ordersBefore = (await readKioskStore<StoredOrder>(page, 'orders')).length;
    await orderToPayment(page);
    await page.getByRole('button', { name: 'Pay by card' }).click();
    await page.getByRole('alert').filter({ hasText: 'Your bank declined the payment.' }).waitFor();
    await page.reload();
    await page.getByRole('dialog', { name: 'Continue your order?' }).getByRole('button', { name: 'Continue my order' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your order' }).waitFor();
    devices.terminal.behave({ outcome: 'approve' });
    await page.getByRole('button', { name: 'Pay by card' }).click();
    const orderNumber = await shownOrderNumber(page);
    expect((await readKioskStore<StoredOrder>(page, 'orders')).length - ordersBefore).toBe(1);
    const [order] = await ordersNumbered(page, orderNumber);
    const attempts = (await readKioskStore<StoredAttempt>(page, 'paymentJournal')).filter((attempt) => attempt.orderId === order!.orderId);
    expect(attempts.map((attempt) => attempt.outcome)).toEqual(['declined', 'approved']);
    await finish(page);
  });

  it('printer out of paper: says so before any charge; "Continue without a receipt" charges once and shows the number', async () => {
    const { page } = kiosk;
    devices.printer.paperOut();
    const authorisationsBefore = authorisations();
    const chargesBefore = devices.terminal.charges().length;
    await orderToPayment(page);
    await page.getByRole('button', { name: 'Pay by card' }).click();
    await page.getByRole('heading', { level: 2, name: 'We cannot print a receipt right now' }).waitFor();
    await page.getByRole('alert').filter({ hasText: 'The receipt printer is out of paper.' }).waitFor();
    // Nothing went to the terminal without the customer's consent.
    expect(authorisations()).toBe(authorisationsBefore);
    await expectNoAxeViolations(page, 'printer warning');

    await page.getByRole('button', { name: 'Continue without a receipt' }).click();
    const orderNumber = await shownOrderNumber(page);
    expect(orderNumber).toMatch(/^B-\d{3}$/);
    await page.getByText('No receipt was printed. Your order number is shown on screen.').waitFor();
    expect(devices.terminal.charges().length - chargesBefore).toBe(1);
    expect(devices.printer.documents()).toEqual([]);
    await finish(page);
  });

  it('the customer cancels during PIN entry, then pays at the counter: nothing charged, the counter ticket prints', async () => {
    const { page } = kiosk;
    devices.terminal.behave({ pinDelayMs: 10_000 });
    const chargesBefore = devices.terminal.charges().length;
    await orderToPayment(page);
    await page.getByRole('button', { name: 'Pay by card' }).click();
    await page.getByRole('status').filter({ hasText: 'Enter your PIN' }).waitFor();
    await page.getByRole('button', { name: 'Cancel payment' }).click();
    await page.getByRole('heading', { level: 2, name: 'The payment was cancelled' }).waitFor();
    await page.getByRole('alert').filter({ hasText: 'Nothing has been charged.' }).waitFor();

    await page.getByRole('main').getByRole('button', { name: 'Pay at the counter' }).click();
    const orderNumber = await shownOrderNumber(page);
    await page.getByText('Please pay €4.78 at the counter.').waitFor();
    await page.getByText('Please take your ticket to the counter.').waitFor();
    expect(devices.terminal.charges().length).toBe(chargesBefore);
    const ticket = devices.printer.documents().at(-1)!.text.join('\n');
    expect(ticket).toContain('PAY AT THE COUNTER');
    expect(ticket).toContain(orderNumber);
    expect(ticket).toMatch(/Amount due\s+4,78 €/);
    const [order] = await ordersNumbered(page, orderNumber);
    expect(order).toMatchObject({ paymentMethod: 'counter' });
    // The ticket is out, then the order goes to the store.
    await expect.poll(async () => ['queued', 'delivered'].includes((await ordersNumbered(page, orderNumber))[0]!.status)).toBe(true);
    const attempts = (await readKioskStore<StoredAttempt>(page, 'paymentJournal')).filter((attempt) => attempt.orderId === order!.orderId);
    expect(attempts.map((attempt) => attempt.outcome)).toEqual(['aborted']);
    await finish(page);
  });

  it('host killed while the terminal waits for the PIN: after the restart the payment is resolved as paid, charged once', async () => {
    const { page } = kiosk;
    devices.terminal.behave({ pinDelayMs: 4000 });
    const chargesBefore = devices.terminal.charges().length;
    const authorisationsBefore = authorisations();
    await orderToPayment(page);
    await page.getByRole('button', { name: 'Pay by card' }).click();
    await page.getByRole('status').filter({ hasText: 'Enter your PIN' }).waitFor();
    await kiosk.restartHost('SIGKILL');

    const orderNumber = await shownOrderNumber(page);
    await page.getByText('We checked with the card terminal: your payment went through.').waitFor();
    expect(devices.terminal.charges().length - chargesBefore).toBe(1);
    expect(authorisations() - authorisationsBefore).toBe(1);
    const [order] = await ordersNumbered(page, orderNumber);
    const attempts = (await readKioskStore<StoredAttempt>(page, 'paymentJournal')).filter((attempt) => attempt.orderId === order!.orderId);
    expect(attempts.map((attempt) => attempt.outcome)).toEqual(['resolved_paid']);
    // The receipt that could not print before the crash comes out now, once.
    await expect.poll(() => devices.printer.documents().filter((document) => document.text.join('\n').includes(orderNumber)).length).toBe(1);
    await finish(page);
  });

  it('host killed after the approval, its answer lost: resolved as paid after the restart without a second charge', async () => {
    const { page } = kiosk;
    const chargesBefore = devices.terminal.charges().length;
    const authorisationsBefore = authorisations();
    let restarted: Promise<string> | undefined;
    devices.terminal.behave({
      fault: 'lose_answer_after_charge',
      onCharged: () => {
        restarted = kiosk.restartHost('SIGKILL');
      },
    });
    await orderToPayment(page);
    await page.getByRole('button', { name: 'Pay by card' }).click();
    await expect.poll(() => restarted !== undefined).toBe(true);
    await restarted;
    devices.terminal.reset();

    const orderNumber = await shownOrderNumber(page);
    await page.getByText('We checked with the card terminal: your payment went through.').waitFor();
    expect(devices.terminal.charges().length - chargesBefore).toBe(1);
    expect(authorisations() - authorisationsBefore).toBe(1);
    expect(orderNumber).toMatch(/^B-\d{3}$/);
    await finish(page);
    expect(kiosk.pageErrors.filter((error) => !/WebSocket|kiosk link|ERR_CONNECTION/i.test(error))).toEqual([]);
  });

  // Slow by nature: the host asks the silent terminal for a minute (its resolve deadline) before it gives up.
  it('the terminal goes silent while the host is down: unresolved, so staff gets a slip and the customer keeps their number', async () => {
    const { page } = kiosk;
    devices.terminal.behave({ pinDelayMs: 3000 });
    const authorisationsBefore = authorisations();
    await orderToPayment(page);
    await page.getByRole('button', { name: 'Pay by card' }).click();
    await page.getByRole('status').filter({ hasText: 'Enter your PIN' }).waitFor();
    devices.terminal.behave({ fault: 'silent' });
    await kiosk.restartHost('SIGKILL');

    await page.getByRole('heading', { level: 2, name: 'A team member will help you' }).waitFor({ timeout: 150_000 }).catch(async (error) => { throw new Error(`${String(await page.locator('body').innerText())}\n${kiosk.host.output()}\n${JSON.stringify(kiosk.pageErrors)}\n${String(error)}`); });
    const orderNumber = ((await page.getByRole('region', { name: 'Your order number' }).locator('.order-number').textContent()) ?? '').trim();
    expect(orderNumber).toMatch(/^B-\d{3}$/);
    await page.getByRole('alert').filter({ hasText: 'You will not be charged twice.' }).waitFor();
    expect(authorisations() - authorisationsBefore).toBe(1);
    const slip = devices.printer.documents().at(-1)!.text.join('\n');
    expect(slip).toContain('STAFF: PAYMENT NOT CONFIRMED');
    expect(slip).toContain(orderNumber);
    expect(slip).toMatch(/Amount\s+4,78 €/);
    const [order] = await ordersNumbered(page, orderNumber);
    // Staff decides with the terminal journal: the order waits in payment_unknown.
    expect(order!.status).toBe('payment_unknown');
    await expectNoAxeViolations(page, 'staff needed');
    devices.terminal.reset();
    await finish(page);
  }, 220_000);
});

describe('a kiosk whose printer port is missing', () => {
  let terminalOnly: SimulatedDevices;
  let brokenKiosk: Kiosk;
  let folder: string;
  let missingPort: string;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'counterpart-payment-e2e-'));
    terminalOnly = await startSimulatedDevices({ directory: folder });
    missingPort = join(folder, 'no-printer-here');
    const store = JSON.parse(readFileSync(join(REPO_ROOT, 'menu-config/sample/store.json'), 'utf8')) as Record<string, unknown>;
    const storeConfigPath = join(folder, 'store.json');
    // The sample's theme files (logo, fonts) sit beside its store.json: the copy takes them along.
    cpSync(join(REPO_ROOT, 'menu-config/sample/brand'), join(folder, 'brand'), { recursive: true });
    writeFileSync(
      storeConfigPath,
      JSON.stringify({
        ...store,
        devices: { printer: { path: missingPort, baudRate: 38400 }, terminal: { path: terminalOnly.terminalPath, baudRate: terminalOnly.terminalBaudRate } },
      }),
    );
    brokenKiosk = await startKiosk({ storeConfigPath, menuPath: join(REPO_ROOT, 'menu-config/sample/menu.json') });
  });

  afterAll(async () => {
    await brokenKiosk?.close();
    await terminalOnly?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('starts, warns before the charge, and takes a counter order with the number on screen; the log names the port', async () => {
    const { page } = brokenKiosk;
    await orderToPayment(page);
    await page.getByRole('button', { name: 'Pay by card' }).click();
    await page.getByRole('alert').filter({ hasText: 'The receipt printer is not working.' }).waitFor();
    await page.getByRole('main').getByRole('button', { name: 'Pay at the counter' }).click();
    const orderNumber = await shownOrderNumber(page);
    expect(orderNumber).toMatch(/^B-\d{3}$/);
    await page.getByText('Your ticket could not be printed. Tell the counter your order number.').waitFor();
    expect(terminalOnly.terminal.charges()).toEqual([]);
    expect(brokenKiosk.host.output()).toContain(missingPort);
  });
});
