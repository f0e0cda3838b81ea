// The allergen and diet filter on screen: which menu entries it hides, what it says next to an
// entry that can be made to suit (or, in "mark" mode, does not suit), and the warning in the
// customiser when a choice brings back an avoided allergen or breaks the diet.
import { useMemo } from 'react';
import { entryVerdict, isFilterActive, lineConflicts, type DietaryFilter, type EntryVerdict } from '../../../common/menu/dietary-filter';
import type { Menu } from '../../../common/menu/schema';
import type { LineSelection } from '../../../common/menu/selection';
import { menuIndex } from '../../../common/menu/menu-index';
import { useI18n } from '../../i18n/useI18n';
import { useKiosk } from '../../state/StoreProvider';
import { entryRef, findEntry, type MenuEntry } from '../menuEntries';

const verdictOf = (menu: Menu, entry: MenuEntry, filter: DietaryFilter): EntryVerdict => entryVerdict(menu, entryRef(entry), filter);

/** The entry ids of a category the customer sees: all, or all but the unsuitable ones when hiding. */
export function useVisibleEntryIds(menu: Menu, entryIds: readonly string[], filter: DietaryFilter): string[] {
  const mode = useKiosk((state) => state.a11y.filterMode);
  return useMemo(() => {
    if (mode !== 'hide' || !isFilterActive(filter)) return [...entryIds];
    return entryIds.filter((id) => {
      const entry = findEntry(menu, id);
      return entry !== undefined && verdictOf(menu, entry, filter).fit !== 'unsuitable';
    });
  }, [menu, filter, mode, entryIds]);
}

/** "3 items are hidden by your filter." above a category's entries. */
export const FilterSummary = ({ hidden }: { hidden: number }) => {
  const { catalog } = useI18n();
  const filter = useKiosk((state) => state.a11y.dietaryFilter);
  const openPanel = useKiosk((state) => state.openAccessibilityPanel);
  if (!isFilterActive(filter)) return null;
  const words = catalog.accessibility;
  const parts = [
    ...(filter.diet === 'any' ? [] : [words.diets[filter.diet]]),
    ...filter.allergens.map((allergen) => catalog.kiosk.allergens[allergen]),
  ];
  return (
    <div className="filter-summary">
      <p>
        {words.activeFilter(words.list(parts))}
        {hidden > 0 ? ` ${words.hiddenByFilter(hidden)}` : ''}
      </p>
      <button type="button" className="button small" onClick={() => openPanel('filters')}>
        {words.filtersButton}
      </button>
    </div>
  );
};

/** How an entry suits the customer's filter; null without a filter or when it suits as it comes. */
export function useEntryFit(menu: Menu, entry: MenuEntry, filter: DietaryFilter): EntryVerdict | null {
  return useMemo(() => {
    const verdict = isFilterActive(filter) ? verdictOf(menu, entry, filter) : null;
    return verdict && verdict.fit !== 'suitable' ? verdict : null;
  }, [menu, entry, filter]);
}

/** Next to an entry: what to leave out or pick to make it suit, or (marking) why it does not. */
export const EntryFitNote = ({ verdict, filter, id }: { verdict: EntryVerdict | null; filter: DietaryFilter; id: string }) => {
  const { catalog } = useI18n();
  if (!verdict || verdict.fit === 'suitable') return null;
  const words = catalog.accessibility;
  const allergens = words.list(verdict.allergens.map((allergen) => catalog.kiosk.allergens[allergen]));
  const diet = verdict.dietMismatch && filter.diet !== 'any' ? words.notDiet[filter.diet] : '';
  return (
    <p id={id} className={`entry-fit entry-fit-${verdict.fit}`}>
      <span aria-hidden="true" className="entry-fit-icon">
        {verdict.fit === 'adaptable' ? '✎' : '⚠'}
      </span>{' '}
      {verdict.fit === 'adaptable' ? words.adaptable(allergens) : words.unsuitable(allergens, diet)}
    </p>
  );
};

/** In the customiser: the current choice contains an avoided allergen or breaks the diet, and why. */
export const CustomizationWarning = ({ selection }: { selection: LineSelection }) => {
  const { catalog, locale } = useI18n();
  const menu = useKiosk((state) => state.menu);
  const filter = useKiosk((state) => state.a11y.dietaryFilter);
  const conflicts = useMemo(() => (menu ? lineConflicts(menu, selection, filter) : null), [menu, selection, filter]);
  if (!menu || !conflicts || (conflicts.allergens.length === 0 && !conflicts.dietMismatch)) return null;
  const words = catalog.accessibility;
  const optionName = (groupId: string, optionId: string) => {
    const option = menuIndex(menu).optionGroups.get(groupId)?.options.find((candidate) => candidate.id === optionId);
    return option ? (option.name[locale] ?? option.name[menu.defaultLocale] ?? optionId) : optionId;
  };
  const causes = [...new Set(conflicts.causes.map((cause) => optionName(cause.groupId, cause.optionId)))];
  return (
    <div className="customization-warning" role="alert">
      <p className="customization-warning-title">
        <span aria-hidden="true">⚠ </span>
        {words.warningTitle}
      </p>
      {conflicts.allergens.length > 0 ? <p>{words.conflictAllergens(words.list(conflicts.allergens.map((allergen) => catalog.kiosk.allergens[allergen])))}</p> : null}
      {conflicts.dietMismatch && filter.diet !== 'any' ? <p>{words.conflictDiet(words.notDiet[filter.diet])}</p> : null}
      {causes.length > 0 ? <p>{words.conflictCause(words.list(causes))}</p> : null}
    </div>
  );
};
