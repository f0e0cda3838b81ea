// The host device service's pure parts: the journal read back after a crash, printer states as the
// contract reports them, and the tickets built from an order.
import { appendFileSync, chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrderMessage } from '../../../common/store-bus/messages';
import { DeviceJournal, DeviceJournalError, salvage } from '../../../electron/host/devices/device-journal';
import { printerStateOf } from '../../../electron/host/devices/status';
import { devicesForStoreBus } from '../../../electron/host/store-service';
import { kioskStatusMessage } from '../../../common/store-bus/messages';
import { paperLocale, ticketDocument } from '../../../electron/host/devices/ticket-documents';
import { layoutDocument, blocksToLines } from '../../../hardware/printer/receipt-layout';
import { normalStatus } from '../../../hardware/printer/status';
import { menu as menuSchema, storeConfig } from '../../../common/menu/schema';

const REPO = join(import.meta.dirname, '../../..');
const sampleMenu = menuSchema.parse(JSON.parse(readFileSync(join(REPO, 'menu-config/sample/menu.json'), 'utf8')));
const sampleStore = storeConfig.parse(JSON.parse(readFileSync(join(REPO, 'menu-config/sample/store.json'), 'utf8')));

const temp: string[] = [];
afterEach(() => {
  for (const dir of temp.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const journalFile = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'counterpart-journal-'));
  temp.push(dir);
  return join(dir, 'device-journal.jsonl');
};

