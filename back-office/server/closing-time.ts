// When the store closes next, on its wall clock: sold out ends then (unless kept).
// Found by walking the minutes, so a closing time in a daylight-saving gap (02:30 on
// the spring-forward night) falls on the first minute after the gap.
import { localDayAndMinutes } from '../../common/menu/availability';

const MINUTE = 60_000;

export const parseClockTime = (text: string): number | null => {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
};

/** The first moment after `after` at which the store's clock shows `time` (HH:MM) or has just passed it. */
export function nextClosing(after: Date, time: string, timezone: string): Date {
  const target = parseClockTime(time);
  if (target === null) throw new Error(`closing time must be "HH:MM", got "${time}"`);
  let previous = localDayAndMinutes(after, timezone).minutes;
  const start = Math.floor(after.getTime() / MINUTE) * MINUTE;
  for (let step = 1; step <= 3 * 24 * 60; step += 1) {
    const at = new Date(start + step * MINUTE);
    const minutes = localDayAndMinutes(at, timezone).minutes;
    // How far the clock moved in this minute: 1 normally, 61 when it springs forward, back when it falls back.
    const forward = (minutes - previous + 1440) % 1440;
    if (forward > 0 && forward <= 720) {
      const toTarget = (target - previous + 1440) % 1440;
      if (toTarget >= 1 && toTarget <= forward) return at;
    } else if (forward > 720 && minutes === target) return at;
    previous = minutes;
  }
  throw new Error(`no closing time ${time} found within three days in ${timezone}`);
}
