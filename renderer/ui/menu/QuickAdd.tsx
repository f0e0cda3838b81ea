// "Add" straight from the menu card, for an item that needs no choice: it adds the item as it
// comes (its default size and options, nothing extra), and says which size and what it costs
// on the button, so one tap hides nothing. Anything else opens the customiser from the card.
import { useI18n } from '../../i18n/useI18n';
import { useKiosk } from '../../state/StoreProvider';
import { quickAddLine } from '../menuEntries';

export const QuickAdd = ({ itemId }: { itemId: string }) => {
  const { t, money, locale } = useI18n();
  const menu = useKiosk((state) => state.menu);
  const addLine = useKiosk((state) => state.addLine);
  // Worked out once per menu version and language, not again for each card shown.
  const ready = menu ? quickAddLine(menu, itemId, locale) : null;
  if (!ready) return null;
  const price = money(ready.total);
  return (
    <button type="button" className="button quick-add" aria-label={t.quickAdd(ready.title, price)} onClick={() => addLine(ready.selection)}>
      <span aria-hidden="true" className="quick-add-plus">
        +
      </span>{' '}
      {t.quickAddLabel} <span className="quick-add-detail">{t.quickAddDetail(ready.title, price)}</span>
    </button>
  );
};
