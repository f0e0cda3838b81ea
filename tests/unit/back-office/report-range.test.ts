// The reports open on the last seven days where the store is: orders are recorded under the store's
// local date, so an operator just after the store's midnight sees the day that has begun there.
import { describe, expect, it } from 'vitest';
import { lastDays } from '../../../back-office/web/views/report-range';

describe('the reports’ default dates', () => {
  it('end on the store’s today just after its midnight, while UTC is still on yesterday', () => {
    expect(lastDays(new Date('2026-12-04T23:30:00Z'), 'Europe/Berlin')).toEqual({ from: '2026-11-29', to: '2026-12-05' });
  });

  it('end on the store’s today just before its midnight, while UTC is already on tomorrow', () => {
    expect(lastDays(new Date('2026-12-05T03:30:00Z'), 'America/New_York')).toEqual({ from: '2026-11-28', to: '2026-12-04' });
  });

  it('span seven days across a month and a daylight-saving change', () => {
    expect(lastDays(new Date('2026-03-31T12:00:00Z'), 'Europe/Berlin')).toEqual({ from: '2026-03-25', to: '2026-03-31' });
    expect(lastDays(new Date('2026-03-02T12:00:00Z'), 'Europe/Berlin', 3)).toEqual({ from: '2026-02-28', to: '2026-03-02' });
  });
});
