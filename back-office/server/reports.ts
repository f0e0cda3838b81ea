// Reports over what the back office recorded, for a range of the store's local dates
// (inclusive). Plain SQL through Kysely's `sql`, portable between SQLite and PostgreSQL:
// no date functions (local dates and hours are columns), no percentile functions
// (nearest-rank percentiles by ORDER BY … LIMIT 1 OFFSET k over an index).
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { BackOfficeTables } from './db/tables';

export interface DateRange {
  /** YYYY-MM-DD, the store's local date, inclusive. */
  from: string;
  to: string;
}

type Db = Kysely<BackOfficeTables>;

/** A card order is paid once it left the kiosk paid; a counter order once staff or a POS marked it paid. */
const PAID_CARD_STATUSES = ['paid', 'receipt_printed', 'receipt_failed', 'queued', 'delivered'];
const isPaid = sql`((o.payment_method = 'card' and o.status in (${sql.join(PAID_CARD_STATUSES)})) or (o.payment_method = 'counter' and (s.status = 'paid' or o.status = 'paid')))`;
const notCancelled = sql`(o.status <> 'cancelled' and (s.status is null or s.status <> 'cancelled'))`;

const rows = async <T>(db: Db, query: RawBuilder<T>): Promise<T[]> => (await query.execute(db)).rows;

export interface Percentiles {
  count: number;
  median: number | null;
  p90: number | null;
}

/**
 * Nearest-rank percentiles of `valueSql` over the rows of `fromWhere` (which must select
 * only rows whose value is not null): the p-th percentile is the value at rank ⌈p/100 × n⌉.
 */
async function percentiles(db: Db, valueSql: RawBuilder<unknown>, fromWhere: RawBuilder<unknown>): Promise<Percentiles> {
  const [counted] = await rows(db, sql<{ n: number }>`select count(*) as n ${fromWhere}`);
  const count = Number(counted?.n ?? 0);
  if (count === 0) return { count, median: null, p90: null };
  const at = async (p: number) => {
    const offset = Math.max(0, Math.ceil((p / 100) * count) - 1);
    const [row] = await rows(db, sql<{ v: number }>`select ${valueSql} as v ${fromWhere} order by ${valueSql} limit 1 offset ${sql.lit(offset)}`);
    return row ? Number(row.v) : null;
  };
  return { count, median: await at(50), p90: await at(90) };
}

export interface SalesSummary {
  orders: number;
  paidOrders: number;
  revenue: number;
  cancelled: number;
}

export async function salesSummary(db: Db, range: DateRange): Promise<SalesSummary> {
  const [row] = await rows(
    db,
    sql<{ orders: number; paid: number; revenue: number | null; cancelled: number }>`
      select
        sum(case when ${notCancelled} then 1 else 0 end) as orders,
        sum(case when ${notCancelled} and ${isPaid} then 1 else 0 end) as paid,
        sum(case when ${notCancelled} and ${isPaid} then o.total else 0 end) as revenue,
        sum(case when ${notCancelled} then 0 else 1 end) as cancelled
      from orders o left join order_settlements s on s.order_id = o.order_id
      where o.local_date between ${range.from} and ${range.to}`,
  );
  return { orders: Number(row?.orders ?? 0), paidOrders: Number(row?.paid ?? 0), revenue: Number(row?.revenue ?? 0), cancelled: Number(row?.cancelled ?? 0) };
}

export interface HourRow {
  hour: number;
  orders: number;
  revenue: number;
}

/** Orders (not cancelled) and paid revenue by the store's hour of day, all 24 hours. */
export async function ordersByHour(db: Db, range: DateRange): Promise<HourRow[]> {
  const found = await rows(
    db,
    sql<{ hour: number; orders: number; revenue: number }>`
      select o.local_hour as hour, count(*) as orders, sum(case when ${isPaid} then o.total else 0 end) as revenue
      from orders o left join order_settlements s on s.order_id = o.order_id
      where o.local_date between ${range.from} and ${range.to} and ${notCancelled}
      group by o.local_hour`,
  );
  const byHour = new Map(found.map((row) => [Number(row.hour), row]));
  return Array.from({ length: 24 }, (_, hour) => ({ hour, orders: Number(byHour.get(hour)?.orders ?? 0), revenue: Number(byHour.get(hour)?.revenue ?? 0) }));
}

export interface DayRow {
  date: string;
  orders: number;
  revenue: number;
}

