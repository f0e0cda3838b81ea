// Undo of the last change to the order (the added notice, the review's undo bar). It goes away
// when used, so it hands focus on to the screen's heading (keep-focus.ts).
import { useI18n } from '../../i18n/useI18n';
import { useKiosk } from '../../state/StoreProvider';
import { keepFocusOnScreen } from './keep-focus';

export const UndoButton = () => {
  const { t } = useI18n();
  const undo = useKiosk((state) => state.undo);
  return (
    <button
      type="button"
      className="button"
      onClick={(event) => {
        keepFocusOnScreen(event);
        undo();
      }}
    >
      {t.undo}
    </button>
  );
};
