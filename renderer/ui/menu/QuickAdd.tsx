// "Add" straight from the menu card, for an item that needs no choice: it adds the item as it
// comes (its default size and options, nothing extra), and says which size and what it costs
// on the button, so one tap hides nothing. Anything else opens the customiser from the card.
import { useI18n } from '../../i18n/useI18n';
import type { Menu } from '../../../common/menu/schema';
import { useKioskStore } from '../../state/StoreProvider';
import { quickAddLine } from '../menuEntries';

export const QuickAdd = ({ menu, itemId }: { menu: Menu; itemId: string }) => {
  const { t, money, locale } = useI18n();
  const store = useKioskStore();
  // Worked out once per menu version and language, not again for each card shown.
  const ready = quickAddLine(menu, itemId, locale);
  if (!ready) return null;
  const price = money(ready.total);
  return (
    <button type="button" className="button quick-add" aria-label={t.quickAdd(ready.title, price)} onClick={() => store.getState().addLine(ready.selection)}>
      <span aria-hidden="true" className="quick-add-plus">
        +
      </span>{' '}
      {t.quickAddLabel} <span className="quick-add-detail">{t.quickAddDetail(ready.title, price)}</span>
    </button>
  );
};
