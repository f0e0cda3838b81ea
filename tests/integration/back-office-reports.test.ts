// Reports from a recorded day match numbers worked out by hand, on SQLite and on
// PostgreSQL (the same queries through Kysely), and a redelivered message counts once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type BackOfficeDatabase } from '../../back-office/server/db/open';
import { createRecorder, pruneOldEvents } from '../../back-office/server/ingest';
import { fullReport } from '../../back-office/server/reports';
import { reportCsv } from '../../back-office/server/csv';
import { startTestPostgres, type TestPostgres } from '../support/postgres';
import { FIXTURE_STORE_ID, FIXTURE_TIMEZONE, recordedDay } from '../support/back-office-fixture';

const DAY = { from: '2026-03-10', to: '2026-03-10' };
const isDefaultOption = (groupId: string, optionId: string) => groupId === 'drink-ice' && optionId === 'ice';

let postgres: TestPostgres;
const dir = mkdtempSync(join(tmpdir(), 'back-office-reports-'));
beforeAll(async () => {
  postgres = await startTestPostgres();
});
afterAll(async () => {
  await postgres?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe.each(['sqlite', 'postgres'] as const)('back office reports on %s', (dialect) => {
  let database: BackOfficeDatabase;
  beforeAll(async () => {
    database =
      dialect === 'sqlite'
        ? await openDatabase({ kind: 'sqlite', file: join(dir, 'reports.sqlite') })
        : await openDatabase({ kind: 'postgres', url: await postgres.createDatabase('reports') });
  });
  afterAll(async () => {
    await database?.close();
  });

  it('records a day of store bus messages; delivering them all again records nothing new', async () => {
    const recorder = createRecorder({ db: database.db, store: FIXTURE_STORE_ID, timezone: FIXTURE_TIMEZONE, isDefaultOption });
    const messages = recordedDay();
    const first = await recorder.record(messages);
    expect(first.recorded).toBeGreaterThan(0);
    const before = await fullReport(database.db, DAY);
    const again = await recorder.record(messages);
    expect(again.recorded).toBe(0);
    expect(again.duplicates + again.ignored).toBe(messages.length);
    expect(await fullReport(database.db, DAY)).toEqual(before);
    // One at a time, as they come off the bus: the same.
    for (const message of messages.slice(0, 10)) expect((await recorder.record([message])).recorded).toBe(0);
  });

  it('computes the reports worked out by hand', async () => {
    const report = await fullReport(database.db, DAY);
    // Orders of the day in Berlin: 1, 2, 3, 4 and 7 (23:30 UTC the day before is 00:30 here); 5 is cancelled; 6 is the next day.
    // Paid: 1 (card), 2 (card), 3 (counter, marked paid by staff), 7 (card); 4 waits at the counter.
    expect(report.sales).toEqual({ orders: 5, paidOrders: 4, revenue: 1049 + 550 + 899 + 250, cancelled: 1 });
    const hours = report.byHour.filter((row) => row.orders > 0);
    expect(hours).toEqual([
      { hour: 0, orders: 1, revenue: 250 },
      { hour: 12, orders: 2, revenue: 1049 + 550 },
      { hour: 13, orders: 2, revenue: 899 },
    ]);
    expect(report.byHour).toHaveLength(24);
    expect(report.byDay).toEqual([{ date: '2026-03-10', orders: 5, revenue: 2748 }]);
    expect(report.paymentShare).toEqual([
      { method: 'card', orders: 3, revenue: 1049 + 550 + 250 },
      { method: 'counter', orders: 1, revenue: 899 },
    ]);

    // Durations 30, 60, 90, 120 s: nearest rank, median = rank 2, p90 = rank 4.
    expect(report.timeToOrder).toEqual({ count: 4, median: 60_000, p90: 120_000 });

    // 7 started; ended: service 1, menu 1 (in the customiser), payment 1; 4 completed (3 card, 1 counter).
    expect(report.funnel.steps).toEqual([
      { step: 'started', reached: 7, abandoned: 0 },
      { step: 'service', reached: 7, abandoned: 1 },
      { step: 'menu', reached: 6, abandoned: 1 },
      { step: 'cart', reached: 5, abandoned: 0 },
      { step: 'review', reached: 5, abandoned: 0 },
      { step: 'payment', reached: 5, abandoned: 1 },
      { step: 'completed', reached: 4, abandoned: 0 },
    ]);
    expect(report.funnel.completedByMethod).toEqual({ card: 3, counter: 1 });

    // Help with order: acknowledged after 60 s and 120 s, resolved after 300 s and 600 s.
    expect(report.handoffs).toEqual({
      total: 4,
      byReason: [
        { reason: 'help_with_order', count: 2, acknowledge: { count: 2, median: 60_000, p90: 120_000 }, resolve: { count: 2, median: 300_000, p90: 600_000 } },
        { reason: 'allergy_question', count: 1, acknowledge: { count: 0, median: null, p90: null }, resolve: { count: 0, median: null, p90: null } },
        { reason: 'payment_problem', count: 1, acknowledge: { count: 1, median: 30_000, p90: 30_000 }, resolve: { count: 1, median: 90_000, p90: 90_000 } },
      ],
      byOutcome: [
        { outcome: 'helped', count: 1 },
        { outcome: 'order_taken_to_counter', count: 1 },
        { outcome: 'payment_resolved', count: 1 },
      ],
      offered: 1,
    });

    expect(report.payments).toEqual({
      byResult: [
        { result: 'approved', count: 3 },
        { result: 'declined', count: 2 },
        { result: 'unknown', count: 1 },
      ],
      handedToStaff: 1,
    });

    // Order 1 (2 burgers, no onion, ketchup; ice is the default), order 2 (mayo ×2), order 3 (no pickles).
    expect(report.choices).toEqual({
      options: [
        { groupId: 'dip', id: 'mayo', count: 2 },
        { groupId: 'sauces', id: 'ketchup', count: 2 },
      ],
      removals: [
        { groupId: 'burger', id: 'onion', count: 2 },
        { groupId: 'chicken-burger', id: 'pickles', count: 1 },
      ],
    });
  });

  it('keeps the newest revision of an order and reads two days as a range', async () => {
    const row = await database.db.selectFrom('orders').select(['status', 'order_number']).where('order_number', '=', 'A-001').executeTakeFirstOrThrow();
    expect(row.status).toBe('delivered');
    const revisions = await database.db.selectFrom('order_revisions').select('revision').where('order_id', '=', '00000000-0000-4000-8000-000000000001').execute();
    expect(revisions).toHaveLength(2);
    const twoDays = await fullReport(database.db, { from: '2026-03-10', to: '2026-03-11' });
    expect(twoDays.sales.orders).toBe(6);
    expect(twoDays.byDay.map((day) => day.date)).toEqual(['2026-03-10', '2026-03-11']);
    expect(twoDays.funnel.steps[0]).toEqual({ step: 'started', reached: 8, abandoned: 0 });
  });

  it('exports a report as CSV', async () => {
    const csv = reportCsv('by-hour', await fullReport(database.db, DAY));
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('hour,orders,revenue');
    expect(lines[13]).toBe('12,2,15.99');
    // How help requests ended: a staff takeover is told apart from help on the spot.
    expect(reportCsv('handoff-outcomes', await fullReport(database.db, DAY))).toBe('outcome,count\r\nhelped,1\r\norder_taken_to_counter,1\r\npayment_resolved,1\r\n');
  });

  it('removes events older than the retention period', async () => {
    const cutoff = Date.parse('2026-03-11T00:00:00.000Z');
    const removed = await pruneOldEvents(database.db, cutoff);
    expect(removed.events).toBeGreaterThan(0);
    const left = await database.db.selectFrom('events').select('event_id').execute();
    expect(left).toHaveLength(1);
    expect((await fullReport(database.db, DAY)).funnel.steps[0]!.reached).toBe(0);
  });
});
