import { useEffect } from 'react';
import { useI18n } from '../../i18n/useI18n';
import { useKiosk } from '../../state/StoreProvider';
import { ScreenHeading } from '../components/ScreenHeading';
import { StartChoices } from '../components/StartChoices';

/** Any touch or key starts an order (except on the header's own controls). */
export const AttractScreen = () => {
  const { t, catalog } = useI18n();
  const start = useKiosk((state) => state.start);
  const storeName = useKiosk((state) => state.store?.storeName ?? '');

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // Tab moves through the header; Enter/Space on a focused control do that control's job.
      if (event.key === 'Tab' || event.key === 'Shift' || event.target instanceof HTMLButtonElement) return;
      if (document.querySelector('dialog[open]')) return;
      start();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [start]);

  return (
    <main className="screen attract" onClick={start}>
      <ScreenHeading className="attract-title">{t.attractTitle}</ScreenHeading>
      <p className="attract-store">{storeName}</p>
      {/* Eat in / take away start the order in one tap; "Start order" (or any touch) asks on the next screen. */}
      <StartChoices />
      <button type="button" className="button huge" onClick={start}>
        {t.attractStart}
      </button>
      <p className="attract-hint">{t.attractSubtitle}</p>
      {/* Found without seeing the screen too: the keypad's help key carries a tactile mark (EN 301 549 8.5). */}
      <p className="attract-hint attract-speech-hint">{catalog.accessibility.attractSpeechHint}</p>
    </main>
  );
};
