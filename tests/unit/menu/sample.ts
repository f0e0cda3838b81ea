// The sample menu and store config as the kiosk loads them, plus small helpers for building lines.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { menu as menuSchema, storeConfig, type Menu, type StoreConfig } from '../../../common/menu/schema';
import { defaultSelection } from '../../../common/menu/pricing';
import type { ItemLineSelection, MealLineSelection } from '../../../common/menu/selection';

export const SAMPLE_DIR = resolve(import.meta.dirname, '../../../menu-config/sample');
export const SAMPLE_MENU_FILE = resolve(SAMPLE_DIR, 'menu.json');
export const SAMPLE_STORE_FILE = resolve(SAMPLE_DIR, 'store.json');

export const sampleMenuJson = (): Record<string, unknown> => JSON.parse(readFileSync(SAMPLE_MENU_FILE, 'utf8'));
export const sampleStoreJson = (): Record<string, unknown> => JSON.parse(readFileSync(SAMPLE_STORE_FILE, 'utf8'));
export const sampleMenu: Menu = menuSchema.parse(sampleMenuJson());
export const sampleStore: StoreConfig = storeConfig.parse(sampleStoreJson());

export function itemLine(itemId: string, changes: Partial<Omit<ItemLineSelection, 'kind' | 'itemId'>> = {}, menu: Menu = sampleMenu): ItemLineSelection {
  const line = defaultSelection(menu, { kind: 'item', itemId });
  if (line.kind !== 'item') throw new Error('expected an item line');
  return { ...line, ...changes };
}

export function mealLine(mealId: string, changes: Partial<Omit<MealLineSelection, 'kind' | 'mealId'>> = {}, menu: Menu = sampleMenu): MealLineSelection {
  const line = defaultSelection(menu, { kind: 'meal', mealId });
  if (line.kind !== 'meal') throw new Error('expected a meal line');
  return { ...line, ...changes, slots: { ...line.slots, ...changes.slots } };
}

/** A slot choice with nothing removed and the given options. */
export const slotItem = (itemId: string, options: Record<string, Record<string, number>> = {}, removedIngredientIds: string[] = []) => ({
  itemId,
  removedIngredientIds,
  options,
});
