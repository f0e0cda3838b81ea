// One category's items in the menu: its heading, the filter's note and its grid of cards, in a
// section of its own. The menu keeps the sections of other categories laid out beside the one
// shown (useKeptCategories), hidden and out of reach ("stowed", then "parked"), so opening one of
// them is a repaint.
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Menu, PublicStoreConfig } from '../../../common/menu/schema';
import { useI18n } from '../../i18n/useI18n';
import { useKiosk } from '../../state/StoreProvider';
import { onIdle } from '../../state/when-idle';
import { FilterSummary, useVisibleEntryIds } from '../accessibility/DietaryFilterNotes';
import { WindowedItemGrid } from '../components/WindowedItemGrid';
import { findEntry } from '../menuEntries';
import { EntryCard } from './EntryCard';

type Category = Menu['categories'][number];

interface CategoryEntriesProps {
  menu: Menu;
  category: Category;
  /** Only its first so many cards are built (a hidden category, built while idle); undefined: all. */
  built: number | undefined;
  timezone: PublicStoreConfig['timezone'];
  assetBase: string;
}

export const CategorySection = ({ shown, ...entries }: CategoryEntriesProps & { shown: boolean }) => {
  const section = useRef<HTMLElement>(null);
  // Parked (content-visibility: hidden), style, layout and paint skip its cards, which keep their
  // layout: hiding or showing it touches the section alone, not each of its elements (as hiding
  // with visibility, or making it inert, would: a restyle of every card at each category tap).
  // A category built while hidden is only hidden at first (visibility), so its new cards get laid
  // out, and parked once the page has been idle; one shown before (built whole) is laid out and
  // parked at once.
  const [parkedWith, setParkedWith] = useState<number | undefined | null>(null);
  // Whether the customer scrolled it away from its top, read as they scroll: a parked one's offset
  // cannot be read (parking it, and letting it out, fire scroll events of their own).
  const scrolledAway = useRef(false);
  const { built } = entries;
  // Shown, it is unparked; hidden, parked once the page is idle.
  if (shown && parkedWith !== null) setParkedWith(null);
  useEffect(() => {
    if (shown || parkedWith === built) return;
    return onIdle(() => setParkedWith(built));
  }, [shown, built, parkedWith]);
  // Opened again, it opens at its top. Set as it is shown, before it is painted: a parked one's
  // offset cannot be set, and the browser gives it back the offset it had when it was parked.
  // Only when it was scrolled: setting the offset lays out the page there and then.
  useLayoutEffect(() => {
    const element = section.current;
    if (!shown || !element || !scrolledAway.current) return;
    scrolledAway.current = false;
    element.scrollTop = 0;
  }, [shown]);
  const parked = !shown && (built === undefined || parkedWith === built);
  return (
    <section
      ref={section}
      className={shown ? 'entries' : parked ? 'entries stowed parked' : 'entries stowed'}
      aria-hidden={shown ? undefined : true}
      aria-labelledby={`category-heading-${entries.category.id}`}
      onScroll={(event) => {
        if (shown) scrolledAway.current = event.currentTarget.scrollTop > 0;
      }}
    >
      <CategoryEntries {...entries} />
    </section>
  );
};

// Memoised: scrolling the grid re-renders its window, and only new cards need rendering.
const CardOfEntry = memo(EntryCard);

/** A category's items: rendered again only when the category (or the menu) changes, only the rows on screen. */
const CategoryEntries = memo(function CategoryEntries({ menu, category, built, timezone, assetBase }: CategoryEntriesProps) {
  const { text } = useI18n();
  // The customer's allergen and diet filter, read here once for the section and all its cards
  // (EntryCard says why): it hides what cannot be made to suit, when the customer chose "hide".
  const filter = useKiosk((state) => state.a11y.dietaryFilter);
  const visibleIds = useVisibleEntryIds(menu, category.entryIds, filter);
  const builtIds = useMemo(() => (built === undefined ? visibleIds : visibleIds.slice(0, built)), [visibleIds, built]);
  return (
    <>
      <h2 id={`category-heading-${category.id}`}>{text(category.name)}</h2>
      <FilterSummary hidden={category.entryIds.length - visibleIds.length} />
      <WindowedItemGrid
        className="entry-grid"
        items={builtIds}
        wholeLength={visibleIds.length}
        renderItem={(id) => {
          const entry = findEntry(menu, id);
          return entry ? <CardOfEntry key={id} menu={menu} entry={entry} filter={filter} timezone={timezone} assetBase={assetBase} idScope={category.id} /> : null;
        }}
      />
    </>
  );
});
