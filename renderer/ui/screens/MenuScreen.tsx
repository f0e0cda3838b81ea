import { useI18n } from '../../i18n/useI18n';
import { useKiosk } from '../../state/StoreProvider';
import { ScreenHeading } from '../components/ScreenHeading';
import { FilterSummary, useVisibleEntryIds } from '../accessibility/DietaryFilterNotes';
import { findEntry } from '../menuEntries';
import { ScreenBody } from '../layout/ActionBar';
import { OrderBar } from '../layout/OrderBar';
import { EntryCard } from '../menu/EntryCard';

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
    <main className="screen menu-screen with-bar">
      <ScreenBody className="menu-body">
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
      </ScreenBody>
      <OrderBar />
    </main>
  );
};