export async function ordersByDay(db: Db, range: DateRange): Promise<DayRow[]> {
  const found = await rows(
    db,
    sql<{ date: string; orders: number; revenue: number }>`
      select o.local_date as date, count(*) as orders, sum(case when ${isPaid} then o.total else 0 end) as revenue
      from orders o left join order_settlements s on s.order_id = o.order_id
      where o.local_date between ${range.from} and ${range.to} and ${notCancelled}
      group by o.local_date order by o.local_date`,
  );
  return found.map((row) => ({ date: row.date, orders: Number(row.orders), revenue: Number(row.revenue) }));
}

/** From the first touch (session started) to the order placed: the `completed` events' durations. */
export async function timeToOrder(db: Db, range: DateRange): Promise<Percentiles> {
  return percentiles(
    db,
    sql`duration_ms`,
    sql`from events where type = 'completed' and local_date between ${range.from} and ${range.to} and duration_ms is not null`,
  );
}

/** The kiosk's steps in order; a session that ended on a step passed every step before it. */
export const FUNNEL_STEPS = ['service', 'menu', 'cart', 'review', 'payment'] as const;
const STEP_OF_SCREEN: Record<string, (typeof FUNNEL_STEPS)[number]> = {
  attract: 'service',
  service: 'service',
  menu: 'menu',
  customize: 'menu',
  cart: 'cart',
  review: 'review',
  payment: 'payment',
};

export interface FunnelRow {
  step: 'started' | (typeof FUNNEL_STEPS)[number] | 'completed';
  /** Sessions that got to this step. */
  reached: number;
  /** Sessions that ended here without an order (walked away, timed out, cancelled). */
  abandoned: number;
}

export interface Funnel {
  steps: FunnelRow[];
  completedByMethod: { card: number; counter: number };
}

/**
 * Completion and abandonment by step, from attract screen to order: sessions started,
 * then for each step the sessions that reached it (those that ended there or later, or
 * completed), and those abandoned there.
 */
export async function funnel(db: Db, range: DateRange): Promise<Funnel> {
  const found = await rows(
    db,
    sql<{ type: string; screen: string | null; method: string | null; n: number }>`
      select type, screen, method, count(*) as n from events
      where local_date between ${range.from} and ${range.to} and type in ('session_started', 'abandoned', 'completed')
      group by type, screen, method`,
  );
  let started = 0;
  const completedByMethod = { card: 0, counter: 0 };
  const abandonedAt = new Map<string, number>(FUNNEL_STEPS.map((step) => [step, 0]));
  for (const row of found) {
    const n = Number(row.n);
    if (row.type === 'session_started') started += n;
    else if (row.type === 'completed') {
      if (row.method === 'card') completedByMethod.card += n;
      else completedByMethod.counter += n;
    } else {
      const step = STEP_OF_SCREEN[row.screen ?? ''];
      if (step) abandonedAt.set(step, (abandonedAt.get(step) ?? 0) + n);
    }
  }
  const completed = completedByMethod.card + completedByMethod.counter;
  let later = completed;
  const steps: FunnelRow[] = [];
  for (const step of [...FUNNEL_STEPS].reverse()) {
    const abandoned = abandonedAt.get(step) ?? 0;
    later += abandoned;
    steps.unshift({ step, reached: later, abandoned });
  }
  steps.unshift({ step: 'started', reached: started, abandoned: 0 });
  steps.push({ step: 'completed', reached: completed, abandoned: 0 });
  return { steps, completedByMethod };
}

export interface HandoffReasonRow {
  reason: string;
  count: number;
  acknowledge: Percentiles;
  resolve: Percentiles;
}

export interface HandoffReport {
  total: number;
  byReason: HandoffReasonRow[];
  byOutcome: { outcome: string; count: number }[];
  /** Help requests the kiosk offered (after declines, a payment in doubt…) and the customer accepted. */
  offered: number;
}

/** Help requests by reason, with time to acknowledge ("on my way") and to resolve, from when they were opened. */
export async function handoffs(db: Db, range: DateRange): Promise<HandoffReport> {
  const inRange = sql`local_date between ${range.from} and ${range.to}`;
  const reasons = await rows(db, sql<{ reason: string; n: number }>`select reason, count(*) as n from handoffs where ${inRange} group by reason order by count(*) desc, reason`);
  const byReason: HandoffReasonRow[] = [];
  for (const { reason, n } of reasons) {
    byReason.push({
      reason,
      count: Number(n),
      acknowledge: await percentiles(db, sql`(acknowledged_at - opened_at)`, sql`from handoffs where ${inRange} and reason = ${reason} and acknowledged_at is not null`),
      resolve: await percentiles(db, sql`(resolved_at - opened_at)`, sql`from handoffs where ${inRange} and reason = ${reason} and resolved_at is not null`),
    });
  }
  const outcomes = await rows(db, sql<{ outcome: string; n: number }>`select outcome, count(*) as n from handoffs where ${inRange} and outcome is not null group by outcome order by count(*) desc, outcome`);
  const [offered] = await rows(db, sql<{ n: number }>`select count(*) as n from handoffs where ${inRange} and ${sql.ref('trigger')} = 'offer'`);
  return {
    total: byReason.reduce((sum, row) => sum + row.count, 0),
    byReason,
    byOutcome: outcomes.map((row) => ({ outcome: row.outcome, count: Number(row.n) })),
    offered: Number(offered?.n ?? 0),
  };
}

