// One menu card: the item's picture, name, price and calories, its allergens and how it fits the
// customer's filter. Its own component so a windowed grid can render only the cards on screen.
import type { DietaryFilter } from '../../../common/menu/dietary-filter';
import type { Menu } from '../../../common/menu/schema';
import { useI18n } from '../../i18n/useI18n';
import { useKioskStore } from '../../state/StoreProvider';
import { AllergenBadges } from '../components/AllergenBadges';
import { Picture } from '../components/Picture';
import { EntryFitNote, useEntryFit } from '../accessibility/DietaryFilterNotes';
import { entryRef, entryState, entrySummary, type MenuEntry } from '../menuEntries';
import { QuickAdd } from './QuickAdd';

// The menu and the customer's filter come from the grid, the language from the page's context and
// the actions are read from the store at the tap: a card subscribes to nothing of its own (each
// subscriber's selector runs on every change of the store, and a category opens a screenful of cards).
/** `idScope`: the category it is shown in; an entry can be in several, each rendered at once (kept laid out). */
export const EntryCard = ({ menu, entry, filter, timezone, assetBase, idScope }: { menu: Menu; entry: MenuEntry; filter: DietaryFilter; timezone: string; assetBase: string; idScope: string }) => {
  const { t, text, money, kcal } = useI18n();
  const store = useKioskStore();
  const summary = entrySummary(menu, entry);
  const fit = useEntryFit(menu, entry, filter);
  // Re-checked on every render: the inactivity reset re-renders the menu at least every few minutes.
  const state = entryState(menu, entry, new Date(), timezone);
  const hasChoices = entry.kind === 'meal' || entry.entry.sizes.length > 1;
  const price = money(summary.unitPrice);
  const allergensId = `${idScope}-allergens-${entry.id}`;
  const fitId = `${idScope}-fit-${entry.id}`;
  return (
    <li className="entry">
      <button
        type="button"
        className="entry-button"
        disabled={state !== 'on_sale'}
        aria-describedby={fit ? `${allergensId} ${fitId}` : allergensId}
        onClick={() => store.getState().openCustomizer(entryRef(entry))}
      >
        <Picture src={`${assetBase}/${entry.entry.image}`} menuVersion={menu.version} className="entry-picture" />
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
      {state === 'on_sale' && entry.kind === 'item' ? <QuickAdd menu={menu} itemId={entry.id} /> : null}
      <AllergenBadges allergens={summary.allergens} id={allergensId} />
      {fit ? <EntryFitNote verdict={fit} filter={filter} id={fitId} /> : null}
    </li>
  );
};
