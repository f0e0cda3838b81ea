// The host's device service over real serial lines (socat pty pairs) against the simulators:
// payments idempotent per paymentKey – also across a new service over the same journal, as after
// a host restart – and tickets that print once.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KioskCallError, type KioskEvent } from '../../common/contract/index';
import type { OrderMessage } from '../../common/store-bus/messages';
import { createDeviceService, DEVICE_JOURNAL_FILE, type DeviceService } from '../../electron/host/devices/device-service';
import { storeConfig, menu as menuSchema, type Menu, type StoreConfig } from '../../common/menu/schema';
import { captureLog, type LoggedEvent } from '../../electron/host/log';
import { orderDigest } from '../../electron/host/devices/order-book';
import { startSimulatedDevices, type SimulatedDevices } from '../../hardware/simulators';
import type { CardTerminalOptions } from '../../hardware/terminal/card-terminal';

const REPO = join(import.meta.dirname, '../..');
const sampleStore = JSON.parse(readFileSync(join(REPO, 'menu-config/sample/store.json'), 'utf8')) as unknown;
const sampleMenu: Menu = menuSchema.parse(JSON.parse(readFileSync(join(REPO, 'menu-config/sample/menu.json'), 'utf8')));
const terminalOptions = { ackTimeoutMs: 1000, resultTimeoutMs: 4000, resolveTimeoutMs: 20_000 };

let devices: SimulatedDevices;
let dataDir: string;
let store: StoreConfig;
let events: KioskEvent[];
let logged: LoggedEvent[];
const services: DeviceService[] = [];
const temp: string[] = [];

const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'counterpart-host-devices-'));
  temp.push(dir);
  return dir;
};

const openService = (directory = dataDir, config = store, options: Partial<CardTerminalOptions> = {}, shutdownGraceMs?: number): DeviceService => {
  const capture = captureLog();
  logged = capture.events;
  const service = createDeviceService({
    store: config,
    menu: () => sampleMenu,
    dataDir: directory,
    emit: (event) => events.push(event),
    terminalOptions: { ...terminalOptions, ...options },
    log: capture.log,
    ...(shutdownGraceMs !== undefined ? { shutdownGraceMs } : {}),
  });
  services.push(service);
  // The orders paid below, placed with the host as placeOrder journals them (its pricing: tests/unit/security/order-book.test.ts).
  for (const [orderId, total] of [[ORDER_A, 698], [ORDER_B, 1290]] as const) {
    if (service.journal && !service.journal.orders.has(orderId)) {
      service.journal.append({ kind: 'order_placed', orderId, digest: orderDigest(order(orderId, total)), totalMinor: total, currency: 'EUR', menuVersion: sampleMenu.version, at: new Date().toISOString() });
    }
  }
  return service;
};

/** The order as the kiosk stored it: the same document each time it is sent (only its status and update time change). */
const PLACED_AT = new Date().toISOString();
const order = (orderId: string, total = 698): OrderMessage => ({
  orderId,
  orderNumber: 'B-007',
  storeId: store.storeId,
  kioskId: store.kioskId,
  menuVersion: sampleMenu.version,
  locale: 'en',
  serviceMode: 'eat_in',
  currency: 'EUR',
  lines: [
    {
      lineId: 'l1',
      selection: { kind: 'item', itemId: 'big-burger', quantity: 1, removedIngredientIds: [], options: {} },
      title: 'Big Burger',
      details: ['No onions'],
      unitPrice: total,
      total,
      calories: 600,
    },
  ],
  taxes: [{ rateId: 'reduced', label: 'VAT 7 %', basisPoints: 700, gross: total, net: total - Math.round((total * 7) / 107), tax: Math.round((total * 7) / 107) }],
  total,
  paymentMethod: 'card',
  status: 'paid',
  placedAt: PLACED_AT,
  updatedAt: new Date().toISOString(),
});

const ORDER_A = '6f1c2a8e-1b3d-4c5e-8f90-123456789abc';
const ORDER_B = '7a2d3b9f-2c4e-4d6f-9a01-23456789abcd';

