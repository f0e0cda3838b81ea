import { useDeferredValue } from 'react';
import { useI18n } from '../../i18n/useI18n';
import { useKiosk } from '../../state/StoreProvider';
import { Picture } from '../components/Picture';
import { ScreenHeading } from '../components/ScreenHeading';
import { soldOutCategories } from '../menuEntries';
import { ScreenBody } from '../layout/ActionBar';
import { OrderBar } from '../layout/OrderBar';
import { CategorySection } from '../menu/CategorySection';
import { useKeptCategories } from '../menu/useKeptCategories';

/** `behind`: another screen (the customiser, the review) is shown over it; it stays laid out, its contents skipped (styles.css) and hidden from assistive technology. */
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
  const kept = useKeptCategories(menu, shownCategory);
  if (!menu || !store) return null;
  // Still a tab: the customer sees what there is; the tab says so before the tap.
  const soldOut = soldOutCategories(menu);

  return (
    <main className={behind ? 'screen menu-screen with-bar behind' : 'screen menu-screen with-bar'} aria-hidden={behind || undefined}>
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
                  <Picture src={`${assetBase}/${candidate.image}`} menuVersion={menu.version} className="category-picture" />
                  <span>{text(candidate.name)}</span>
                  {soldOut.has(candidate.id) ? <span className="category-sold-out">{t.soldOut}</span> : null}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        {/* Each category's items in a section of their own; those not shown stay laid out, hidden and inert. */}
        {kept.map(({ category: candidate, built }) => (
          <CategorySection key={candidate.id} shown={candidate.id === shownCategory?.id} menu={menu} category={candidate} built={built} timezone={store.timezone} assetBase={assetBase} />
        ))}
      </ScreenBody>
      <OrderBar />
    </main>
  );
};
