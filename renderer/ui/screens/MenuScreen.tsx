import { memo, useDeferredValue } from 'react';
import type { Menu, PublicStoreConfig } from '../../../common/menu/schema';
import { useI18n } from '../../i18n/useI18n';
import { useKiosk } from '../../state/StoreProvider';
import { AllergenBadges } from '../components/AllergenBadges';
import { ScreenHeading } from '../components/ScreenHeading';
import { WindowedItemGrid } from '../components/WindowedItemGrid';
import { EntryFitNote, FilterSummary, useEntryFit, useVisibleEntryIds } from '../accessibility/DietaryFilterNotes';
import { entryRef, entryState, entrySummary, findEntry, type MenuEntry } from '../menuEntries';

export const MenuScreen = () => {
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

  return (
    <main className="screen menu-screen">
      <ScreenHeading className="visually-hidden">{t.menuTitle}</ScreenHeading>
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
                <img src={`${assetBase}/${candidate.image}`} alt="" width="56" height="56" />
                <span>{text(candidate.name)}</span>
              </button>
            </li>
          ))}
        </ul>
      </nav>
      {shownCategory ? <CategoryEntries key={shownCategory.id} menu={menu} category={shownCategory} timezone={store.timezone} assetBase={assetBase} /> : null}
    </main>
  );
};

type Category = Menu['categories'][number];

/** A category's items: rendered again only when the category (or the menu) changes, only the rows on screen. */
const CategoryEntries = memo(function CategoryEntries({ menu, category, timezone, assetBase }: { menu: Menu; category: Category; timezone: PublicStoreConfig['timezone']; assetBase: string }) {
  const { text } = useI18n();
  // The allergen and diet filter hides what cannot be made to suit (when the customer chose "hide").
  const visibleIds = useVisibleEntryIds(category.entryIds);
  return (
    <section className="entries" aria-labelledby="category-heading">
      <h2 id="category-heading">{text(category.name)}</h2>
      <FilterSummary hidden={category.entryIds.length - visibleIds.length} />
      <WindowedItemGrid
        className="entry-grid"
        items={visibleIds}
        renderItem={(id) => {
          const entry = findEntry(menu, id);
          return entry ? <EntryCard key={id} entry={entry} timezone={timezone} assetBase={assetBase} /> : null;
        }}
      />
    </section>
  );
});

// Memoised: scrolling the grid re-renders its window, and only new cards need rendering.
const EntryCard = memo(function EntryCard({ entry, timezone, assetBase }: { entry: MenuEntry; timezone: string; assetBase: string }) {
  const { t, text, money, kcal } = useI18n();
  const menu = useKiosk((state) => state.menu);
  const openCustomizer = useKiosk((state) => state.openCustomizer);
  // Computed once per menu version (menuEntries.ts), not on every render.
  const summary = menu ? entrySummary(menu, entry) : null;
  const fit = useEntryFit(entry);
  if (!menu || !summary) return null;
  // Re-checked on every render: the inactivity reset re-renders the menu at least every few minutes.
  const state = entryState(menu, entry, new Date(), timezone);
  const hasChoices = entry.kind === 'meal' || entry.entry.sizes.length > 1;
  const price = money(summary.unitPrice);
  return (
    <li className="entry">
      <button
        type="button"
        className="entry-button"
        disabled={state !== 'on_sale'}
        aria-describedby={fit ? `entry-allergens-${entry.id} entry-fit-${entry.id}` : `entry-allergens-${entry.id}`}
        onClick={() => openCustomizer(entryRef(entry))}
      >
        <img src={`${assetBase}/${entry.entry.image}`} alt="" width="160" height="120" loading="lazy" />
        <span className="entry-name">{text(entry.entry.name)}</span>
        <span className="entry-price">{hasChoices ? t.fromPrice(price) : price}</span>
        <span className="entry-kcal">{kcal(summary.calories)}</span>
        {state === 'sold_out' ? <span className="entry-unavailable">{t.soldOut}</span> : null}
        {state === 'not_now' ? (
          <span className="entry-unavailable">
            {t.notAvailableNow}{' '}
            {entry.entry.availability.scheduleIds.map((scheduleId) => {
              const schedule = menu.schedules.find((candidate) => candidate.id === scheduleId);
              return schedule ? (
                <span key={scheduleId} className="entry-schedule">
                  {t.availableDuring(text(schedule.name), schedule.from, schedule.until)}
                </span>
              ) : null;
            })}
          </span>
        ) : null}
      </button>
      <AllergenBadges allergens={summary.allergens} id={`entry-allergens-${entry.id}`} />
      <EntryFitNote verdict={fit} id={`entry-fit-${entry.id}`} />
    </li>
  );
});
