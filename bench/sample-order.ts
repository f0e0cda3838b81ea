// A typical order as the kiosk builds it from the sample menu: a meal as it comes and a drink,
// priced and described. Pure (no I/O), so the data bench page and the Node side share it.
import { describeLine } from '../common/menu/describe';
import { defaultSelection, priceLine, priceOrder } from '../common/menu/pricing';
import type { Menu, StoreConfig } from '../common/menu/schema';
import { validateMenu, validateStoreConfig } from '../common/menu/validate';
import type { NewOrder } from '../renderer/data';
import sampleMenu from '../menu-config/sample/menu.json';
import sampleStore from '../menu-config/sample/store.json';

const checkedMenu = validateMenu(sampleMenu);
const checkedStore = validateStoreConfig(sampleStore);
if (!checkedMenu.ok || !checkedStore.ok) throw new Error('the sample menu or store config does not validate');
export const menu: Menu = checkedMenu.menu;
export const store: StoreConfig = checkedStore.store;

export function sampleNewOrder(newId: () => string): NewOrder {
  const selections = [defaultSelection(menu, { kind: 'meal', mealId: 'big-burger-meal' }), defaultSelection(menu, { kind: 'item', itemId: 'cola' })];
  const priced = priceOrder(menu, store.tax, 'eat_in', selections, 'en');
  return {
    orderId: newId(),
    storeId: store.storeId,
    kioskId: store.kioskId,
    menuVersion: menu.version,
    locale: 'en',
    serviceMode: 'eat_in',
    currency: store.currency,
    lines: selections.map((selection) => {
      const price = priceLine(menu, selection);
      const { title, details } = describeLine(menu, selection, 'en');
      return { lineId: newId(), selection, title, details, unitPrice: price.unitPrice, total: price.total, calories: price.calories };
    }),
    taxes: priced.taxes,
    total: priced.total,
  };
}
