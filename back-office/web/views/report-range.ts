// The reports' default dates: the last seven days where the store is. Orders are recorded under the
// store's local date (back-office/server/local-time.ts), so "today" is the store's, not UTC's nor
// this browser's: just after midnight in Berlin, UTC is still on yesterday.
import { localDayKey } from '../../../common/order/order-number';

const DAY_MS = 86_400_000;

/** The last `days` days up to the store's today at `now`, as YYYY-MM-DD. */
export function lastDays(now: Date, timezone: string, days = 7): { from: string; to: string } {
  const to = localDayKey(now, timezone);
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - (days - 1) * DAY_MS).toISOString().slice(0, 10);
  return { from, to };
}
