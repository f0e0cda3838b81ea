// The host's order book as the trust boundary for money: a comp gives one line of one order away,
// at the amount staff logged, once (also after a restart); a comp the host refused gives nothing;
// and an order reaches the store only as the host priced it (placed, or placeable when sent).
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { menu as menuSchema, storeConfig } from '../../../common/menu/schema';
import { compLine, priceLine, totalPricedLines } from '../../../common/menu/pricing';
import type { LineSelection } from '../../../common/menu/selection';
import type { OrderDocument } from '../../../common/order/order';
import { DeviceJournal } from '../../../electron/host/devices/device-journal';
import { createOrderBook } from '../../../electron/host/devices/order-book';
import { silentLogger } from '../../../electron/host/log';
import { createLoggedComps } from '../../../electron/host/store-bus/order-claims';

const REPO = join(import.meta.dirname, '../../..');
const menu = menuSchema.parse(JSON.parse(readFileSync(join(REPO, 'menu-config/sample/menu.json'), 'utf8')));
const store = storeConfig.parse(JSON.parse(readFileSync(join(REPO, 'menu-config/sample/store.json'), 'utf8')));

const temp: string[] = [];
afterEach(() => {
  for (const dir of temp.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A journal and an audit log in a temp dir; `open` builds the host's book over them, as at each start. */
function host() {
  const dir = mkdtempSync(join(tmpdir(), 'counterpart-order-book-'));
  temp.push(dir);
  const journalFile = join(dir, 'device-journal.jsonl');
  const auditLog = join(dir, 'staff-actions.jsonl');
  const audit = (entry: Record<string, unknown>) => appendFileSync(auditLog, JSON.stringify(entry) + '\n');
  const open = () => {
    const journal = new DeviceJournal(journalFile);
    const comps = createLoggedComps(auditLog);
    const book = createOrderBook({ store, menu: () => menu, journal, loggedComp: comps.logged, log: silentLogger, now: () => new Date() });
    return { journal, book, comps };
  };
  return { audit, open };
}

const burger = (quantity: number): LineSelection => ({ kind: 'item', itemId: 'big-burger', quantity, removedIngredientIds: [], options: {} });
const hamburger: LineSelection = { kind: 'item', itemId: 'hamburger', quantity: 1, removedIngredientIds: [], options: {} };

/** An order priced as the kiosk prices it; `comp` gives its first line away with that comp. */
function order(selections: LineSelection[], comp?: { by: string; at: string; waivedTotal?: number }): OrderDocument {
  const gross = selections.map((selection) => priceLine(menu, selection));
  const lines = gross.map((line, index) => (comp && index === 0 ? compLine(line) : line));
  const priced = totalPricedLines(store.tax, 'eat_in', lines, 'en');
  const now = new Date().toISOString();
  return {
    orderId: randomUUID(),
    orderNumber: 'B-001',
    storeId: store.storeId,
    kioskId: store.kioskId,
    menuVersion: menu.version,
    locale: 'en',
    serviceMode: 'eat_in',
    currency: 'EUR',
    lines: selections.map((selection, index) => ({
      lineId: `l${index + 1}`,
      selection,
      title: selection.kind === 'item' ? selection.itemId : 'meal',
      details: [],
      unitPrice: lines[index]!.unitPrice,
      total: lines[index]!.total,
      calories: lines[index]!.calories,
      ...(comp && index === 0 ? { comp: { by: comp.by, at: comp.at, reason: 'goodwill' as const, waivedTotal: comp.waivedTotal ?? gross[0]!.total } } : {}),
    })),
    taxes: priced.taxes,
    total: priced.total,
    paymentMethod: 'counter',
    status: 'awaiting_counter_payment',
    placedAt: now,
    updatedAt: now,
  };
}

const placing = (book: ReturnType<typeof createOrderBook>, document: OrderDocument) =>
  Promise.resolve()
    .then(() => book.handlers.placeOrder({ order: document }))
    .then(
    (placed) => ({ ok: true as const, total: placed.totalMinor }),
    (error: { code: string; message: string }) => ({ ok: false as const, code: error.code, message: error.message }),
  );

describe('comps: one line of one order, at the amount logged, once', () => {
  it('a logged comp gives its line away once: a second order naming it is refused, also after a restart', async () => {
    const { audit, open } = host();
    const at = '2026-12-05T12:00:00.000Z';
    audit({ at, staffName: 'sam', kioskId: 'kiosk-1', action: 'item_comped', detail: { lineId: 'l1', waivedTotal: 699 } });
    const first = open();
    const comped = order([burger(1), hamburger], { by: 'sam', at });
    expect(await placing(first.book, comped)).toEqual({ ok: true, total: 299 });
    // The same order again is the same answer (the page may ask twice).
    expect(await placing(first.book, comped)).toEqual({ ok: true, total: 299 });
    const again = order([burger(1), hamburger], { by: 'sam', at });
    expect(await placing(first.book, again)).toMatchObject({ ok: false, code: 'forbidden', message: expect.stringContaining(`already given on order ${comped.orderId}`) });
    first.journal.close();

    const restarted = open();
    expect(await placing(restarted.book, order([burger(1), hamburger], { by: 'sam', at }))).toMatchObject({ ok: false, code: 'forbidden' });
    expect(restarted.book.vouch([order([burger(1), hamburger], { by: 'sam', at })])).toEqual([expect.objectContaining({ sent: false, code: 'forbidden' })]);
  });

  it('a comp logged for one amount does not give away a dearer line (no way round the manager limit)', async () => {
    const { audit, open } = host();
    const at = '2026-12-05T12:01:00.000Z';
    // Logged for one hamburger's worth (under the store's limit of 1000): twenty big burgers are 13,980.
    audit({ at, staffName: 'sam', kioskId: 'kiosk-1', action: 'item_comped', detail: { lineId: 'l1', waivedTotal: 299 } });
    const { book } = open();
    const claimedCheap = order([burger(20), hamburger], { by: 'sam', at, waivedTotal: 299 });
    expect(await placing(book, claimedCheap)).toMatchObject({ ok: false, code: 'forbidden', message: expect.stringContaining('logged for 299, but the line costs 13980') });
    const honest = order([burger(20), hamburger], { by: 'sam', at });
    expect(await placing(book, honest)).toMatchObject({ ok: false, code: 'forbidden', message: expect.stringContaining('logged for 299') });
  });

  it('a comp the host refused (a manager was needed) gives nothing, also when the audit log is read at the next start', async () => {
    const { audit, open } = host();
    const at = '2026-12-05T12:02:00.000Z';
    audit({ at, staffName: 'sam', kioskId: 'kiosk-1', action: 'item_comped', detail: { lineId: 'l1', waivedTotal: 48930 }, refused: 'manager_required' });
    const { book, comps } = open();
    expect(comps.logged({ by: 'sam', at }, 'l1')).toBeUndefined();
    expect(await placing(book, order([burger(70), hamburger], { by: 'sam', at }))).toMatchObject({ ok: false, code: 'forbidden', message: expect.stringContaining('no staff session of this kiosk logged') });
  });
});

describe('what the host lets reach the store', () => {
  it('an order it placed as it is; another document under that id is refused (order_conflict)', async () => {
    const { book } = host().open();
    const placed = order([burger(2)]);
    expect(await placing(book, placed)).toMatchObject({ ok: true });
    expect(book.vouch([{ ...placed, status: 'queued' }])).toEqual([{ sent: true }]);
    const cheaper = { ...placed, lines: [{ ...placed.lines[0]!, unitPrice: 1, total: 2 }], total: 2 };
    expect(book.vouch([cheaper])).toEqual([expect.objectContaining({ sent: false, code: 'order_conflict' })]);
  });

  it('an order it never placed (the host was unreachable then) is placed when sent if priced as the host prices it; one with the page\'s own prices is refused', () => {
    const { open } = host();
    const { book, journal } = open();
    const honest = order([burger(1)]);
    const cheap = order([burger(20)]);
    const forged = { ...cheap, lines: [{ ...cheap.lines[0]!, unitPrice: 1, total: 20 }], taxes: [], total: 20 };
    // Two revisions of the honest one in the same batch: both go.
    expect(book.vouch([honest, forged, { ...honest, status: 'queued' }])).toEqual([
      { sent: true },
      expect.objectContaining({ sent: false, code: 'price_mismatch', reason: expect.stringContaining('was never placed with the host') }),
      { sent: true },
    ]);
    expect(journal.orders.get(honest.orderId)).toMatchObject({ totalMinor: 699 });
    expect(journal.orders.has(forged.orderId)).toBe(false);
    journal.close();
    // Journaled: after a restart it is an order the host placed, this very document.
    expect(open().book.vouch([{ ...honest, status: 'queued' }])).toEqual([{ sent: true }]);
  });

  it('an order a customer began before a publish is priced with the menu they saw (one the host served a moment ago); a menu it never served is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'counterpart-order-book-'));
    temp.push(dir);
    const dearer = { ...menu, version: `${menu.version}-dearer`, items: menu.items.map((item) => ({ ...item, price: item.price + 100 })) };
    const served = new Map([menu, dearer].map((version) => [version.version, version]));
    const journal = new DeviceJournal(join(dir, 'device-journal.jsonl'));
    const book = createOrderBook({ store, menu: () => dearer, menuFor: (version) => served.get(version), journal, log: silentLogger, now: () => new Date() });
    expect(await placing(book, order([burger(1)]))).toEqual({ ok: true, total: 699 });
    const elsewhere = { ...order([burger(1)]), menuVersion: 'never-served' };
    expect(await placing(book, elsewhere)).toMatchObject({ ok: false, code: 'menu_version_mismatch' });
  });
});
