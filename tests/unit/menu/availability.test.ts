import { describe, expect, it } from 'vitest';
import { isOnSale, isScheduleOpen, localDayAndMinutes } from '../../../common/menu/availability';
import type { Schedule } from '../../../common/menu/schema';
import { sampleMenu } from './sample';

const BERLIN = 'Europe/Berlin';
const item = (id: string) => sampleMenu.items.find((candidate) => candidate.id === id)!;
const meal = (id: string) => sampleMenu.meals.find((candidate) => candidate.id === id)!;

describe('isOnSale', () => {
  it('sells breakfast from 06:00 until 10:30 Berlin time, in winter and in summer', () => {
    // 2026-11-25 is a Wednesday; Berlin is UTC+1 in November and UTC+2 in July.
    const at = (utc: string) => isOnSale(sampleMenu, item('pancakes'), new Date(utc), BERLIN);
    expect(at('2026-11-25T04:59:00Z')).toBe(false);
    expect(at('2026-11-25T05:00:00Z')).toBe(true);
    expect(at('2026-11-25T09:29:00Z')).toBe(true);
    expect(at('2026-11-25T09:30:00Z')).toBe(false);
    expect(at('2026-07-01T04:00:00Z')).toBe(true);
    expect(at('2026-07-01T08:45:00Z')).toBe(false);
    expect(isOnSale(sampleMenu, meal('breakfast-meal'), new Date('2026-11-25T07:00:00Z'), BERLIN)).toBe(true);
    expect(isOnSale(sampleMenu, meal('breakfast-meal'), new Date('2026-11-25T12:00:00Z'), BERLIN)).toBe(false);
  });

  it('uses the store’s time zone, not the machine’s', () => {
    expect(isOnSale(sampleMenu, item('pancakes'), new Date('2026-11-25T07:00:00Z'), 'America/New_York')).toBe(false);
    expect(isOnSale(sampleMenu, item('pancakes'), new Date('2026-11-25T12:00:00Z'), 'America/New_York')).toBe(true);
  });

  it('never sells a sold-out item; items without schedules sell all day', () => {
    expect(isOnSale(sampleMenu, item('brownie'), new Date('2026-11-25T12:00:00Z'), BERLIN)).toBe(false);
    expect(isOnSale(sampleMenu, item('fries'), new Date('2026-11-25T23:59:00Z'), BERLIN)).toBe(true);
  });

  it('does not sell a meal when a slot has nothing left to choose', () => {
    const menu = structuredClone(sampleMenu);
    menu.items.find((candidate) => candidate.id === 'hash-brown')!.availability.soldOut = true;
    expect(isOnSale(menu, menu.meals.find((candidate) => candidate.id === 'breakfast-meal')!, new Date('2026-11-25T07:00:00Z'), BERLIN)).toBe(false);
    menu.items.find((candidate) => candidate.id === 'fries')!.availability.soldOut = true;
    expect(isOnSale(menu, menu.meals.find((candidate) => candidate.id === 'classic-burger-meal')!, new Date('2026-11-25T12:00:00Z'), BERLIN)).toBe(true);
  });
});

describe('isScheduleOpen', () => {
  const lateFriday: Schedule = { id: 'late', name: { en: 'Late night' }, days: [5], from: '22:00', until: '02:00' };
  it('runs a schedule past midnight into the next day', () => {
    expect(isScheduleOpen(lateFriday, new Date('2026-11-27T21:30:00Z'), BERLIN)).toBe(true); // Fri 22:30
    expect(isScheduleOpen(lateFriday, new Date('2026-11-28T00:30:00Z'), BERLIN)).toBe(true); // Sat 01:30
    expect(isScheduleOpen(lateFriday, new Date('2026-11-28T01:00:00Z'), BERLIN)).toBe(false); // Sat 02:00
    expect(isScheduleOpen(lateFriday, new Date('2026-11-27T00:30:00Z'), BERLIN)).toBe(false); // Fri 01:30 belongs to Thursday
    expect(isScheduleOpen(lateFriday, new Date('2026-11-28T21:30:00Z'), BERLIN)).toBe(false); // Sat 22:30
  });

  it('reads weekday and time on the store’s wall clock', () => {
    expect(localDayAndMinutes(new Date('2026-11-29T23:30:00Z'), BERLIN)).toEqual({ day: 1, minutes: 30 }); // Monday 00:30
    expect(localDayAndMinutes(new Date('2026-11-29T23:30:00Z'), 'UTC')).toEqual({ day: 7, minutes: 23 * 60 + 30 });
  });
});
