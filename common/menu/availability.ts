// Whether an item or meal can be ordered at a moment: not sold out, and inside one of
// its schedules in the store's time zone. Pure: the time and the zone are passed in.
import type { Item, Meal, Menu, Schedule } from './schema';
import { menuIndex } from './menu-index';

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The weekday (1 = Monday … 7 = Sunday) and minutes since midnight at `at` on the wall clock of `timezone`. */
export function localDayAndMinutes(at: Date, timezone: string): { day: number; minutes: number } {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    // Throws a RangeError for an unknown zone: a config error the store config validation reports first.
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: timezone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timezone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(at).map((part) => [part.type, part.value]));
  return { day: WEEKDAYS[parts.weekday ?? ''] ?? 1, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

const toMinutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/**
 * Open from `from` (inclusive) until `until` (exclusive) on the schedule's days. A schedule
 * that ends before it starts runs past midnight (22:00–02:00); its early hours belong to the day it started.
 */
export function isScheduleOpen(schedule: Schedule, at: Date, timezone: string): boolean {
  const { day, minutes } = localDayAndMinutes(at, timezone);
  const from = toMinutes(schedule.from);
  const until = toMinutes(schedule.until);
  if (from < until) return schedule.days.includes(day) && minutes >= from && minutes < until;
  if (from === until) return schedule.days.includes(day); // all day
  const previousDay = day === 1 ? 7 : day - 1;
  return (schedule.days.includes(day) && minutes >= from) || (schedule.days.includes(previousDay) && minutes < until);
}

const isOpenNow = (menu: Menu, scheduleIds: string[], at: Date, timezone: string) =>
  scheduleIds.length === 0 ||
  scheduleIds.some((scheduleId) => {
    const schedule = menu.schedules.find((candidate) => candidate.id === scheduleId);
    return schedule !== undefined && isScheduleOpen(schedule, at, timezone);
  });

/**
 * True when `entry` can be ordered at `at`: not sold out and inside one of its schedules
 * (none means always). A meal also needs at least one orderable choice in every slot.
 */
export function isOnSale(menu: Menu, entry: Item | Meal, at: Date, timezone: string): boolean {
  if (entry.availability.soldOut || !isOpenNow(menu, entry.availability.scheduleIds, at, timezone)) return false;
  if (!('slots' in entry)) return true;
  return entry.slots.every((slot) =>
    slot.choices.some((choice) => {
      const item = menuIndex(menu).items.get(choice.itemId);
      return item !== undefined && !item.availability.soldOut && isOpenNow(menu, item.availability.scheduleIds, at, timezone);
    }),
  );
}
