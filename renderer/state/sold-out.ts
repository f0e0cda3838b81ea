// Which cart lines hold something sold out now (the menu on screen, with the store's
// availability applied): an item or meal, a meal's item, or an option. Pure.
import { selectionProblems, type SelectionProblemCode } from '../../common/menu/pricing';
import type { Menu } from '../../common/menu/schema';
import type { CartLine } from './types';

const SOLD_OUT: ReadonlySet<SelectionProblemCode> = new Set(['item_sold_out', 'meal_sold_out', 'option_sold_out']);

export interface SoldOutLine {
  line: CartLine;
  /** The whole item or meal is sold out (choose something else); otherwise a part of it can be changed. */
  whole: boolean;
}

export function soldOutLines(menu: Menu | null, lines: CartLine[]): SoldOutLine[] {
  if (!menu) return [];
  const found: SoldOutLine[] = [];
  for (const line of lines) {
    const problems = selectionProblems(menu, line.selection).filter((problem) => SOLD_OUT.has(problem.code));
    if (problems.length === 0) continue;
    found.push({ line, whole: problems.some((problem) => problem.code === 'meal_sold_out' || (problem.code === 'item_sold_out' && problem.slotId === undefined)) });
  }
  return found;
}
