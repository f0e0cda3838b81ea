// Shared helpers for the data-layer tests: a controllable clock, fresh databases, sample orders.
import type { KioskDataOptions, NewOrder } from '../../../renderer/data';

export class TestClock {
  constructor(private current = new Date('2026-11-25T10:00:00.000Z')) {}
  now = (): Date => new Date(this.current);
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
  set(iso: string) {
    this.current = new Date(iso);
  }
}

let databaseCounter = 0;
/** A database name no other test uses (fake-indexeddb is shared within a test file). */
export const uniqueDatabaseName = (label = 'test') => `counterpart-${label}-${++databaseCounter}-${crypto.randomUUID()}`;

export const dataOptions = (clock: TestClock, overrides: Partial<KioskDataOptions> = {}): KioskDataOptions => ({
  kioskId: 'kiosk-1',
  orderPrefix: 'B',
  timeZone: 'Europe/Berlin',
  databaseName: uniqueDatabaseName(),
  now: clock.now,
  ...overrides,
});

export const sampleOrder = (overrides: Partial<NewOrder> = {}): NewOrder => ({
  orderId: crypto.randomUUID(),
  storeId: 'store-1',
  kioskId: 'kiosk-1',
  menuVersion: '1',
  locale: 'en',
  serviceMode: 'eat_in',
  currency: 'EUR',
  lines: [
    {
      lineId: 'line-1',
      selection: { kind: 'item', itemId: 'burger', quantity: 1, removedIngredientIds: [], options: {} },
      title: 'Burger',
      details: [],
      unitPrice: 500,
      total: 500,
      calories: 550,
    },
  ],
  taxes: [{ rateId: 'reduced', label: 'VAT 7 %', basisPoints: 700, gross: 500, net: 467, tax: 33 }],
  total: 500,
  ...overrides,
});