describe('device journal', () => {
  it('reads back payments and tickets after a restart; a line cut by a power loss is ignored', () => {
    const file = journalFile();
    const journal = new DeviceJournal(file);
    journal.append({ kind: 'payment_started', paymentKey: 'o1#1', orderId: 'o1', amountMinor: 500, currency: 'EUR', startedAt: '2026-11-25T10:00:00.000Z' });
    journal.append({ kind: 'payment_outcome', paymentKey: 'o1#1', result: 'approved', terminal: { trace: 7, maskedPan: '4***1111' }, at: '2026-11-25T10:00:05.000Z' });
    journal.append({ kind: 'payment_started', paymentKey: 'o2#1', orderId: 'o2', amountMinor: 900, currency: 'EUR', startedAt: '2026-11-25T10:01:00.000Z' });
    journal.append({ kind: 'print_started', jobId: 'o1:receipt', orderId: 'o1', ticket: 'receipt', at: '2026-11-25T10:00:06.000Z' });
    journal.close();
    appendFileSync(file, '{"kind":"payment_outcome","paymentKey":"o2#1","res');

    const reread = new DeviceJournal(file);
    expect(reread.payments.get('o1#1')?.outcome).toMatchObject({ result: 'approved', terminal: { trace: 7 } });
    // In doubt: started, no outcome on disk (never to be sent again).
    expect(reread.payments.get('o2#1')).toMatchObject({ amountMinor: 900, startedAt: '2026-11-25T10:01:00.000Z' });
    expect(reread.payments.get('o2#1')?.outcome).toBeUndefined();
    // A job whose outcome never reached the disk may have printed partly.
    expect(reread.prints.get('o1:receipt')).toMatchObject({ ticket: 'receipt', outcome: undefined });
    expect(reread.traceOwner(7)).toBe('o1#1');
    expect(reread.traceOwner(8)).toBeUndefined();
    // Appending after the cut line still yields readable entries.
    reread.append({ kind: 'payment_resolved', paymentKey: 'o2#1', result: 'not_paid', message: 'not charged', at: '2026-11-25T10:02:00.000Z' });
    reread.close();
    expect(new DeviceJournal(file).payments.get('o2#1')?.resolved).toMatchObject({ result: 'not_paid' });
  });

  it('reports every line that does not parse, and keeps the payment keys and tickets they name in doubt', () => {
    const file = journalFile();
    const journal = new DeviceJournal(file);
    journal.append({ kind: 'payment_started', paymentKey: 'o1#1', orderId: 'o1', amountMinor: 500, currency: 'EUR', startedAt: '2026-11-25T10:00:00.000Z' });
    journal.append({ kind: 'payment_outcome', paymentKey: 'o1#1', result: 'approved', terminal: { trace: 7 }, at: '2026-11-25T10:00:05.000Z' });
    journal.close();
    // Line 3: damaged on disk (not JSON), naming a payment; line 4: valid JSON but not a journal entry;
    // line 5: a ticket's start cut short; line 6: a payment's start cut mid-write (the last line).
    appendFileSync(file, '{"kind":"payment_started","paymentKey":"o3#1","orderId":"o3","amountMinor":1290,"curr\u0000\u0000 garbage\n');
    appendFileSync(file, '{"kind":"payment_outcome","paymentKey":"o1#1","result":"maybe","at":"x"}\n');
    appendFileSync(file, '{"kind":"print_started","jobId":"o1:receipt","orderId":"o1","tic\n');
    appendFileSync(file, '{"kind":"payment_started","paymentKey":"o4#1","orderId":"o4","amountMinor":12');

    const reread = new DeviceJournal(file);
    expect(reread.damage.map((damage) => damage.line)).toEqual([3, 4, 5, 6]);
    expect(reread.damage[0]).toMatchObject({ kind: 'payment_started', paymentKey: 'o3#1', orderId: 'o3', amountMinor: 1290, notBefore: '2026-11-25T10:00:05.000Z' });
    // A number cut short is not read as a smaller amount.
    expect(reread.damage[3]).toMatchObject({ paymentKey: 'o4#1', orderId: 'o4' });
    expect(reread.damage[3]!.amountMinor).toBeUndefined();
    // A payment decided by readable lines stays decided; keys only damaged lines name are in doubt.
    expect(reread.payments.get('o1#1')?.outcome).toMatchObject({ result: 'approved' });
    expect([...reread.damagedPayments.keys()]).toEqual(['o3#1', 'o4#1']);
    expect(reread.damagedPayments.get('o3#1')).toMatchObject({ orderId: 'o3', amountMinor: 1290, startedAt: '2026-11-25T10:00:05.000Z', lines: [3] });
    // The ticket whose start line is cut may have printed partly: on record, without an outcome.
    expect(reread.prints.get('o1:receipt')).toEqual({ jobId: 'o1:receipt', orderId: 'o1', ticket: 'receipt' });
  });

  it('salvages only complete values from a damaged line', () => {
    expect(salvage('{"kind":"payment_started","paymentKey":"a\\"b#1","orderId":"o')).toEqual({ kind: 'payment_started', paymentKey: 'a"b#1' });
    expect(salvage('{"amountMinor":1290}')).toEqual({ amountMinor: 1290 });
    expect(salvage('garbage')).toEqual({});
  });

  it('keeps the journal 0600 in a 0700 folder, tightening looser modes it finds', () => {
    const dir = mkdtempSync(join(tmpdir(), 'counterpart-journal-mode-'));
    temp.push(dir);
    const fresh = join(dir, 'new', 'device-journal.jsonl');
    new DeviceJournal(fresh).close();
    expect(statSync(fresh).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'new')).mode & 0o777).toBe(0o700);

    const loose = join(dir, 'loose');
    mkdirSync(loose, { mode: 0o755 });
    chmodSync(loose, 0o755);
    writeFileSync(join(loose, 'device-journal.jsonl'), '', { mode: 0o644 });
    chmodSync(join(loose, 'device-journal.jsonl'), 0o644);
    new DeviceJournal(join(loose, 'device-journal.jsonl')).close();
    expect(statSync(join(loose, 'device-journal.jsonl')).mode & 0o777).toBe(0o600);
    expect(statSync(loose).mode & 0o777).toBe(0o700);
  });

  it('a journal path that cannot be used: one clear line naming the file and the cause, no stack trace in the message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'counterpart-journal-bad-'));
    temp.push(dir);
    const isDirectory = join(dir, 'device-journal.jsonl');
    mkdirSync(isDirectory);
    const blockedParent = join(dir, 'a-file');
    writeFileSync(blockedParent, 'x');
    for (const [file, code] of [
      [isDirectory, 'EISDIR'],
      [join(blockedParent, 'device-journal.jsonl'), 'EEXIST'],
    ] as const) {
      let error: unknown;
      try {
        new DeviceJournal(file);
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(DeviceJournalError);
      const journalError = error as DeviceJournalError;
      expect(journalError.code).toBe(code);
      expect(journalError.file).toBe(file);
      expect(journalError.message).toContain(file);
      expect(journalError.message).not.toContain('\n');
    }
  });
});

