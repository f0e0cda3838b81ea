// A polite live region that tells screen-reader users what just changed in the cart.
import { describeLine } from '../../../common/menu/describe';
import { useI18n } from '../../i18n/useI18n';
import { useKiosk } from '../../state/StoreProvider';
import { changeNotice } from '../review/change-notice';

export const CartAnnouncer = () => {
  const { t, locale } = useI18n();
  const menu = useKiosk((state) => state.menu);
  const change = useKiosk((state) => state.lastChange);
  let message = '';
  if (menu && change) {
    const title = change.selection ? describeLine(menu, change.selection, locale).title : '';
    message = changeNotice(t, change.kind, title, change.selection?.quantity ?? 0);
  }
  return (
    <div className="visually-hidden" role="status" aria-live="polite">
      {/* The key makes a repeated identical message a new node, so it is announced again. */}
      {message ? <span key={change?.seq}>{message}</span> : null}
    </div>
  );
};
