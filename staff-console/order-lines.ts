// An order's lines as the kitchen and the counter read them: described from the menu the
// kiosk serves in the store's language (with every change: sizes, sides, "No onions",
// "+ Bacon"), not in the language the customer ordered in. Pure.
import { describeLine } from '../common/menu/describe';
import type { OrderMessage } from '../common/store-bus/messages';
import type { ConsoleLine } from './components/LinesList';
import type { ServedMenu } from './console-state';

export function orderLinesForStaff(order: OrderMessage, served: ServedMenu | null): ConsoleLine[] {
  return order.lines.map((line) => {
    // Without a menu the order's own words are all there is (the customer's language).
    const described = served ? describeLine(served.menu, line.selection, served.locale) : { title: line.title, details: line.details };
    return { title: described.title, details: described.details, quantity: line.selection.quantity, total: line.total, ...(line.comp ? { comp: line.comp } : {}) };
  });
}
