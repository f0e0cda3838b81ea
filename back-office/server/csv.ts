// Reports as CSV (RFC 4180: comma separated, CRLF, fields quoted when needed) for a
// spreadsheet. Amounts in major units with two decimals, durations in seconds.
import type { FullReport, Percentiles } from './reports';

export const CSV_REPORTS = ['summary', 'by-hour', 'by-day', 'funnel', 'time-to-order', 'handoffs', 'handoff-outcomes', 'payments', 'choices', 'payment-share'] as const;
export type CsvReport = (typeof CSV_REPORTS)[number];

type Cell = string | number | null;

const field = (value: Cell): string => {
  if (value === null) return '';
  const text = String(value);
  // A leading =, +, - or @ would be a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export const toCsv = (header: string[], rows: Cell[][]): string => [header, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';

const money = (minor: number) => (minor / 100).toFixed(2);
const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 100) / 10);
const percentileCells = (p: Percentiles) => [p.count, seconds(p.median), seconds(p.p90)];

export function reportCsv(name: CsvReport, report: FullReport): string {
  switch (name) {
    case 'summary':
      return toCsv(
        ['from', 'to', 'orders', 'paid_orders', 'revenue', 'cancelled'],
        [[report.range.from, report.range.to, report.sales.orders, report.sales.paidOrders, money(report.sales.revenue), report.sales.cancelled]],
      );
    case 'by-hour':
      return toCsv(['hour', 'orders', 'revenue'], report.byHour.map((row) => [row.hour, row.orders, money(row.revenue)]));
    case 'by-day':
      return toCsv(['date', 'orders', 'revenue'], report.byDay.map((row) => [row.date, row.orders, money(row.revenue)]));
    case 'funnel':
      return toCsv(['step', 'reached', 'abandoned'], report.funnel.steps.map((row) => [row.step, row.reached, row.abandoned]));
    case 'time-to-order':
      return toCsv(['orders', 'median_seconds', 'p90_seconds'], [percentileCells(report.timeToOrder)]);
    case 'handoffs':
      return toCsv(
        ['reason', 'count', 'acknowledged', 'acknowledge_median_seconds', 'acknowledge_p90_seconds', 'resolved', 'resolve_median_seconds', 'resolve_p90_seconds'],
        report.handoffs.byReason.map((row) => [row.reason, row.count, ...percentileCells(row.acknowledge), ...percentileCells(row.resolve)]),
      );
    case 'handoff-outcomes':
      return toCsv(['outcome', 'count'], report.handoffs.byOutcome.map((row) => [row.outcome, row.count]));
    case 'payments':
      return toCsv(['result', 'count'], [...report.payments.byResult.map((row) => [row.result, row.count]), ['handed_to_staff', report.payments.handedToStaff]]);
    case 'choices':
      return toCsv(
        ['kind', 'group_or_item', 'id', 'count'],
        [...report.choices.options.map((row) => ['option', row.groupId, row.id, row.count]), ...report.choices.removals.map((row) => ['removed', row.groupId, row.id, row.count])],
      );
    case 'payment-share':
      return toCsv(['method', 'orders', 'revenue'], report.paymentShare.map((row) => [row.method, row.orders, money(row.revenue)]));
  }
}
