import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ReceiptEncoder, toCodePage } from '../../../hardware/printer/escpos-encoder';
import { decodeReceipt, EscPosInterpreter, type PrinterEvent } from '../../../hardware/printer/escpos-decoder';
import { blocksToLines, layoutDocument } from '../../../hardware/printer/receipt-layout';
import type { CustomerReceipt, PayAtCounterTicket, UnresolvedPaymentSlip } from '../../../hardware/printer/receipt-model';

const orderId = '3f1c2a9e-8a4b-4c1d-9e7f-0a1b2c3d4e5f';

const receipt: CustomerReceipt = {
  kind: 'receipt',
  orderId,
  orderNumber: 'B-042',
  store: { name: 'Burger Bahnhof', address: ['Hauptstraße 1', '10115 Berlin'], taxId: 'DE123456789' },
  currency: 'EUR',
  locale: 'de-DE',
  timeZone: 'Europe/Berlin',
  createdAt: '2026-11-25T12:34:00Z',
  serviceMode: 'take_away',
  lines: [
    { quantity: 1, name: 'Cheeseburger Menü', details: ['Groß', 'Cola Zero', '+ Extra Käse', 'Ohne Zwiebeln', 'Ohne Gurken'], totalMinor: 1090, taxKey: 'A' },
    { quantity: 2, name: 'Apfeltasche', details: [], totalMinor: 398, taxKey: 'A' },
  ],
  taxes: [{ key: 'A', ratePercent: 7, netMinor: 1391, taxMinor: 97, grossMinor: 1488 }],
  totalMinor: 1488,
  payment: { method: 'card', amountMinor: 1488, terminal: { cardBrand: 'girocard', maskedPan: '############1234', authCode: '123456', receiptNumber: 17, trace: 42, terminalId: '52500001' } },
};

const expectedReceiptText = [
  'Burger Bahnhof',
  'Hauptstraße 1',
  '10115 Berlin',
  'DE123456789',
  '-'.repeat(42),
  'Order',
  'B-042',
  'TAKE AWAY',
  '-'.repeat(42),
  '1 x Cheeseburger Menü            10,90 € A',
  '   Groß',
  '   Cola Zero',
  '   + Extra Käse',
  '   Ohne Zwiebeln',
  '   Ohne Gurken',
  '2 x Apfeltasche                   3,98 € A',
  '-'.repeat(42),
  'TOTAL                              14,88 €',
  '',
  'Tax %                    Net / Tax / Gross',
  'A 7 %           13,91 € / 0,97 € / 14,88 €',
  '-'.repeat(42),
  'Paid by card                       14,88 €',
  'Card             girocard ############1234',
  'Auth code                           123456',
  'Terminal receipt                        17',
  'Trace                                   42',
  'Terminal                          52500001',
  '-'.repeat(42),
  '25.11.2026, 13:34',
  '',
  'Order id:',
  orderId,
  'Thank you!',
];

describe('customer receipt', () => {
  for (const model of ['epson', 'star'] as const) {
    it(`${model}: the bytes decode to the expected receipt text, QR code of the order id, and a cut`, () => {
      const bytes = new ReceiptEncoder(model).encode(layoutDocument(receipt));
      const decoded = decodeReceipt(bytes, model);
      expect(decoded.unknown).toEqual([]);
      expect(decoded.text).toEqual(expectedReceiptText.map((line) => line.trimEnd()));
      expect(decoded.qrCodes).toEqual([orderId]);
      expect(decoded.cut).toBe(true);
    });
  }

  it('a long item name wraps under itself and keeps the price on the first line', () => {
    const long = { ...receipt, lines: [{ ...receipt.lines[0]!, name: 'Doppelter Bacon Cheeseburger mit allem drauf', details: [] }] };
    const lines = blocksToLines(layoutDocument(long));
    const first = lines.findIndex((line) => line.startsWith('1 x '));
    expect(lines.slice(first, first + 2)).toEqual(['1 x Doppelter Bacon Cheeseburger 10,90 € A', 'mit allem drauf']);
    expect(decodeReceipt(new ReceiptEncoder('epson').encode(layoutDocument(long))).text.slice(first, first + 2)).toEqual(lines.slice(first, first + 2));
  });

  it('prints the order number large and bold, centred', () => {
    const decoded = decodeReceipt(new ReceiptEncoder('epson').encode(layoutDocument(receipt)));
    expect(decoded.lines.find((line) => line.text === 'B-042')).toEqual({ text: 'B-042', align: 'center', bold: true, large: true });
    expect(decoded.lines.find((line) => line.text.startsWith('TOTAL'))).toMatchObject({ bold: true, large: false });
  });

  it('sends the euro sign as 0xD5 in code page 858 (selected with ESC t 19), never as UTF-8', () => {
    const bytes = new ReceiptEncoder('epson').encode(layoutDocument(receipt));
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0x1b, 0x74, 19]));
    expect(bytes.includes(0xd5)).toBe(true);
    expect(bytes.includes(Buffer.from('€', 'utf8'))).toBe(false);
    expect(bytes.includes(Buffer.from('ß', 'utf8'))).toBe(false);
  });

  it('selects the code page again after ESC @ (which resets it)', () => {
    const bytes = new ReceiptEncoder('epson').encode(layoutDocument(receipt));
    const init = bytes.indexOf(Buffer.from([0x1b, 0x40]));
    expect(bytes.subarray(init, init + 5)).toEqual(Buffer.from([0x1b, 0x40, 0x1b, 0x74, 19]));
  });

  it('sets bold after the size command (a size command resets emphasis)', () => {
    const bytes = new ReceiptEncoder('epson').encode(layoutDocument(receipt));
    const size = bytes.indexOf(Buffer.from([0x1b, 0x21, 0x30]));
    expect(size).toBeGreaterThan(0);
    expect(bytes.subarray(size + 3, size + 6)).toEqual(Buffer.from([0x1b, 0x45, 0x01]));
  });

  it('STAR QR bytes carry the data header node-thermal-printer leaves out', () => {
    const bytes = new ReceiptEncoder('star').encode(layoutDocument(receipt));
    const header = Buffer.from([0x1b, 0x1d, 0x79, 0x44, 0x31, 0x00, orderId.length, 0x00]);
    expect(bytes.includes(Buffer.concat([header, Buffer.from(orderId)]))).toBe(true);
  });

  it('clears the builder between jobs (the same job twice gives the same bytes)', () => {
    const encoder = new ReceiptEncoder('epson');
    const first = encoder.encode(layoutDocument(receipt));
    expect(encoder.encode(layoutDocument(receipt))).toEqual(first);
  });

  it('marks a reprint at the top and the bottom', () => {
    const text = decodeReceipt(new ReceiptEncoder('epson').encode(layoutDocument(receipt, { reprint: true }))).text;
    expect(text[0]).toBe('*** REPRINT ***');
    expect(text.at(-2)).toBe('*** REPRINT ***');
    expect(text.filter((line) => line === 'B-042')).toHaveLength(1);
  });

  it('refuses QR data that is not ASCII (EPSON printQR would cut it)', () => {
    expect(() => new ReceiptEncoder('epson').encode([{ kind: 'qr', data: 'bestellung-ä' }])).toThrow(/printable ASCII/);
  });

  it('keeps text inside CP858: drops accents it lacks, replaces the rest with ?', () => {
    expect(toCodePage('Crème brûlée € ß')).toBe('Crème brûlée € ß');
    expect(toCodePage('Dvořák')).toBe('Dvorák');
    expect(toCodePage('Łódź')).toBe('?ódz');
    expect(toCodePage('寿司')).toBe('??');
  });
});

