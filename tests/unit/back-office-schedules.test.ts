// Schedules ("breakfast until 10:30") at their boundaries and across daylight-saving changes
// in the store's time zone, and when sold out ends (closing time), which walks the same clock.
import { describe, expect, it } from 'vitest';
import { isScheduleOpen } from '../../common/menu/availability';
import type { Schedule } from '../../common/menu/schema';
import { nextClosing } from '../../back-office/server/closing-time';
import { localTime } from '../../back-office/server/local-time';

const BERLIN = 'Europe/Berlin';
const breakfast: Schedule = { id: 'breakfast', name: { en: 'Breakfast' }, days: [1, 2, 3, 4, 5, 6, 7], from: '06:00', until: '10:30' };
const lateNight: Schedule = { id: 'late', name: { en: 'Late night' }, days: [6], from: '22:00', until: '02:00' };
const open = (schedule: Schedule, iso: string) => isScheduleOpen(schedule, new Date(iso), BERLIN);

describe('schedules in the store time zone', () => {
  it('opens at "from" (inclusive) and closes at "until" (exclusive), in winter time (UTC+1)', () => {
    expect(open(breakfast, '2026-01-15T04:59:59Z')).toBe(false); // 05:59:59 in Berlin
    expect(open(breakfast, '2026-01-15T05:00:00Z')).toBe(true); // 06:00
    expect(open(breakfast, '2026-01-15T09:29:59Z')).toBe(true); // 10:29:59
    expect(open(breakfast, '2026-01-15T09:30:00Z')).toBe(false); // 10:30
  });

  it('follows the wall clock across the spring-forward and fall-back days', () => {
    // 29 March 2026: clocks go from 02:00 to 03:00 (UTC+2 from then on).
    expect(open(breakfast, '2026-03-29T04:00:00Z')).toBe(true); // 06:00 CEST
    expect(open(breakfast, '2026-03-29T03:59:00Z')).toBe(false); // 05:59 CEST
    expect(open(breakfast, '2026-03-29T08:30:00Z')).toBe(false); // 10:30 CEST
    expect(open(breakfast, '2026-03-29T08:29:00Z')).toBe(true);
    // 25 October 2026: clocks go from 03:00 back to 02:00 (UTC+1 from then on).
    expect(open(breakfast, '2026-10-25T05:00:00Z')).toBe(true); // 06:00 CET
    expect(open(breakfast, '2026-10-25T04:59:00Z')).toBe(false); // 05:59 CET
    expect(open(breakfast, '2026-10-25T09:30:00Z')).toBe(false); // 10:30 CET
  });

  it('runs past midnight on the day it starts, across the fall-back night', () => {
    // Saturday 24 October 22:00 CEST until Sunday 02:00 (the first 02:00, before the clock falls back).
    expect(open(lateNight, '2026-10-24T19:59:00Z')).toBe(false); // Sat 21:59
    expect(open(lateNight, '2026-10-24T20:00:00Z')).toBe(true); // Sat 22:00
    expect(open(lateNight, '2026-10-24T23:59:00Z')).toBe(true); // Sun 01:59 CEST
    expect(open(lateNight, '2026-10-25T00:00:00Z')).toBe(false); // Sun 02:00 CEST
    expect(open(lateNight, '2026-10-25T01:30:00Z')).toBe(false); // Sun 02:30 CET (the hour again)
  });
});

describe('closing time (sold out ends)', () => {
  it('is the next 23:00 on the store clock, in winter and summer time', () => {
    expect(nextClosing(new Date('2026-01-15T12:00:00Z'), '23:00', BERLIN).toISOString()).toBe('2026-01-15T22:00:00.000Z');
    expect(nextClosing(new Date('2026-07-15T12:00:00Z'), '23:00', BERLIN).toISOString()).toBe('2026-07-15T21:00:00.000Z');
    expect(nextClosing(new Date('2026-07-15T21:00:00Z'), '23:00', BERLIN).toISOString()).toBe('2026-07-16T21:00:00.000Z');
  });

  it('takes the first minute after a closing time the spring-forward night skips', () => {
    // 02:30 does not exist on 29 March 2026: 03:00 CEST (01:00 UTC) is the first moment after it.
    expect(nextClosing(new Date('2026-03-28T23:00:00Z'), '02:30', BERLIN).toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });

  it('closes at the first 02:30 on the fall-back night', () => {
    expect(nextClosing(new Date('2026-10-24T22:00:00Z'), '02:30', BERLIN).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('records local dates and hours in the store time zone', () => {
    expect(localTime(Date.parse('2026-03-09T23:30:00Z'), BERLIN)).toEqual({ date: '2026-03-10', hour: 0 });
    expect(localTime(Date.parse('2026-03-29T01:00:00Z'), BERLIN)).toEqual({ date: '2026-03-29', hour: 3 });
  });

  it('answers each moment on its own, one right after another across an hour, a day and a clock change', () => {
    const at = (iso: string, zone = BERLIN) => localTime(Date.parse(iso), zone);
    expect(at('2026-03-29T00:59:59.999Z')).toEqual({ date: '2026-03-29', hour: 1 });
    expect(at('2026-03-29T01:00:00.000Z')).toEqual({ date: '2026-03-29', hour: 3 });
    expect(at('2026-03-09T22:59:59.999Z')).toEqual({ date: '2026-03-09', hour: 23 });
    expect(at('2026-03-09T23:00:00.000Z')).toEqual({ date: '2026-03-10', hour: 0 });
    // Kathmandu is 5:45 ahead: its hours start at a quarter past the UTC hour.
    expect(at('2026-03-10T00:14:59.999Z', 'Asia/Kathmandu')).toEqual({ date: '2026-03-10', hour: 5 });
    expect(at('2026-03-10T00:15:00.000Z', 'Asia/Kathmandu')).toEqual({ date: '2026-03-10', hour: 6 });
    expect(at('2026-03-10T00:14:00.000Z', 'Asia/Kathmandu')).toEqual({ date: '2026-03-10', hour: 5 });
  });
});
