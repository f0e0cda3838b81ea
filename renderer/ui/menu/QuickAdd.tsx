// "Add" straight from the menu card, for an item that needs no choice: it adds the item as it
// comes (its default size and options, nothing extra), and says which size and what it costs
// on the button, so one tap hides nothing. Anything else opens the customiser from the card.
import { useMemo } from 'react';
import { describeLine } from '../../../common/menu/describe';
import { defaultSelection, priceLine, selectionProblems } from '../../../common/menu/pricing';
import { useI18n } from '../../i18n/useI18n';
import { useKiosk } from '../../state/StoreProvider';

export const QuickAdd = ({ itemId }: { itemId: string }) => {
  const { t, money, locale } = useI18n();
  const menu = useKiosk((state) => state.menu);
  const addLine = useKiosk((state) => state.addLine);
  const ready = useMemo(() => {
    if (!menu) return null;
    const selection = defaultSelection(menu, { kind: 'item', itemId });
    // Only when nothing must be chosen: a required choice without a default goes through the customiser.
    if (selectionProblems(menu, selection).length > 0) return null;
    return { selection, total: priceLine(menu, selection).total };
  }, [menu, itemId]);
  if (!menu || !ready) return null;
  const title = describeLine(menu, ready.selection, locale).title;
  const price = money(ready.total);
  return (
    <button type="button" className="button quick-add" aria-label={t.quickAdd(title, price)} onClick={() => addLine(ready.selection)}>
      <span aria-hidden="true" className="quick-add-plus">
        +
      </span>{' '}
      {t.quickAddLabel} <span className="quick-add-detail">{t.quickAddDetail(title, price)}</span>
    </button>
  );
};
