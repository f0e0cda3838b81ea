// The human order number: the kiosk's prefix and a counter that restarts every local day ("B-042").
// Pure: the data layer keeps the counter and passes the clock in.

/** The calendar day of `at` in the kiosk's time zone, as "YYYY-MM-DD" (the day the counter belongs to). */
export const localDayKey = (at: Date, timeZone?: string): string => {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((candidate) => candidate.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
};

/** "B" and 42 → "B-042"; counters past 999 keep all their digits ("B-1000"). */
export const formatOrderNumber = (prefix: string, counter: number): string => {
  if (!/^[A-Z]{1,2}$/.test(prefix)) throw new Error(`Order prefix "${prefix}" must be one or two capital letters`);
  if (!Number.isInteger(counter) || counter < 1) throw new Error(`Order counter must be a positive integer, got ${counter}`);
  return `${prefix}-${String(counter).padStart(3, '0')}`;
};

/** The next counter: 1 on a new day, otherwise one more than the last. */
export const nextDailyCounter = (last: { day: string; counter: number } | undefined, today: string): number =>
  last && last.day === today ? last.counter + 1 : 1;
