// Sold out now, applied to a menu: items, meals, whole categories and options (in every
// group that offers them); what the menu file marks sold out stays so; one tap adds or
// removes one id from the retained state.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { menu as menuSchema } from '../../../common/menu/schema';
import { isOnSale } from '../../../common/menu/availability';
import { selectionProblems } from '../../../common/menu/pricing';
import { applyAvailability, isMarkedSoldOut, isSoldOutInMenu, markSoldOut } from '../../../common/store-bus/availability';
import { availabilityMessage, type AvailabilityMessage } from '../../../common/store-bus/messages';

const menu = menuSchema.parse(JSON.parse(readFileSync(join(import.meta.dirname, '../../../menu-config/sample/menu.json'), 'utf8')));
const anna = { role: 'staff' as const, name: 'anna' };
const at = new Date('2026-11-25T12:00:00.000Z');
const noon = new Date('2026-11-25T12:00:00+01:00');
const item = (applied: typeof menu, id: string) => applied.items.find((candidate) => candidate.id === id)!;
const meal = (applied: typeof menu, id: string) => applied.meals.find((candidate) => candidate.id === id)!;

describe('availability', () => {
  it('marks items, meals, whole categories and options sold out; the rest stays on sale', () => {
    const availability = availabilityMessage.parse({ soldOut: ['cola', 'big-burger-meal'], soldOutOptions: ['bacon'], soldOutCategories: ['desserts'], by: anna, at: at.toISOString() });
    const applied = applyAvailability(menu, availability);
    expect(item(applied, 'cola').availability.soldOut).toBe(true);
    expect(meal(applied, 'big-burger-meal').availability.soldOut).toBe(true);
    expect(item(applied, 'sundae').availability.soldOut).toBe(true); // in desserts
    expect(item(applied, 'fries').availability.soldOut).toBe(false);
    expect(isOnSale(applied, meal(applied, 'classic-burger-meal'), noon, 'Europe/Berlin')).toBe(true);
    applied.optionGroups.forEach((group, groupIndex) =>
      group.options.forEach((option, index) => expect(option.soldOut).toBe(option.id === 'bacon' || menu.optionGroups[groupIndex]!.options[index]!.soldOut)),
    );
    expect(applied.optionGroups.filter((group) => group.options.some((option) => option.id === 'bacon' && option.soldOut)).length).toBe(3);
    // A line that holds a sold-out option or slot choice is no longer orderable.
    expect(selectionProblems(applied, { kind: 'item', itemId: 'big-burger', quantity: 1, removedIngredientIds: [], options: { 'burger-extras': { bacon: 1 } } }).map((problem) => problem.code)).toContain('option_sold_out');
    // The menu it started from is untouched.
    expect(item(menu, 'cola').availability.soldOut).toBe(false);
  });

  it('returns the same menu when nothing is sold out', () => {
    const nothing: AvailabilityMessage = { soldOut: [], soldOutOptions: [], soldOutCategories: [], by: anna, at: at.toISOString() };
    expect(applyAvailability(menu, nothing)).toBe(menu);
    expect(applyAvailability(menu, null)).toBe(menu);
  });

  it('keeps what the menu file marks sold out, whatever the bus says', () => {
    const fromFile = { ...menu, items: menu.items.map((candidate) => (candidate.id === 'tea' ? { ...candidate, availability: { ...candidate.availability, soldOut: true } } : candidate)) };
    const applied = applyAvailability(fromFile, { soldOut: ['cola'], soldOutOptions: [], soldOutCategories: [], by: anna, at: at.toISOString() });
    expect(item(applied, 'tea').availability.soldOut).toBe(true);
  });

  it('tells what the menu file itself marks sold out (no bus message can put it back)', () => {
    expect(isSoldOutInMenu(menu, 'entry', 'brownie')).toBe(true); // the sample file marks it
    expect(isSoldOutInMenu(menu, 'entry', 'blueberry-muffin')).toBe(false);
    expect(isSoldOutInMenu(menu, 'option', 'bacon')).toBe(false);
    expect(isSoldOutInMenu(menu, 'category', 'desserts')).toBe(false);
    // Taking the brownie off the bus list leaves it sold out: the console must not offer that tap.
    const back = markSoldOut(markSoldOut(null, 'entry', 'brownie', true, anna, at), 'entry', 'brownie', false, anna, at);
    expect(item(applyAvailability(menu, back), 'brownie').availability.soldOut).toBe(true);
    const noBacon = { ...menu, optionGroups: menu.optionGroups.map((group) => ({ ...group, options: group.options.map((option) => (option.id === 'bacon' ? { ...option, soldOut: true } : option)) })) };
    expect(isSoldOutInMenu(noBacon, 'option', 'bacon')).toBe(true);
  });

  it('one tap adds or removes one id and signs the new state', () => {
    const first = markSoldOut(null, 'entry', 'cola', true, anna, at);
    expect(first).toEqual({ soldOut: ['cola'], soldOutOptions: [], soldOutCategories: [], by: anna, at: at.toISOString() });
    const second = markSoldOut(first, 'option', 'bacon', true, { role: 'operator', name: 'olaf' }, at);
    expect(isMarkedSoldOut(second, 'option', 'bacon')).toBe(true);
    expect(isMarkedSoldOut(second, 'entry', 'cola')).toBe(true);
    const back = markSoldOut(second, 'entry', 'cola', false, anna, at);
    expect(back.soldOut).toEqual([]);
    expect(back.soldOutOptions).toEqual(['bacon']);
    expect(markSoldOut(back, 'option', 'bacon', true, anna, at).soldOutOptions).toEqual(['bacon']); // no duplicates
    expect(availabilityMessage.safeParse(back).success).toBe(true);
  });

  it('accepts the message without the option and category lists (older senders, the back office)', () => {
    expect(availabilityMessage.parse({ soldOut: ['cola'], by: anna, at: at.toISOString() })).toMatchObject({ soldOutOptions: [], soldOutCategories: [] });
  });
});