export interface PaymentOutcomes {
  /** Card payments by what the terminal answered: approved, declined, aborted, unknown (in doubt). */
  byResult: { result: string; count: number }[];
  /** Payments nobody could settle at the kiosk: handed to staff with a slip. */
  handedToStaff: number;
}

export async function paymentOutcomes(db: Db, range: DateRange): Promise<PaymentOutcomes> {
  const inRange = sql`local_date between ${range.from} and ${range.to}`;
  const results = await rows(
    db,
    sql<{ result: string | null; n: number }>`select result, count(*) as n from events where ${inRange} and type = 'payment.outcome' group by result order by count(*) desc, result`,
  );
  const [unresolved] = await rows(db, sql<{ n: number }>`select count(*) as n from events where ${inRange} and type = 'payment.unresolved'`);
  return { byResult: results.map((row) => ({ result: row.result ?? 'unknown', count: Number(row.n) })), handedToStaff: Number(unresolved?.n ?? 0) };
}

export interface ChoiceRow {
  /** Option group id (options) or item id (removals). */
  groupId: string;
  id: string;
  count: number;
}

/** The options customers choose most (pre-selected defaults are not counted) and the ingredients they leave out most. */
export async function topChoices(db: Db, range: DateRange, limit = 10): Promise<{ options: ChoiceRow[]; removals: ChoiceRow[] }> {
  const top = (kind: 'option' | 'removed') =>
    rows(
      db,
      sql<{ group_ref: string; ref: string; n: number }>`
        select c.group_ref, c.ref, sum(c.quantity) as n
        from order_choices c join orders o on o.order_id = c.order_id
        where c.kind = ${kind} and o.local_date between ${range.from} and ${range.to} and o.status <> 'cancelled'
        group by c.group_ref, c.ref order by sum(c.quantity) desc, c.group_ref, c.ref limit ${sql.lit(limit)}`,
    ).then((found) => found.map((row) => ({ groupId: row.group_ref, id: row.ref, count: Number(row.n) })));
  return { options: await top('option'), removals: await top('removed') };
}

export interface PaymentShareRow {
  method: 'card' | 'counter';
  orders: number;
  revenue: number;
}

/** Paid orders by how they were paid: at the counter or by card at the kiosk. */
export async function paymentShare(db: Db, range: DateRange): Promise<PaymentShareRow[]> {
  const found = await rows(
    db,
    sql<{ method: string; orders: number; revenue: number }>`
      select o.payment_method as method, count(*) as orders, sum(o.total) as revenue
      from orders o left join order_settlements s on s.order_id = o.order_id
      where o.local_date between ${range.from} and ${range.to} and ${notCancelled} and ${isPaid}
      group by o.payment_method`,
  );
  return (['card', 'counter'] as const).map((method) => {
    const row = found.find((candidate) => candidate.method === method);
    return { method, orders: Number(row?.orders ?? 0), revenue: Number(row?.revenue ?? 0) };
  });
}

export interface FullReport {
  range: DateRange;
  sales: SalesSummary;
  byHour: HourRow[];
  byDay: DayRow[];
  timeToOrder: Percentiles;
  funnel: Funnel;
  handoffs: HandoffReport;
  payments: PaymentOutcomes;
  choices: { options: ChoiceRow[]; removals: ChoiceRow[] };
  paymentShare: PaymentShareRow[];
}

export async function fullReport(db: Db, range: DateRange): Promise<FullReport> {
  return {
    range,
    sales: await salesSummary(db, range),
    byHour: await ordersByHour(db, range),
    byDay: await ordersByDay(db, range),
    timeToOrder: await timeToOrder(db, range),
    funnel: await funnel(db, range),
    handoffs: await handoffs(db, range),
    payments: await paymentOutcomes(db, range),
    choices: await topChoices(db, range),
    paymentShare: await paymentShare(db, range),
  };
}
