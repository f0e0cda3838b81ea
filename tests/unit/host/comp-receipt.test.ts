// A line staff comped, as the printer prints it: "Comped by … : reason" under the line,
// 0.00 as its price, no tax key, and only the charged lines in the tax rows.
import { describe, expect, it } from 'vitest';
import type { OrderMessage } from '../../../common/store-bus/messages';
import { compText, ticketDocument } from '../../../electron/host/devices/ticket-documents';
import { blocksToLines, layoutDocument } from '../../../hardware/printer/receipt-layout';
import { sampleMenu, sampleStore } from '../menu/sample';

const order = (locale: string): OrderMessage => ({
  orderId: '6f1c2a8e-1b3d-4c5e-8f90-123456789abd',
  orderNumber: 'B-043',
  storeId: sampleStore.storeId,
  kioskId: sampleStore.kioskId,
  menuVersion: sampleMenu.version,
  locale,
  serviceMode: 'take_away',
  currency: 'EUR',
  lines: [
    { lineId: 'a', selection: { kind: 'item', itemId: 'big-burger', quantity: 1, removedIngredientIds: [], options: {} }, title: 'Big Burger', details: [], unitPrice: 699, total: 699, calories: 600 },
    {
      lineId: 'b',
      selection: { kind: 'item', itemId: 'orange-juice', quantity: 1, removedIngredientIds: [], options: {} },
      title: 'Orange Juice 0.25 l',
      details: [],
      unitPrice: 0,
      total: 0,
      calories: 110,
      comp: { by: 'sam', reason: 'long_wait', note: 'waited 20 min', at: '2026-11-25T10:00:00.000Z', waivedTotal: 279 },
    },
  ],
  taxes: [{ rateId: 'reduced', label: 'VAT 7 %', basisPoints: 700, gross: 699, net: 653, tax: 46 }],
  total: 699,
  paymentMethod: 'counter',
  status: 'awaiting_counter_payment',
  placedAt: '2026-11-25T10:00:00.000Z',
  updatedAt: '2026-11-25T10:00:00.000Z',
});

const context = { store: sampleStore, menu: sampleMenu, now: () => new Date('2026-11-25T10:00:10.000Z') };

describe('a comped line on a ticket', () => {
  it('says who comped it and why, in the order language, costs 0.00 and has no tax key', () => {
    const document = ticketDocument({ kind: 'receipt', order: order('en'), payment: { amountMinor: 699 } }, context);
    if (document.kind !== 'receipt') throw new Error('expected a receipt');
    expect(document.lines[1]).toMatchObject({ details: ['Comped by sam: Long wait – waited 20 min'], totalMinor: 0, taxKey: '' });
    expect(document.lines[0]).toMatchObject({ totalMinor: 699, taxKey: 'A' });
    expect(document.taxes).toEqual([expect.objectContaining({ key: 'A', grossMinor: 699 })]);
    // Printed under the line (wrapped at the paper width), the line at 0.00 without a tax key.
    const text = blocksToLines(layoutDocument(document)).join('\n');
    expect(text).toMatch(/1 x Orange Juice 0\.25 l +0,00 € *\n/);
    expect(text.replace(/\s+/g, ' ')).toContain('Comped by sam: Long wait – waited 20 min');

    const counter = ticketDocument({ kind: 'pay_at_counter', order: order('de') }, context);
    expect(blocksToLines(layoutDocument(counter)).join(' ').replace(/\s+/g, ' ')).toContain('Aufs Haus von sam: Lange Wartezeit – waited 20 min');
    expect(compText({ by: 'alex', reason: 'staff_meal', at: '2026-11-25T10:00:00.000Z', waivedTotal: 100 }, 'en-GB')).toBe('Comped by alex: Staff meal');
  });
});
