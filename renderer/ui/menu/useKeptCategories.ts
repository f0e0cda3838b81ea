// The categories whose items stay rendered and laid out beside the one shown, hidden: opening one
// of them only shows it (a style change and a paint), instead of building and laying out its cards
// in the tap's next frame. They are built a few cards per idle moment after the menu is shown, so
// no piece of that work is a long task or lands on a tap. Whatever changes every card (the menu,
// the language, the customer's filter, the text size) drops the hidden ones; they are built again.
import { startTransition, useEffect, useState } from 'react';
import type { Menu } from '../../../common/menu/schema';
import { useKiosk } from '../../state/StoreProvider';
import { onIdle } from '../../state/when-idle';

type Category = Menu['categories'][number];

/** Cards built per idle moment: about 15 ms of work at 4× CPU, layout and paint included. */
const CARDS_PER_STEP = 3;
/** Cards built ahead for a hidden category: a screenful and a row (a long category is windowed anyway). */
const CARDS_AHEAD = 12;
/**
 * Cards built ahead in all: every category of a menu the size of the sample's, the next few of
 * a long list of categories (on the 1,000-item menu, building all 19 spread its work over the first
 * nine orders' taps, a long task every few). Categories once shown stay built.
 */
const CARDS_AHEAD_IN_ALL = 48;

export interface KeptCategory {
  category: Category;
  /** How many of its first cards are built; undefined: all (the one shown). */
  built: number | undefined;
}

/** What every card depends on: when it changes, the hidden categories are dropped. */
function useCardsKey(menu: Menu | null): unknown[] {
  return [menu, useKiosk((state) => state.locale), useKiosk((state) => state.a11y.dietaryFilter), useKiosk((state) => state.a11y.filterMode), useKiosk((state) => state.largeText), useKiosk((state) => state.a11y.textScale)];
}

const sameKey = (a: unknown[], b: unknown[]) => a.length === b.length && a.every((value, index) => Object.is(value, b[index]));
const wanted = (category: Category) => Math.min(category.entryIds.length, CARDS_AHEAD);

/** The category to build a few more cards of, while the budget lasts: those after the one shown in the menu's list first, then those before it, nearest first. */
function nextToBuild(menu: Menu | null, shown: Category | undefined, built: ReadonlyMap<string, number>): Category | undefined {
  if (!menu) return undefined;
  let ahead = 0;
  for (const count of built.values()) if (count !== Number.POSITIVE_INFINITY) ahead += count;
  if (ahead >= CARDS_AHEAD_IN_ALL) return undefined;
  const from = Math.max(0, menu.categories.findIndex((category) => category.id === shown?.id));
  const byDistance = menu.categories.map((category, index) => ({ category, distance: index >= from ? index - from : menu.categories.length + from - index }));
  byDistance.sort((a, b) => a.distance - b.distance);
  return byDistance.find(({ category }) => category.id !== shown?.id && (built.get(category.id) ?? 0) < wanted(category))?.category;
}

/** The categories to render, in the menu's order: the shown one whole, and those being built while idle. */
export function useKeptCategories(menu: Menu | null, shown: Category | undefined): KeptCategory[] {
  const key = useCardsKey(menu);
  const [kept, setKept] = useState<{ key: unknown[]; built: ReadonlyMap<string, number> }>(() => ({ key, built: new Map() }));
  const built = sameKey(kept.key, key) ? kept.built : new Map<string, number>();
  // The one shown is whole, and stays whole when hidden again (set while rendering: React renders
  // this component again at once, before anything is committed).
  if (shown && built.get(shown.id) !== Number.POSITIVE_INFINITY) setKept({ key, built: new Map(built).set(shown.id, Number.POSITIVE_INFINITY) });
  const next = nextToBuild(menu, shown, built);
  const nextBuilt = next ? (built.get(next.id) ?? 0) : 0;

  useEffect(() => {
    if (!next) return;
    return onIdle(() =>
      startTransition(() =>
        setKept((before) => {
          const grown = new Map(sameKey(before.key, key) ? before.built : []);
          const now = grown.get(next.id) ?? 0;
          // Shown meanwhile (whole), or built already.
          if (now >= wanted(next)) return before;
          grown.set(next.id, Math.min(wanted(next), now + CARDS_PER_STEP));
          return { key, built: grown };
        }),
      ),
    );
    // `key` is compared by its values; `next` and how far it is built carry the rest.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [next, nextBuilt, ...key]);

  if (!menu) return [];
  return menu.categories.flatMap((category) => {
    const count = category.id === shown?.id ? Number.POSITIVE_INFINITY : built.get(category.id);
    return count === undefined ? [] : [{ category, built: count === Number.POSITIVE_INFINITY ? undefined : count }];
  });
}
