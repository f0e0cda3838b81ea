// The store's wall clock: which local date and hour a moment falls on, in the store's
// time zone (daylight saving included). Computed once when a message is recorded, so
// reports group by the store's days and hours with plain SQL on either database.
const formatters = new Map<string, Intl.DateTimeFormat>();

export interface LocalTime {
  /** YYYY-MM-DD */
  date: string;
  /** 0–23 */
  hour: number;
}

/**
 * Every zone's offset and its changes fall on quarter hours (since the 1970s), so the date and hour
 * are the same throughout a quarter hour: the last answer per zone is kept, as orders come in runs
 * of the same minutes and formatting with Intl costs more than the rest of recording an order's row.
 */
const QUARTER_HOUR_MS = 15 * 60_000;
const lastAnswers = new Map<string, { quarter: number; time: LocalTime }>();

export function localTime(atMs: number, timezone: string): LocalTime {
  const quarter = Math.floor(atMs / QUARTER_HOUR_MS);
  const last = lastAnswers.get(timezone);
  if (last?.quarter === quarter) return { ...last.time };
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' });
    formatters.set(timezone, formatter);
  }
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(atMs)) parts[part.type] = part.value;
  const time = { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
  lastAnswers.set(timezone, { quarter, time });
  return { ...time };
}

/** YYYY-MM-DD, for checking a date range given by a person. */
export const isLocalDate = (text: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`));