describe('printer state for the contract', () => {
  it('maps every printer problem, near end and an unreachable printer', () => {
    const status = normalStatus();
    expect(printerStateOf(status, true)).toBe('ok');
    expect(printerStateOf({ ...status, paperNearEnd: true }, true)).toBe('paper_low');
    expect(printerStateOf({ ...status, paperEnd: true, online: false }, true)).toBe('paper_out');
    expect(printerStateOf({ ...status, coverOpen: true, online: false }, true)).toBe('cover_open');
    expect(printerStateOf({ ...status, autocutterError: true }, true)).toBe('error');
    expect(printerStateOf({ ...status, online: false }, true)).toBe('offline');
    expect(printerStateOf(undefined, false)).toBe('offline');
  });

  it('staff on the store bus see the same cause as the kiosk: a cover left open is cover_open, not offline', () => {
    const devices = devicesForStoreBus({ printer: 'cover_open', terminal: 'busy' });
    expect(devices).toEqual({ printer: 'cover_open', terminal: 'busy' });
    const message = kioskStatusMessage.parse({ state: 'online', kioskId: 'kiosk-1', devices, menuVersion: 'v1', at: '2026-11-25T10:00:00.000Z' });
    expect(message).toMatchObject({ devices: { printer: 'cover_open' } });
  });
});

const order = (locale: string): OrderMessage => ({
  orderId: '6f1c2a8e-1b3d-4c5e-8f90-123456789abc',
  orderNumber: 'B-042',
  storeId: sampleStore.storeId,
  kioskId: sampleStore.kioskId,
  menuVersion: sampleMenu.version,
  locale,
  serviceMode: 'take_away',
  currency: 'EUR',
  lines: [
    { lineId: 'a', selection: { kind: 'item', itemId: 'big-burger', quantity: 2, removedIngredientIds: ['onions'], options: {} }, title: 'Big Burger', details: ['No onions', '+ Jalapeños'], unitPrice: 699, total: 1398, calories: 600 },
    { lineId: 'b', selection: { kind: 'item', itemId: 'orange-juice', quantity: 1, removedIngredientIds: [], options: {} }, title: 'Orange Juice 0.25 l', details: [], unitPrice: 279, total: 279, calories: 110 },
  ],
  taxes: [
    { rateId: 'reduced', label: 'VAT 7 %', basisPoints: 700, gross: 1398, net: 1307, tax: 91 },
    { rateId: 'standard', label: 'VAT 19 %', basisPoints: 1900, gross: 279, net: 234, tax: 45 },
  ],
  total: 1677,
  paymentMethod: 'card',
  status: 'paid',
  placedAt: '2026-11-25T10:00:00.000Z',
  updatedAt: '2026-11-25T10:00:00.000Z',
});

const context = { store: sampleStore, menu: sampleMenu, now: () => new Date('2026-11-25T10:00:10.000Z') };
const printed = (document: Parameters<typeof layoutDocument>[0]): string => blocksToLines(layoutDocument(document)).join('\n');

