// @vitest-environment jsdom
// The customiser as rows: every group says its current choice in words, one group is open in
// place (the first whose rule is not met, else the meal's main item or the item's first group),
// closed groups render no inputs, and a row whose rule is not met says so.
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { menu as menuSchema, type Menu } from '../../../common/menu/schema';
import { StoreProvider } from '../../../renderer/state/StoreProvider';
import type { KioskStore } from '../../../renderer/state/store';
import { CustomizerScreen } from '../../../renderer/ui/screens/CustomizerScreen';
import { kioskStoreOn, testMenu } from './fixtures';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
// jsdom lays nothing out; the customiser scrolls an opened row into view.
Element.prototype.scrollIntoView ??= function () {};

let container: HTMLElement;
let root: Root;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

async function customise(entry: { kind: 'item'; itemId: string } | { kind: 'meal'; mealId: string }, menu: Menu = testMenu): Promise<KioskStore> {
  const store = kioskStoreOn(menu);
  await act(() => store.getState().loadStartup());
  act(() => {
    store.getState().start();
    store.getState().chooseServiceMode('eat_in');
    store.getState().openCustomizer(entry);
  });
  act(() =>
    root.render(
      <StoreProvider store={store}>
        <CustomizerScreen />
      </StoreProvider>,
    ),
  );
  return store;
}

const collapse = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();
const rows = () => [...container.querySelectorAll<HTMLButtonElement>('button[aria-expanded]')];
/** Each row as its text ("Drink: Cola (Medium)"), the "Choose here" of a row with a problem included. */
const rowTexts = () => rows().map((row) => collapse(row.textContent));
const openRows = () => rows().filter((row) => row.getAttribute('aria-expanded') === 'true');
const row = (name: string) => {
  const found = rows().find((candidate) => collapse(candidate.textContent).startsWith(`${name}:`));
  if (!found) throw new Error(`no row "${name}" in ${JSON.stringify(rowTexts())}`);
  return found;
};
const tap = (element: Element) => act(() => (element as HTMLElement).click());
const input = (label: string) => [...container.querySelectorAll('label')].find((candidate) => collapse(candidate.textContent).startsWith(label))?.querySelector('input');

describe('customiser rows', () => {
  it('a meal: every group in one row with its choice; the main item open on arrival, the others without inputs', async () => {
    await customise({ kind: 'meal', mealId: 'burger-meal' });
    expect(rowTexts()).toEqual(['Meal size: Medium', 'Burger: Burger', 'Side: Fries (Medium)', 'Drink: Cola (Medium)']);
    expect(openRows()).toEqual([row('Burger')]);
    // The row controls its panel, which holds the main item's options ("no onions" is one tap).
    const panel = document.getElementById(row('Burger').getAttribute('aria-controls')!);
    expect(panel?.querySelector('[role="group"]')?.getAttribute('aria-label')).toBe('Options for Burger');
    expect(input('Onions')).toBeTruthy();
    // Closed groups render none of their inputs.
    expect(container.querySelectorAll('input[name="meal-size"], input[name="slot-drink"]')).toHaveLength(0);
    expect(document.getElementById(row('Drink').getAttribute('aria-controls')!)?.hidden).toBe(true);
  });

  it('opening a group closes the other, tapping it again closes it; the choice made shows on its row', async () => {
    await customise({ kind: 'meal', mealId: 'burger-meal' });
    tap(input('Onions')!);
    expect(rowTexts()[1]).toBe('Burger: Burger, no onions');

    tap(row('Drink'));
    expect(openRows()).toEqual([row('Drink')]);
    expect(input('Onions')).toBeUndefined();
    tap(input('Water')!);
    expect(rowTexts()[3]).toBe('Drink: Water (Medium)');
    tap(input('Cola')!);
    tap(input('No ice')!);
    tap(row('Drink'));
    expect(openRows()).toEqual([]);
    expect(rowTexts()).toEqual(['Meal size: Medium', 'Burger: Burger, no onions', 'Side: Fries (Medium)', 'Drink: Cola (Medium), no ice']);

    tap(row('Meal size'));
    tap(input('Large')!);
    expect(rowTexts()).toEqual(['Meal size: Large', 'Burger: Burger, no onions', 'Side: Fries (Large)', 'Drink: Cola (Large), no ice']);
  });

  it('an item: its first group open; ingredients, extras and sauces in words', async () => {
    await customise({ kind: 'item', itemId: 'burger' });
    expect(rowTexts()).toEqual(['Ingredients: Everything on it', 'Extras: None', 'Sauces: None']);
    expect(openRows()).toEqual([row('Ingredients')]);
    tap(input('Onions')!);
    tap(input('Pickles')!);
    expect(rowTexts()[0]).toBe('Ingredients: No onions, no pickles');

    tap(row('Extras'));
    expect(openRows()).toEqual([row('Extras')]);
    tap(container.querySelector('button[aria-label="More Cheese"]')!);
    tap(container.querySelector('button[aria-label="More Cheese"]')!);
    tap(input('Bacon')!);
    expect(rowTexts()[1]).toBe('Extras: 2× Cheese, Bacon');
  });

  it('opens the first group whose rule is not met, and shows its problem on the row; the reason opens it', async () => {
    const saucesRequired = menuSchema.parse({ ...testMenu, optionGroups: testMenu.optionGroups.map((group) => (group.id === 'sauces' ? { ...group, min: 2 } : group)) });
    await customise({ kind: 'item', itemId: 'burger' }, saucesRequired);
    expect(openRows()).toEqual([row('Sauces')]);
    expect(rowTexts()[2]).toBe('Sauces: none yet — choose 2 Choose here');
    expect(row('Sauces').closest('.customizer-row')?.classList.contains('has-problem')).toBe(true);
    expect(row('Extras').closest('.customizer-row')?.classList.contains('has-problem')).toBe(false);
    const add = [...container.querySelectorAll('button')].find((button) => button.textContent === 'Add to order')!;
    expect(add.disabled).toBe(true);

    tap(row('Ingredients'));
    const reason = [...container.querySelectorAll('#customizer-problems button')].find((button) => button.textContent === 'Sauces: choose at least 2.');
    tap(reason!);
    expect(openRows()).toEqual([row('Sauces')]);
    expect(document.activeElement).toBe(row('Sauces'));

    tap(input('Ketchup')!);
    expect(rowTexts()[2]).toBe('Sauces: Ketchup — choose 1 more Choose here');
    tap(input('Mayo')!);
    expect(rowTexts()[2]).toBe('Sauces: Ketchup, Mayo');
    expect(add.disabled).toBe(false);
  });

  it('says the rows in German too', async () => {
    const store = await customise({ kind: 'meal', mealId: 'burger-meal' });
    act(() => store.getState().setLocale('de'));
    expect(rowTexts()).toEqual(['Menügröße: Mittel', 'Burger: Burger', 'Beilage: Pommes (Mittel)', 'Getränk: Cola (Mittel)']);
    tap(input('Zwiebeln')!);
    expect(rowTexts()[1]).toBe('Burger: Burger, ohne Zwiebeln');
  });
});
