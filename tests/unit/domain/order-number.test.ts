import { describe, expect, it } from 'vitest';
import { formatOrderNumber, localDayKey, nextDailyCounter } from '../../../common/order/order-number';

describe('order number', () => {
  it('formats prefix and counter with at least three digits', () => {
    expect(formatOrderNumber('B', 42)).toBe('B-042');
    expect(formatOrderNumber('KA', 7)).toBe('KA-007');
    expect(formatOrderNumber('B', 1000)).toBe('B-1000');
  });

  it('refuses a bad prefix or counter, naming the value', () => {
    expect(() => formatOrderNumber('b', 1)).toThrow(/"b"/);
    expect(() => formatOrderNumber('B', 0)).toThrow(/0/);
  });

  it('takes the day in the kiosk time zone', () => {
    const lateEvening = new Date('2026-11-25T23:30:00Z');
    expect(localDayKey(lateEvening, 'UTC')).toBe('2026-11-25');
    expect(localDayKey(lateEvening, 'Europe/Berlin')).toBe('2026-11-26');
    expect(localDayKey(lateEvening, 'America/New_York')).toBe('2026-11-25');
  });

  it('counts up within a day and restarts on a new one', () => {
    expect(nextDailyCounter(undefined, '2026-11-25')).toBe(1);
    expect(nextDailyCounter({ day: '2026-11-25', counter: 41 }, '2026-11-25')).toBe(42);
    expect(nextDailyCounter({ day: '2026-11-24', counter: 41 }, '2026-11-25')).toBe(1);
  });
});