beforeEach(async () => {
  devices = await startSimulatedDevices({ directory: tempDir() });
  dataDir = tempDir();
  events = [];
  store = storeConfig.parse({
    ...(sampleStore as object),
    devices: { printer: { path: devices.printerPath, baudRate: devices.printerBaudRate }, terminal: { path: devices.terminalPath, baudRate: devices.terminalBaudRate, stopBits: devices.terminalStopBits } },
  });
});

afterEach(async () => {
  await Promise.allSettled(services.splice(0).map((service) => service.close()));
  await devices.stop();
  for (const dir of temp.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const authorisations = (): number => devices.terminal.received.filter((command) => command === '06 01').length;
const prompts = (): string[] => events.flatMap((event) => (event.type === 'device.paymentPrompt' ? [event.prompt] : []));

describe('host device service', () => {
  it('reports both devices ready', async () => {
    const service = openService();
    expect(await service.handlers.getDeviceStatus({})).toEqual({ printer: 'ok', terminal: 'ok', journal: { state: 'ok' } });
  });

  it('approves a payment with the terminal prompts as events; the same key again returns it without a second charge', async () => {
    const service = openService();
    const input = { orderId: ORDER_A, paymentKey: `${ORDER_A}#1` };
    const [first, joined] = await Promise.all([service.handlers.payByCard(input), service.handlers.payByCard(input)]);
    expect(first).toMatchObject({ result: 'approved', amountMinor: 698, terminal: { cardBrand: 'Visa', maskedPan: '4***********1111', authCode: 'A00001', trace: 1, receiptNumber: 1 } });
    expect(joined).toEqual(first);
    expect(await service.handlers.payByCard(input)).toEqual(first);
    expect(devices.terminal.charges()).toHaveLength(1);
    expect(authorisations()).toBe(1);
    const prompts = events.flatMap((event) => (event.type === 'device.paymentPrompt' ? [event.prompt] : []));
    expect(prompts).toEqual(['insert_or_tap_card', 'enter_pin', 'please_wait']);
    // A new service over the same journal (the host restarted) answers from the journal.
    await service.close();
    expect(await openService().handlers.payByCard(input)).toEqual(first);
    expect(authorisations()).toBe(1);
  });

  it('a decline, then a new attempt approved: charged once; the declined key stays declined', async () => {
    const service = openService();
    devices.terminal.behave({ outcome: 'decline', declineCode: 51 });
    const declined = await service.handlers.payByCard({ orderId: ORDER_A, paymentKey: `${ORDER_A}#1` });
    expect(declined).toMatchObject({ result: 'declined', reason: 'insufficient_funds', terminal: { resultCode: 51 } });
    expect(logged).toContainEqual(expect.objectContaining({ event: 'payment_not_approved', paymentKey: `${ORDER_A}#1`, result: 'declined', resultCode: 51 }));
    devices.terminal.behave({ outcome: 'approve' });
    const approved = await service.handlers.payByCard({ orderId: ORDER_A, paymentKey: `${ORDER_A}#2` });
    expect(approved.result).toBe('approved');
    expect(await service.handlers.payByCard({ orderId: ORDER_A, paymentKey: `${ORDER_A}#1` })).toEqual(declined);
    expect(await service.handlers.resolvePayment({ orderId: ORDER_A, paymentKey: `${ORDER_A}#1` })).toMatchObject({ result: 'not_paid' });
    await expect(service.handlers.payByCard({ orderId: ORDER_A, paymentKey: `${ORDER_A}#3` })).rejects.toMatchObject({ code: 'already_paid' });
    expect(devices.terminal.charges()).toHaveLength(1);
  });

  it('the customer cancels on the kiosk while the terminal waits for the PIN', async () => {
    const service = openService();
    devices.terminal.behave({ pinDelayMs: 5000 });
    const paymentKey = `${ORDER_A}#1`;
    const payment = service.handlers.payByCard({ orderId: ORDER_A, paymentKey });
    await expect.poll(() => events.some((event) => event.type === 'device.paymentPrompt' && event.prompt === 'enter_pin')).toBe(true);
    expect(await service.handlers.abortPayment({ paymentKey })).toEqual({ requested: true });
    expect(await payment).toMatchObject({ result: 'aborted', reason: 'cancelled' });
    expect(devices.terminal.charges()).toEqual([]);
  });

  it('the kiosk restarted during payment: the new service never re-sends the key and resolves it as paid, charged once', async () => {
    const first = openService();
    devices.terminal.behave({ pinDelayMs: 1500 });
    const paymentKey = `${ORDER_A}#1`;
    const input = { orderId: ORDER_A, paymentKey };
    const crashedDir = tempDir();
    const running = Promise.resolve(first.handlers.payByCard(input));
    // The host dies while the customer enters the PIN: its journal is what the disk held then.
    await expect.poll(() => events.some((event) => event.type === 'device.paymentPrompt' && event.prompt === 'enter_pin')).toBe(true);
    copyFileSync(join(dataDir, DEVICE_JOURNAL_FILE), join(crashedDir, DEVICE_JOURNAL_FILE));
    await first.close();
    await running.catch(() => undefined);

    const restarted = openService(crashedDir);
    expect(await restarted.handlers.payByCard(input)).toMatchObject({ result: 'unknown' });
    const resolved = await restarted.handlers.resolvePayment({ orderId: ORDER_A, paymentKey });
    expect(resolved).toMatchObject({ result: 'approved', terminal: { trace: 1, maskedPan: '4***********1111' } });
    expect(await restarted.handlers.payByCard(input)).toMatchObject({ result: 'approved', terminal: { trace: 1 } });
    expect(devices.terminal.charges()).toHaveLength(1);
    expect(authorisations()).toBe(1);
  });

  it('the answer lost after the card was charged (the terminal goes quiet after booking): checked with the terminal at once, paid, charged once', async () => {
    // The result deadline is far away: the terminal's silence is what makes the kiosk ask.
    const service = openService(dataDir, store, { silenceTimeoutMs: 600, resultTimeoutMs: 120_000 });
    devices.terminal.behave({ fault: 'lose_answer_after_charge' });
    const input = { orderId: ORDER_B, paymentKey: `${ORDER_B}#1` };
    expect(await service.handlers.payByCard(input)).toMatchObject({ result: 'approved', terminal: { trace: 1 } });
    // Honest progress: the terminal's prompts, then "checking with the card terminal".
    expect(prompts()).toEqual(['insert_or_tap_card', 'enter_pin', 'please_wait', 'checking_with_terminal', 'checking_with_terminal']);
    // The abort found the terminal idle (84 83 00), so its last receipt was asked for at once; never a second 06 01.
    expect(devices.terminal.received.slice(-3)).toEqual(['06 01', '06 b0', '06 20']);
    expect(logged.map((event) => event.event).filter((event) => event === 'terminal_quiet' || event === 'payment_not_approved')).toEqual(['terminal_quiet', 'payment_not_approved']);
    expect(devices.terminal.charges()).toHaveLength(1);
    expect(service.journal!.payments.get(input.paymentKey)?.resolved).toMatchObject({ result: 'approved' });
    expect(await service.handlers.payByCard(input)).toMatchObject({ result: 'approved' });
    expect(authorisations()).toBe(1);
  });

  it('the customer cancels while the answer is lost: the idle terminal says 84 83 00 and the payment is checked at once (paid, once)', async () => {
    const service = openService(dataDir, store, { silenceTimeoutMs: 120_000, resultTimeoutMs: 120_000 });
    const input = { orderId: ORDER_B, paymentKey: `${ORDER_B}#1` };
    devices.terminal.behave({
      fault: 'lose_answer_after_charge',
      // The customer presses "Cancel" on the kiosk right after the terminal booked the payment.
      onCharged: () => void service.handlers.abortPayment({ paymentKey: input.paymentKey }),
    });
    expect(await service.handlers.payByCard(input)).toMatchObject({ result: 'approved', terminal: { trace: 1 } });
    expect(devices.terminal.received.slice(-3)).toEqual(['06 01', '06 b0', '06 20']);
    expect(devices.terminal.charges()).toHaveLength(1);
  });

  it('a card terminal switched on after the kiosk started: registered when it answers, then a payment approved', async () => {
    devices.terminal.switchOff();
    const service = openService();
    expect(await service.handlers.getDeviceStatus({})).toMatchObject({ terminal: 'down' });
    expect(devices.terminal.registered).toBe(false);
    devices.terminal.switchOn();
    expect(await service.handlers.getDeviceStatus({})).toMatchObject({ terminal: 'ok' });
    expect(devices.terminal.registered).toBe(true);
    expect(await service.handlers.payByCard({ orderId: ORDER_A, paymentKey: `${ORDER_A}#1` })).toMatchObject({ result: 'approved' });
    expect(devices.terminal.charges()).toHaveLength(1);
    expect(logged.filter((event) => event.event === 'terminal_registered')).toHaveLength(1);
  });

  it('a terminal that lost its registration (switched off and on) answers 6B: re-registered, asked again, approved – not a decline, charged once', async () => {
    const service = openService();
    expect(await service.handlers.payByCard({ orderId: ORDER_A, paymentKey: `${ORDER_A}#1` })).toMatchObject({ result: 'approved' });
    devices.terminal.switchOff();
    devices.terminal.switchOn();
    expect(await service.handlers.payByCard({ orderId: ORDER_B, paymentKey: `${ORDER_B}#1` })).toMatchObject({ result: 'approved', terminal: { trace: 2 } });
    expect(devices.terminal.received.slice(-3)).toEqual(['06 01', '06 00', '06 01']);
    expect(logged).toContainEqual(expect.objectContaining({ event: 'terminal_not_registered', paymentKey: `${ORDER_B}#1` }));
    expect(logged.filter((event) => event.event === 'payment_not_approved')).toEqual([]);
    expect(devices.terminal.charges()).toHaveLength(2);
  });

  it('the terminal’s cardholder receipt is printed under the order receipt; a decline slip is printed on its own', async () => {
    const service = openService();
    const approved = await service.handlers.payByCard({ orderId: ORDER_A, paymentKey: `${ORDER_A}#1` });
    expect(approved.result).toBe('approved');
    expect(devices.terminal.keptReceipts).toEqual([]);
    // The page sends no terminal data: the host prints what its journal holds for this order's payment.
    expect(await service.handlers.printTicket({ kind: 'receipt', order: order(ORDER_A) })).toMatchObject({ result: 'printed' });
    const receipt = devices.printer.lastDocument()!.text;
    expect(receipt.join('\n')).toContain('Visa 4***********1111');
    const thanks = receipt.indexOf('Thank you!');
    const terminalPart = receipt.indexOf('Kundenbeleg / Cardholder copy');
    expect(thanks).toBeGreaterThan(0);
    expect(terminalPart).toBeGreaterThan(thanks);
    expect(receipt).toContain('Zahlung erfolgt / Approved');

    devices.terminal.behave({ outcome: 'decline', declineCode: 51 });
    expect(await service.handlers.payByCard({ orderId: ORDER_B, paymentKey: `${ORDER_B}#1` })).toMatchObject({ result: 'declined' });
    await expect.poll(() => devices.printer.documents().length).toBe(2);
    expect(devices.printer.lastDocument()!.text).toContain('Abgelehnt / Declined (51)');
    expect(devices.printer.lastDocument()!.complete).toBe(true);
  });

  it('paper runs out mid-receipt; after the refill a staff reprint prints the whole receipt, marked, once', async () => {
    const service = openService();
    await service.handlers.payByCard({ orderId: ORDER_A, paymentKey: `${ORDER_A}#1` });
    devices.printer.runOutOfPaperAfter(10);
    expect(await service.handlers.printTicket({ kind: 'receipt', order: order(ORDER_A) })).toMatchObject({ result: 'failed', reason: 'paper_end' });
    expect(devices.printer.documents()).toMatchObject([{ complete: false }]);
    devices.printer.refill();
    // Asked again as a first print, it does not print part of a receipt twice…
    expect(await service.handlers.printTicket({ kind: 'receipt', order: order(ORDER_A) })).toMatchObject({ result: 'failed', reason: 'not_confirmed', duplicate: true });
    // …staff ask for a reprint, and it comes out whole, marked.
    expect(await service.handlers.printTicket({ kind: 'receipt', order: order(ORDER_A), reprint: true })).toMatchObject({ result: 'printed', reprint: true });
    const documents = devices.printer.documents();
    expect(documents).toHaveLength(2);
    expect(documents[1]).toMatchObject({ complete: true, continuation: false });
    expect(documents[1]!.text[0]).toBe('*** REPRINT ***');
    expect(documents[1]!.text.filter((line) => line === '*** REPRINT ***')).toHaveLength(2);
    expect(documents[1]!.text).toContain('B-007');
    expect(await service.handlers.getTicketStatus({ orderId: ORDER_A, kind: 'receipt' })).toEqual({ status: 'printed' });
  });

  it('stopped (SIGTERM) while a receipt prints: the host waits for the job and journals it printed', async () => {
    const first = openService();
    const printing = first.handlers.printTicket({ kind: 'pay_at_counter', order: { ...order(ORDER_B, 1290), paymentMethod: 'counter' } });
    await expect.poll(() => first.journal!.prints.has(`${ORDER_B}:pay_at_counter`)).toBe(true);
    await first.close();
    expect(await printing).toMatchObject({ result: 'printed' });
    expect(devices.printer.documents()).toMatchObject([{ complete: true }]);
    const restarted = openService();
    expect(await restarted.handlers.getTicketStatus({ orderId: ORDER_B, kind: 'pay_at_counter' })).toEqual({ status: 'printed' });
  });

  it('stopped while a job cannot finish: after the grace the job ends as failed, journaled, and the host stops', async () => {
    const first = openService(dataDir, store, {}, 300);
    devices.printer.runOutOfPaperAfter(3);
    devices.printer.on('status', (status) => {
      if (status.paperEnd) void first.close();
    });
    expect(await first.handlers.printTicket({ kind: 'pay_at_counter', order: { ...order(ORDER_B, 1290), paymentMethod: 'counter' } })).toMatchObject({ result: 'failed' });
    const restarted = openService();
    expect(await restarted.handlers.getTicketStatus({ orderId: ORDER_B, kind: 'pay_at_counter' })).toEqual({ status: 'failed' });
  });

  it('a terminal transaction already owned by another payment key never pays a second key: unknown, for staff', async () => {
    const service = openService();
    expect(await service.handlers.payByCard({ orderId: ORDER_A, paymentKey: `${ORDER_A}#1` })).toMatchObject({ result: 'approved', terminal: { trace: 1 } });
    // Order B's payment started over the same amount, and the host stopped before its request left.
    service.journal!.append({ kind: 'payment_started', paymentKey: `${ORDER_B}#1`, orderId: ORDER_B, amountMinor: 698, currency: 'EUR', startedAt: new Date(Date.now() - 1000).toISOString() });
    const resolved = await service.handlers.resolvePayment({ orderId: ORDER_B, paymentKey: `${ORDER_B}#1` });
    expect(resolved).toMatchObject({ result: 'unknown' });
    expect(logged).toContainEqual(expect.objectContaining({ event: 'payment_unresolved', paymentKey: `${ORDER_B}#1`, trace: 1, owner: `${ORDER_A}#1` }));
    expect(devices.terminal.charges()).toHaveLength(1);
  });

  it('a key that never reached the host resolves as not paid without asking the terminal', async () => {
    const service = openService();
    expect(await service.handlers.resolvePayment({ orderId: ORDER_A, paymentKey: `${ORDER_A}#9` })).toMatchObject({ result: 'not_paid' });
    expect(devices.terminal.received.filter((command) => command === '06 20')).toHaveLength(0);
  });

  it('prints the receipt once (also after a restart), and reports it for recovery', async () => {
    const service = openService();
    expect(await service.handlers.payByCard({ orderId: ORDER_A, paymentKey: `${ORDER_A}#1` })).toMatchObject({ result: 'approved' });
    expect(await service.handlers.getTicketStatus({ orderId: ORDER_A, kind: 'receipt' })).toEqual({ status: 'not_printed' });
    expect(await service.handlers.printTicket({ kind: 'receipt', order: order(ORDER_A) })).toMatchObject({ result: 'printed' });
    expect(await service.handlers.printTicket({ kind: 'receipt', order: order(ORDER_A) })).toMatchObject({ result: 'printed', duplicate: true });
    await service.close();
    const restarted = openService();
    expect(await restarted.handlers.printTicket({ kind: 'receipt', order: order(ORDER_A) })).toMatchObject({ result: 'printed', duplicate: true });
    expect(await restarted.handlers.getTicketStatus({ orderId: ORDER_A, kind: 'receipt' })).toEqual({ status: 'printed' });
    const documents = devices.printer.documents();
    expect(documents).toHaveLength(1);
    const text = documents[0]!.text.join('\n');
    expect(text).toContain('B-007');
    expect(text).toMatch(/1 x Big Burger\s+6,98 € A/);
    expect(text).toContain('No onions');
    expect(text).toContain('Visa 4***********1111');
    expect(documents[0]!.qrCodes).toEqual([ORDER_A]);
  });

  it('paper out before printing: status says so, the ticket fails without printing, and prints once after the refill', async () => {
    const service = openService();
    devices.printer.paperOut();
    expect(await service.handlers.getDeviceStatus({})).toMatchObject({ printer: 'paper_out', terminal: 'ok' });
    const failed = await service.handlers.printTicket({ kind: 'pay_at_counter', order: { ...order(ORDER_B, 1290), paymentMethod: 'counter' } });
    expect(failed).toMatchObject({ result: 'failed', reason: 'paper_end' });
    devices.printer.refill();
    expect(await service.handlers.printTicket({ kind: 'pay_at_counter', order: { ...order(ORDER_B, 1290), paymentMethod: 'counter' } })).toMatchObject({ result: 'printed' });
    expect(await service.handlers.printTicket({ kind: 'pay_at_counter', order: { ...order(ORDER_B, 1290), paymentMethod: 'counter' } })).toMatchObject({ duplicate: true });
    expect(devices.printer.documents()).toHaveLength(1);
    expect(devices.printer.documents()[0]!.text.join('\n')).toContain('PAY AT THE COUNTER');
  });

  it('a printer port that does not exist: reported with the port, card payments still work', async () => {
    const missing = join(tempDir(), 'no-such-printer');
    const config = storeConfig.parse({ ...store, devices: { ...store.devices, printer: { path: missing, baudRate: 38400 } } });
    const service = openService(dataDir, config);
    const status = await service.handlers.getDeviceStatus({});
    expect(status).toMatchObject({ printer: 'offline', terminal: 'ok' });
    expect(status.printerMessage).toContain(missing);
    expect(logged).toContainEqual(expect.objectContaining({ event: 'device_open_failed', device: 'receipt printer', port: missing }));
    expect(await service.handlers.printTicket({ kind: 'pay_at_counter', order: order(ORDER_B, 1290) })).toMatchObject({ result: 'failed', reason: 'unreachable' });
    expect(await service.handlers.payByCard({ orderId: ORDER_A, paymentKey: `${ORDER_A}#1` })).toMatchObject({ result: 'approved' });
  });
});

describe('a damaged device journal, as a power loss or a failing disk leaves it', () => {
  const journalPath = (): string => join(dataDir, DEVICE_JOURNAL_FILE);
  const input = { orderId: ORDER_A, paymentKey: `${ORDER_A}#1` };

  it('the outcome line of an approved payment cut mid-write: reported at start; the same key is resolved with the terminal, charged once', async () => {
    const first = openService();
    expect(await first.handlers.payByCard(input)).toMatchObject({ result: 'approved' });
    await first.close();
    // The power went while the outcome was written: the file ends in the middle of that line.
    const text = readFileSync(journalPath(), 'utf8');
    const outcomeStart = text.indexOf('{"kind":"payment_outcome"');
    writeFileSync(journalPath(), text.slice(0, text.indexOf('"result"', outcomeStart) + 6));

    const restarted = openService();
    // Lines 1 and 2 are the orders placed (openService); the payment starts on line 3.
    expect(logged).toContainEqual(expect.objectContaining({ event: 'device_journal_damaged', line: 4, paymentKey: input.paymentKey }));
    const status = await restarted.handlers.getDeviceStatus({});
    expect(status.journal).toMatchObject({ state: 'damaged', damagedLines: [4] });
    // The customer's page asks again with the same key: never sent again, it is in doubt…
    expect(await restarted.handlers.payByCard(input)).toMatchObject({ result: 'unknown' });
    expect(authorisations()).toBe(1);
    // …and the terminal says what happened.
    expect(await restarted.handlers.resolvePayment({ orderId: ORDER_A, paymentKey: input.paymentKey })).toMatchObject({ result: 'approved', terminal: { trace: 1 } });
    expect(await restarted.handlers.payByCard(input)).toMatchObject({ result: 'approved', terminal: { trace: 1 } });
    expect(devices.terminal.received.filter((command) => command === '06 20')).toHaveLength(1);
    expect(devices.terminal.charges()).toHaveLength(1);
    expect(authorisations()).toBe(1);
  });

  it('the start line of a charged payment damaged on disk: the key is in doubt, resolved with the terminal, never charged again', async () => {
    const first = openService();
    expect(await first.handlers.payByCard(input)).toMatchObject({ result: 'approved' });
    await first.close();
    // Bytes of the payment's first line from the amount on are destroyed; the line still shows the key and the order.
    const text = readFileSync(journalPath(), 'utf8');
    const from = text.indexOf('"amountMinor"');
    const end = text.indexOf('\n', from);
    writeFileSync(journalPath(), text.slice(0, from) + '\u0000'.repeat(end - from) + text.slice(end));

    const restarted = openService();
    expect(logged).toContainEqual(expect.objectContaining({ event: 'device_journal_damaged', line: 3, paymentKey: input.paymentKey, orderId: ORDER_A }));
    expect((await restarted.handlers.getDeviceStatus({})).journal).toMatchObject({ state: 'damaged', damagedLines: [3] });
    // Another key of the same order must wait for the damaged one.
    await expect(restarted.handlers.payByCard({ ...input, paymentKey: `${ORDER_A}#2` })).rejects.toThrow(/in doubt/);
    expect(await restarted.handlers.payByCard(input)).toMatchObject({ result: 'unknown' });
    expect(logged).toContainEqual(expect.objectContaining({ event: 'payment_recovered_from_damage', paymentKey: input.paymentKey, lines: [3] }));
    expect(await restarted.handlers.resolvePayment({ orderId: ORDER_A, paymentKey: input.paymentKey })).toMatchObject({ result: 'approved', terminal: { trace: 1 } });
    expect(devices.terminal.charges()).toHaveLength(1);
    expect(authorisations()).toBe(1);
    // The recovery is on disk: after another restart the key is decided without the terminal.
    await restarted.close();
    expect(await openService().handlers.payByCard(input)).toMatchObject({ result: 'approved', terminal: { trace: 1 } });
    expect(authorisations()).toBe(1);
  });

  it('a journal path that cannot be used: one clear logged line; no card payment and no ticket, nothing charged, the host keeps answering', async () => {
    mkdirSync(journalPath());
    const service = openService();
    const unusable = logged.filter((event) => event.event === 'device_journal_unusable');
    expect(unusable).toHaveLength(1);
    expect(unusable[0]).toMatchObject({ file: journalPath(), code: 'EISDIR' });
    expect(unusable[0]!.msg).toContain(journalPath());
    expect(unusable[0]!.msg).not.toContain('\n');
    expect(unusable[0]).not.toHaveProperty('err');
    const status = await service.handlers.getDeviceStatus({});
    expect(status).toMatchObject({ terminal: 'down', journal: { state: 'unusable' } });
    expect(status.terminalMessage).toContain(journalPath());
    const refused = await Promise.resolve(service.handlers.payByCard(input)).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(KioskCallError);
    expect(refused).toMatchObject({ code: 'unavailable' });
    expect(await service.handlers.printTicket({ kind: 'pay_at_counter', order: order(ORDER_B, 1290) })).toMatchObject({ result: 'failed', reason: 'journal_unusable' });
    expect(devices.terminal.charges()).toEqual([]);
    expect(devices.printer.documents()).toEqual([]);
  });
});