describe('tickets from an order', () => {
  it('a receipt: quantities, details as on screen, tax key per line and per rate, total and the card as the terminal returned it', () => {
    const text = printed(
      ticketDocument(
        { kind: 'receipt', order: order('en'), payment: { amountMinor: 1677, terminal: { cardBrand: 'Visa', maskedPan: '4***********1111', authCode: 'A00007', receiptNumber: 12, trace: 7 } } },
        context,
      ),
    );
    expect(text).toContain('B-042');
    expect(text).toContain('TAKE AWAY');
    // English words, the Berlin store's numbers: 13,98 €.
    expect(text).toMatch(/2 x Big Burger\s+13,98 € A/);
    // The details print as the customer saw them: no "+" added, none doubled.
    expect(text).toMatch(/^ {3}No onions$/m);
    expect(text).toMatch(/^ {3}\+ Jalapeños$/m);
    expect(text).not.toMatch(/\+ \+|\+ No onions/);
    expect(text).toMatch(/1 x Orange Juice 0\.25 l\s+2,79 € B/);
    expect(text).toMatch(/A 7 %\s+13,07 € \/ 0,91 € \/ 13,98 €/);
    expect(text).toMatch(/B 19 %\s+2,34 € \/ 0,45 € \/ 2,79 €/);
    expect(text).toMatch(/TOTAL\s+16,77 €/);
    // 10:00 UTC is 11:00 in Berlin, printed day first and 24 h.
    expect(text).toContain('25.11.2026, 11:00');
    expect(text).toContain('Visa 4***********1111');
    expect(text).toMatch(/Auth code\s+A00007/);
    expect(text).toMatch(/Terminal receipt\s+12/);
  });

  it('German labels for a German order; no tax key guessed for a menu version the host does not have', () => {
    const text = printed(ticketDocument({ kind: 'pay_at_counter', order: { ...order('de'), menuVersion: 'older' } }, context));
    expect(text).toContain('AN DER THEKE BEZAHLEN');
    expect(text).toContain('MITNEHMEN');
    expect(text).toMatch(/Zu zahlen\s+16,77 €/);
    expect(text).toMatch(/2 x Big Burger\s+13,98 € $/m);
  });

  it('a staff slip for an unresolved payment says how much, since when and why', () => {
    const text = printed(ticketDocument({ kind: 'unresolved_payment', order: order('en'), payment: { amountMinor: 1677 }, note: { reason: 'the card terminal did not answer', startedAt: '2026-11-25T09:59:00.000Z' } }, context));
    expect(text).toContain('STAFF: PAYMENT NOT CONFIRMED');
    expect(text).toMatch(/Amount\s+16,77 €/);
    expect(text).toMatch(/Started\s+25\.11\.2026, 10:59/);
    expect(text).toContain('Reason: the card terminal did not answer');
  });
  it('dates, times and numbers follow the store region whatever the language; a store without one prints the language’s way', () => {
    const earlyMorning = { ...context, now: () => new Date('2026-02-12T04:42:00.000Z') };
    const berlin = printed(ticketDocument({ kind: 'pay_at_counter', order: order('en') }, earlyMorning));
    expect(berlin).toContain('12.02.2026, 05:42');
    expect(berlin).not.toMatch(/AM|PM|02\/12\/2026/);
    const noRegion = { ...earlyMorning, store: { ...sampleStore, region: undefined, locale: 'en', timezone: 'America/New_York' } };
    expect(printed(ticketDocument({ kind: 'pay_at_counter', order: order('en') }, noRegion))).toContain('02/11/2026, 11:42 PM');
    expect(paperLocale({ region: 'AT', locale: 'en' }, 'en')).toBe('de-AT');
    expect(paperLocale({ locale: 'fr-CH' }, 'en')).toBe('de-CH');
  });

  it('a receipt without the payment is refused with the order number', () => {
    expect(() => ticketDocument({ kind: 'receipt', order: order('en') }, context)).toThrow(/B-042.*payment/);
  });
});