describe('pay at the counter ticket and staff slip', () => {
  it('the pay-at-counter ticket shows the order, the amount due and what to do', () => {
    const ticket: PayAtCounterTicket = { ...receipt, kind: 'pay_at_counter' };
    const text = decodeReceipt(new ReceiptEncoder('epson').encode(layoutDocument(ticket))).text;
    expect(text.slice(5, 8)).toEqual(['PAY AT THE COUNTER', 'B-042', 'TAKE AWAY']);
    expect(text).toContain('Amount due                         14,88 €');
    expect(text).toContain('Please show this ticket at the counter and');
    expect(text).not.toContain('Paid by card                       14,88 €');
  });

  it('the staff slip for an unresolved payment tells staff to check the terminal before charging again', () => {
    const slip: UnresolvedPaymentSlip = {
      kind: 'unresolved_payment',
      orderId,
      orderNumber: 'B-043',
      store: receipt.store,
      currency: 'EUR',
      locale: 'en-GB',
      timeZone: 'Europe/London',
      createdAt: '2026-11-25T12:40:00Z',
      amountMinor: 990,
      startedAt: '2026-11-25T12:38:00Z',
      reason: 'no answer from the card terminal',
    };
    const text = decodeReceipt(new ReceiptEncoder('epson').encode(layoutDocument(slip))).text;
    expect(text).toContain('STAFF: PAYMENT NOT CONFIRMED');
    expect(text).toContain('B-043');
    expect(text).toContain('Amount                               €9.90');
    expect(text).toContain('Reason: no answer from the card terminal');
    expect(text.join(' ')).toContain('Check the card terminal journal before charging again.');
  });

  it('uses translated labels when given', () => {
    const text = decodeReceipt(new ReceiptEncoder('epson').encode(layoutDocument({ ...receipt, labels: { total: 'SUMME', takeAway: 'ZUM MITNEHMEN' } }))).text;
    expect(text).toContain('ZUM MITNEHMEN');
    expect(text).toContain('SUMME                              14,88 €');
  });
});

describe('ESC/POS interpreter', () => {
  it('gives the same result however the bytes are split on the line', () => {
    const bytes = new ReceiptEncoder('epson').encode(layoutDocument(receipt));
    const whole = new EscPosInterpreter('epson').push(bytes);
    fc.assert(
      fc.property(fc.array(fc.nat({ max: bytes.length }), { maxLength: 12 }), (cuts) => {
        const interpreter = new EscPosInterpreter('epson');
        const events: PrinterEvent[] = [];
        let last = 0;
        for (const cut of [...cuts].sort((a, b) => a - b)) {
          events.push(...interpreter.push(bytes.subarray(last, cut)));
          last = cut;
        }
        events.push(...interpreter.push(bytes.subarray(last)));
        expect(events).toEqual(whole);
      }),
      { numRuns: 50 },
    );
  });

  it('reports real-time requests, GS r, ASB and buffer clearing, and unknown control bytes', () => {
    const events = new EscPosInterpreter('epson').push(
      Buffer.from([0x10, 0x04, 0x04, 0x1d, 0x72, 0x01, 0x1d, 0x61, 0x0f, 0x10, 0x14, 0x08, 0x01, 0x03, 0x14, 0x01, 0x06, 0x02, 0x08, 0x07, 0x10, 0x04, 0x09]),
    );
    expect(events).toEqual([
      { type: 'realtime_status', n: 4 },
      { type: 'status_request', n: 1 },
      { type: 'asb', mask: 0x0f },
      { type: 'clear_buffers' },
      { type: 'unknown', bytes: [0x07] },
      { type: 'unknown', bytes: [0x10, 0x04, 0x09] },
    ]);
  });
});
