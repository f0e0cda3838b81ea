// Small selectors over the store. Derived prices are computed by the pure pricing engine.
import type { Menu } from '../../menu-config/src/schema';
import { priceLine } from '../../menu-config/src/pricing';
import type { CartLine, KioskState } from './types';

export const selectScreen = (state: KioskState) => state.screen;
export const selectLocale = (state: KioskState) => state.locale;
export const selectLines = (state: KioskState) => state.lines;
export const selectMenu = (state: KioskState) => state.menu;
export const selectStoreConfig = (state: KioskState) => state.store;
export const selectCartCount = (state: KioskState) => state.lines.reduce((sum, line) => sum + line.selection.quantity, 0);

/** Sum of the line totals (tax is included in menu prices). */
export const cartTotal = (menu: Menu, lines: CartLine[]): number =>
  lines.reduce((sum, line) => sum + priceLine(menu, line.selection).total, 0);
