// What changed between two menus, in words an operator reads at a glance:
// "Big Burger Meal: €10.49 → €10.99; new item Spicy Wrap". Pure: the server stores it
// with each published version and the editor shows it before publishing.
import type { LocalizedText, Menu } from '../../common/menu/schema';

type Named = { id: string; name: LocalizedText };

export function diffMenus(before: Menu | null, after: Menu): string[] {
  if (!before) return ['first version'];
  const locale = after.defaultLocale;
  const name = (entry: Named) => entry.name[locale] ?? Object.values(entry.name)[0] ?? entry.id;
  const money = (minor: number) => new Intl.NumberFormat('en', { style: 'currency', currency: after.currency }).format(minor / 100);
  const delta = (minor: number) => (minor >= 0 ? `+${money(minor)}` : `−${money(-minor)}`);
  const changes: string[] = [];
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

  /** New, removed and changed entries of one list, by id. */
  const compare = <T extends Named>(what: string, from: T[], to: T[], details: (a: T, b: T) => string[]) => {
    const old = new Map(from.map((entry) => [entry.id, entry]));
    const next = new Map(to.map((entry) => [entry.id, entry]));
    for (const entry of to) {
      const previous = old.get(entry.id);
      if (!previous) changes.push(`new ${what} ${name(entry)}`);
      else if (!same(previous, entry)) {
        const said = details(previous, entry);
        changes.push(`${name(entry)}: ${said.length > 0 ? said.join(', ') : 'changed'}`);
      }
    }
    for (const entry of from) if (!next.has(entry.id)) changes.push(`removed ${what} ${name(entry)}`);
  };

  const renamed = (a: Named, b: Named) => (same(a.name, b.name) ? [] : [`renamed from "${name(a)}"`]);
  const listChange = (label: string, a: unknown[], b: unknown[]) => (same(a, b) ? [] : [`${label} changed`]);

  compare('item', before.items, after.items, (a, b) => [
    ...renamed(a, b),
    ...(a.price !== b.price ? [`${money(a.price)} → ${money(b.price)}`] : []),
    ...(same(a.description, b.description) ? [] : ['description changed']),
    ...(a.taxClass !== b.taxClass ? [`tax class ${a.taxClass} → ${b.taxClass}`] : []),
    ...(a.calories !== b.calories ? [`${a.calories} → ${b.calories} kcal`] : []),
    ...(a.image !== b.image ? ['new image'] : []),
    ...listChange('allergens', a.allergens, b.allergens),
    ...listChange('sizes', a.sizes, b.sizes),
    ...listChange('ingredients', a.ingredients, b.ingredients),
    ...listChange('option groups', a.optionGroupIds, b.optionGroupIds),
    ...(same(a.availability, b.availability) ? [] : ['availability changed']),
    ...(a.mealOnly !== b.mealOnly ? [b.mealOnly ? 'now only in meals' : 'now sold on its own'] : []),
  ]);
  compare('meal', before.meals, after.meals, (a, b) => [
    ...renamed(a, b),
    ...(a.price !== b.price ? [`${money(a.price)} → ${money(b.price)}`] : []),
    ...(same(a.description, b.description) ? [] : ['description changed']),
    ...(a.image !== b.image ? ['new image'] : []),
    ...listChange('sizes', a.sizes, b.sizes),
    ...listChange('slots', a.slots, b.slots),
    ...(same(a.availability, b.availability) ? [] : ['availability changed']),
  ]);
  compare('option group', before.optionGroups, after.optionGroups, (a, b) => {
    const said = [...renamed(a, b)];
    if (a.min !== b.min || a.max !== b.max) said.push(`choose ${a.min}–${a.max} → ${b.min}–${b.max}`);
    if (a.freeQuantity !== b.freeQuantity) said.push(`${a.freeQuantity} → ${b.freeQuantity} free`);
    const old = new Map(a.options.map((option) => [option.id, option]));
    for (const option of b.options) {
      const previous = old.get(option.id);
      if (!previous) said.push(`new option ${name(option)}${option.priceDelta ? ` (${delta(option.priceDelta)})` : ''}`);
      else if (previous.priceDelta !== option.priceDelta) said.push(`${name(option)} ${delta(previous.priceDelta)} → ${delta(option.priceDelta)}`);
      else if (!same(previous, option)) said.push(`${name(option)} changed`);
    }
    for (const option of a.options) if (!b.options.some((candidate) => candidate.id === option.id)) said.push(`removed option ${name(option)}`);
    return said;
  });
  compare('category', before.categories, after.categories, (a, b) => {
    const said = [...renamed(a, b)];
    const added = b.entryIds.filter((id) => !a.entryIds.includes(id));
    const removed = a.entryIds.filter((id) => !b.entryIds.includes(id));
    if (added.length > 0) said.push(`added ${added.join(', ')}`);
    if (removed.length > 0) said.push(`took out ${removed.join(', ')}`);
    if (added.length === 0 && removed.length === 0 && !same(a.entryIds, b.entryIds)) said.push('new order');
    if (a.image !== b.image) said.push('new image');
    return said;
  });
  if (!same(before.categories.map((category) => category.id), after.categories.map((category) => category.id)) && before.categories.length === after.categories.length) {
    const sameSet = before.categories.every((category) => after.categories.some((candidate) => candidate.id === category.id));
    if (sameSet) changes.push('categories in a new order');
  }
  compare('schedule', before.schedules, after.schedules, (a, b) => [
    ...renamed(a, b),
    ...(a.from !== b.from || a.until !== b.until ? [`${a.from}–${a.until} → ${b.from}–${b.until}`] : []),
    ...(same(a.days, b.days) ? [] : ['days changed']),
  ]);
  if (!same(before.locales, after.locales)) changes.push(`languages ${before.locales.join(', ')} → ${after.locales.join(', ')}`);
  if (before.currency !== after.currency) changes.push(`currency ${before.currency} → ${after.currency}`);
  return changes;
}

/** One line for a version list: "Big Burger Meal: €10.49 → €10.99; new item Spicy Wrap". */
export const summarize = (changes: string[]): string => (changes.length === 0 ? 'no changes' : changes.join('; '));
