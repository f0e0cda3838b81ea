import { useMemo } from 'react';
import { useI18n } from '../../i18n/useI18n';
import { useKiosk } from '../../state/StoreProvider';
import { AllergenBadges } from '../components/AllergenBadges';
import { ScreenHeading } from '../components/ScreenHeading';
import { EntryFitNote, FilterSummary, useEntryFit, useVisibleEntryIds } from '../accessibility/DietaryFilterNotes';
import { entryRef, entryState, entrySummary, findEntry, type MenuEntry } from '../menuEntries';

const NO_ENTRIES: string[] = [];

export const MenuScreen = () => {
  const { t, text } = useI18n();
  const menu = useKiosk((state) => state.menu);
  const store = useKiosk((state) => state.store);
  const assetBase = useKiosk((state) => state.assetBase);
  const activeCategoryId = useKiosk((state) => state.activeCategoryId);
  const selectCategory = useKiosk((state) => state.selectCategory);
  const category = menu?.categories.find((candidate) => candidate.id === activeCategoryId) ?? menu?.categories[0];
  // The allergen and diet filter hides what cannot be made to suit (when the customer chose "hide").
  const visibleIds = useVisibleEntryIds(category?.entryIds ?? NO_ENTRIES);
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
      {category ? (
        <section className="entries" aria-labelledby="category-heading">
          <h2 id="category-heading">{text(category.name)}</h2>
          <FilterSummary hidden={category.entryIds.length - visibleIds.length} />
          <ul className="entry-grid">
            {visibleIds.map((id) => {
              const entry = findEntry(menu, id);
              return entry ? <EntryCard key={id} entry={entry} timezone={store.timezone} assetBase={assetBase} /> : null;
            })}
          </ul>
        </section>
      ) : null}
    </main>
  );
};

const EntryCard = ({ entry, timezone, assetBase }: { entry: MenuEntry; timezone: string; assetBase: string }) => {
  const { t, text, money, kcal } = useI18n();
  const menu = useKiosk((state) => state.menu);
  const openCustomizer = useKiosk((state) => state.openCustomizer);
  const summary = useMemo(() => (menu ? entrySummary(menu, entry) : null), [menu, entry]);
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
};
