// A polite live region that tells screen-reader users what just changed in the cart.
import { useDeferredValue, useMemo } from 'react';
import { describeLine } from '../../../common/menu/describe';
import { useI18n } from '../../i18n/useI18n';
import { useKiosk } from '../../state/StoreProvider';
import { changeNotice } from '../review/change-notice';

export const CartAnnouncer = () => {
  const { t, locale } = useI18n();
  const menu = useKiosk((state) => state.menu);
  // Worded in a transition after the tap's frame: the tap's own render stays small; a polite
  // announcement a frame later is not one a listener can tell.
  const change = useDeferredValue(useKiosk((state) => state.lastChange));
  const message = useMemo(() => {
    if (!menu || !change) return '';
    const title = change.selection ? describeLine(menu, change.selection, locale).title : '';
    return changeNotice(t, change.kind, title, change.selection?.quantity ?? 0);
  }, [menu, change, t, locale]);
  return (
    <div className="visually-hidden" role="status" aria-live="polite">
      {/* The key makes a repeated identical message a new node, so it is announced again. */}
      {message ? <span key={change?.seq}>{message}</span> : null}
    </div>
  );
};
