import { memo, useDeferredValue } from 'react';
import type { Menu, PublicStoreConfig } from '../../../common/menu/schema';
import { useI18n } from '../../i18n/useI18n';
import { useKiosk } from '../../state/StoreProvider';
import { Picture } from '../components/Picture';
import { ScreenHeading } from '../components/ScreenHeading';
import { WindowedItemGrid } from '../components/WindowedItemGrid';
import { FilterSummary, useVisibleEntryIds } from '../accessibility/DietaryFilterNotes';
import { findEntry, soldOutCategories } from '../menuEntries';
import { ScreenBody } from '../layout/ActionBar';
import { OrderBar } from '../layout/OrderBar';
import { EntryCard } from '../menu/EntryCard';

/** `behind`: another screen (the customiser, the review) is shown over it; it stays laid out, hidden and inert. */
export const MenuScreen = ({ behind = false }: { behind?: boolean }) => {
  const { t, text } = useI18n();
  const menu = useKiosk((state) => state.menu);
  const store = useKiosk((state) => state.store);
  const assetBase = useKiosk((state) => state.assetBase);
  const activeCategoryId = useKiosk((state) => state.activeCategoryId);
  const selectCategory = useKiosk((state) => state.selectCategory);
  // The tapped category button shows as current at once; its items follow in a transition, so the tap paints first.
  const shownCategoryId = useDeferredValue(activeCategoryId);
  const category = menu?.categories.find((candidate) => candidate.id === activeCategoryId) ?? menu?.categories[0];
  const shownCategory = menu?.categories.find((candidate) => candidate.id === shownCategoryId) ?? menu?.categories[0];
  if (!menu || !store) return null;
  // Still a tab: the customer sees what there is; the tab says so before the tap.
  const soldOut = soldOutCategories(menu);

  return (
    <main className={behind ? 'screen menu-screen with-bar behind' : 'screen menu-screen with-bar'} inert={behind}>
      <ScreenBody className="menu-body">
        <ScreenHeading className="visually-hidden" shown={!behind}>
          {t.menuTitle}
        </ScreenHeading>
        <nav className="categories" aria-label={t.categoriesLabel}>
          <ul>
            {menu.categories.map((candidate) => (
              <li key={candidate.id}>
                <button
                  type="button"
                  className="category-button"
                  aria-current={candidate.id === category?.id ? 'true' : undefined}
                  onClick={() => selectCategory(candidate.id)}
                >
                  <Picture src={`${assetBase}/${candidate.image}`} className="category-picture" />
                  <span>{text(candidate.name)}</span>
                  {soldOut.has(candidate.id) ? <span className="category-sold-out">{t.soldOut}</span> : null}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        {/* Keyed too: what scrolls is new with each category, so it starts at the top without a scroll (which would force layout). */}
        <section key={shownCategory?.id} className="entries" aria-labelledby="category-heading">
          {shownCategory ? <CategoryEntries menu={menu} category={shownCategory} timezone={store.timezone} assetBase={assetBase} /> : null}
        </section>
      </ScreenBody>
      <OrderBar />
    </main>
  );
};

type Category = Menu['categories'][number];

// Memoised: scrolling the grid re-renders its window, and only new cards need rendering.
const CardOfEntry = memo(EntryCard);

/** A category's items: rendered again only when the category (or the menu) changes, only the rows on screen. */
const CategoryEntries = memo(function CategoryEntries({ menu, category, timezone, assetBase }: { menu: Menu; category: Category; timezone: PublicStoreConfig['timezone']; assetBase: string }) {
  const { text } = useI18n();
  // The allergen and diet filter hides what cannot be made to suit (when the customer chose "hide").
  const visibleIds = useVisibleEntryIds(category.entryIds);
  return (
    <>
      <h2 id="category-heading">{text(category.name)}</h2>
      <FilterSummary hidden={category.entryIds.length - visibleIds.length} />
      <WindowedItemGrid
        className="entry-grid"
        items={visibleIds}
        renderItem={(id) => {
          const entry = findEntry(menu, id);
          return entry ? <CardOfEntry key={id} menu={menu} entry={entry} timezone={timezone} assetBase={assetBase} /> : null;
        }}
      />
    </>
  );
});

