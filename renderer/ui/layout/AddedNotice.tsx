// "Cola added to your order." with Undo, visible on the menu for a few seconds after something is
// added (screen readers hear it from CartAnnouncer). It has its own row above the action bar
// (styles.css), so it never covers a control; Undo stays on the review screen after it goes.
// It follows the screen on show, not the state's: it comes and goes with the menu, in the frame that
// shows or leaves it, so a tap's own frame never moves the screen's rows for it.
import { useEffect, useState } from 'react';
import { describeLine } from '../../../common/menu/describe';
import { useI18n } from '../../i18n/useI18n';
import { useKiosk } from '../../state/StoreProvider';
import type { KioskState } from '../../state/types';
import { useTimeFactor } from '../accessibility/timing';
import { UndoButton } from '../components/UndoButton';

const SHOWN_MS = 8_000;

export const AddedNotice = ({ shownScreen }: { shownScreen: KioskState['screen'] }) => {
  const { t, locale } = useI18n();
  const menu = useKiosk((state) => state.menu);
  const change = useKiosk((state) => state.lastChange);
  const undoable = useKiosk((state) => state.undoable);
  const shownMs = SHOWN_MS * useTimeFactor();
  const [doneSeq, setDoneSeq] = useState<number | null>(null);
  const seq = change?.seq ?? null;
  const showing = menu !== null && shownScreen === 'menu' && change?.kind === 'added' && undoable?.kind === 'added' && seq !== doneSeq;

  useEffect(() => {
    if (!showing) return;
    const timer = window.setTimeout(() => setDoneSeq(seq), shownMs);
    return () => window.clearTimeout(timer);
  }, [showing, seq, shownMs]);

  const title = showing && undoable ? describeLine(menu, undoable.selection, locale).title : '';
  return (
    <section className="added-notice" aria-label={t.addedNoticeLabel} hidden={!showing}>
      {showing ? (
        <>
          <p>
            <svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false">
              <path d="M4 12l5 5L20 6" fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
            {t.addedToOrder(title)}
          </p>
          <UndoButton />
        </>
      ) : null}
    </section>
  );
};
