// Small selectors over the store. Derived prices are computed by the pure pricing engine;
// a line staff comped is priced by compLine (0, in no tax row).
import { describeLine } from '../../common/menu/describe';
import type { Menu, ServiceMode, StoreConfig } from '../../common/menu/schema';
import { compLine, priceLine, totalPricedLines, type PricedLine, type PricedOrder } from '../../common/menu/pricing';
import type { OrderLine } from '../../common/order/order';
import type { CartLine, KioskState, NewOrder } from './types';

export const selectCartCount = (state: KioskState) => state.lines.reduce((sum, line) => sum + line.selection.quantity, 0);

/** What the line costs the customer: its menu price, or nothing when staff comped it. */
export const priceCartLine = (menu: Menu, line: CartLine): PricedLine => {
  const priced = priceLine(menu, line.selection);
  return line.comp ? compLine(priced) : priced;
};

/** The cart's lines, total and tax rows (comped lines count 0 and are in no tax row). */
export const priceCart = (menu: Menu, tax: StoreConfig['tax'], mode: ServiceMode, lines: CartLine[], labelLocale: string): PricedOrder =>
  totalPricedLines(tax, mode, lines.map((line) => priceCartLine(menu, line)), labelLocale);

/** Sum of the line totals (tax is included in menu prices). */
export const cartTotal = (menu: Menu, lines: CartLine[]): number => lines.reduce((sum, line) => sum + priceCartLine(menu, line).total, 0);

/** A cart line as it goes into the order document: described, priced, and with its comp (and what it would have cost). */
const orderLineOf = (menu: Menu, line: CartLine, locale: string): OrderLine => {
  const listed = priceLine(menu, line.selection);
  const price = line.comp ? compLine(listed) : listed;
  const { title, details } = describeLine(menu, line.selection, locale);
  return {
    lineId: line.lineId,
    selection: line.selection,
    title,
    details,
    unitPrice: price.unitPrice,
    total: price.total,
    calories: price.calories,
    ...(line.comp ? { comp: { ...line.comp, waivedTotal: listed.total } } : {}),
  };
};

/** The cart as a new order (priced now; the data layer numbers it). */
export const orderFromCart = (state: KioskState, orderId: string): NewOrder | null => {
  const { menu, store, serviceMode, lines, locale } = state;
  if (!menu || !store || !serviceMode || lines.length === 0) return null;
  const priced = priceCart(menu, store.tax, serviceMode, lines, locale);
  return {
    orderId,
    storeId: store.storeId,
    kioskId: store.kioskId,
    menuVersion: menu.version,
    locale,
    serviceMode,
    currency: store.currency,
    lines: lines.map((line) => orderLineOf(menu, line, locale)),
    taxes: priced.taxes,
    total: priced.total,
  };
};
