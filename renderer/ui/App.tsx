import { memo, Suspense, useEffect } from 'react';
import { useI18n } from '../i18n/useI18n';
import { useKiosk } from '../state/StoreProvider';
import { AccessibilityRoot } from './accessibility/AccessibilityRoot';
import { CallStaffDialog } from './components/CallStaffDialog';
import { CartAnnouncer } from './components/CartAnnouncer';
import { Header } from './components/Header';
import { AddedNotice } from './layout/AddedNotice';
import { SuggestionBanner } from './layout/SuggestionBanner';
import { InactivityGuard } from './components/InactivityGuard';
import { ResumeOrderDialog } from './components/ResumeOrderDialog';
import { ErrorBoundary, ScreenErrorBoundary } from './components/ScreenErrorBoundary';
import { usePictureBitmaps } from './components/picture-bitmaps';
import { AttractScreen } from './screens/AttractScreen';
// Every screen but the attract screen comes in a chunk of its own, loaded while the attract screen waits.
import { ConfirmationScreen, CustomizerScreen, MenuScreen, PaymentScreen, ReviewScreen, ServiceModeScreen } from './lazy-parts';
// Not a chunk: its keypad listens from the first frame (a blind customer presses the help key at once).
import { SpeechMode } from './accessibility/SpeechMode';
import { useBrandTheme } from './theme/useBrandTheme';
import { useShownScreen } from './screens/useShownScreen';
import type { KioskState } from '../state/types';

const screens = {
  attract: AttractScreen,
  service: ServiceModeScreen,
  menu: MenuScreen,
  customize: CustomizerScreen,
  review: ReviewScreen,
  payment: PaymentScreen,
  confirmation: ConfirmationScreen,
} as const;

export const App = () => {
  const { t, locale } = useI18n();
  const status = useKiosk((state) => state.status);
  const screen = useKiosk((state) => state.screen);
  // The screen a tap leads to renders in a transition, after the tap's own frame has painted.
  const shownScreen = useShownScreen();
  const loadStartup = useKiosk((state) => state.loadStartup);
  const recovering = useKiosk((state) => state.recovering);

  const largeText = useKiosk((state) => state.largeText);
  // The store's colours and font (store config `theme`), on every screen.
  useBrandTheme();
  // Menu pictures drawn once as bitmaps, in idle time (svg-bitmaps.ts).
  usePictureBitmaps();

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  useEffect(() => {
    // Every size is in rem, so one root size scales the whole UI.
    document.documentElement.classList.toggle('large-text', largeText);
  }, [largeText]);

  if (status === 'loading') {
    return (
      <main className="screen status-screen">
        <h1 role="status">{t.loading}</h1>
      </main>
    );
  }
  if (status === 'failed') {
    return (
      <main className="screen status-screen">
        <h1>{t.startupFailed}</h1>
        <button type="button" className="button primary" onClick={() => void loadStartup()}>
          {t.retry}
        </button>
      </main>
    );
  }

  if (recovering && screen === 'attract') {
    // Recovery at start decides first: a number not yet seen, a payment being checked, or a cart to offer.
    return (
      <main className="screen status-screen">
        <h1 role="status">{t.resumeChecking}</h1>
      </main>
    );
  }

  return <Shell shownScreen={shownScreen} resetMessage={t.resumeChecking} />;
};

/** The screens shown over the menu (it stays mounted and laid out behind them, its contents skipped). */
const OVER_MENU: ReadonlySet<KioskState['screen']> = new Set(['customize', 'review']);

/**
 * Everything on the page, for the screen on show. Memoised: a tap that changes the screen
 * re-renders App at once (its state's screen moved) while the screen on show trails it by a
 * transition; the shell and the screen being left render again only when the new one is shown,
 * not in the tap's own frame.
 */
const Shell = memo(function Shell({ shownScreen, resetMessage }: { shownScreen: KioskState['screen']; resetMessage: string }) {
  const Screen = screens[shownScreen];
  // Render errors never blank the kiosk: the screen and, around it, the whole page retry on their own (the order stays).
  return (
    <ErrorBoundary resetKey={shownScreen} message={resetMessage}>
      <div className={`app app-${shownScreen}`}>
        <AccessibilityRoot />
        <SpeechMode shownScreen={shownScreen} />
        <Header />
        <ScreenErrorBoundary screen={shownScreen}>
          {/* The menu stays laid out behind the customiser and the review: going back to it paints it
              again but does not rebuild or lay it out again, and the customer is where they were in it. */}
          {shownScreen === 'menu' || OVER_MENU.has(shownScreen) ? (
            <Suspense fallback={null}>
              <MenuScreen behind={shownScreen !== 'menu'} />
            </Suspense>
          ) : null}
          {/* The key remounts the screen, so its heading takes focus on every screen change. */}
          {shownScreen === 'menu' ? null : (
            <Suspense fallback={null}>
              <Screen key={shownScreen} />
            </Suspense>
          )}
        </ScreenErrorBoundary>
        <AddedNotice shownScreen={shownScreen} />
        <SuggestionBanner shownScreen={shownScreen} />
        <CartAnnouncer />
        <InactivityGuard />
        <CallStaffDialog />
        <ResumeOrderDialog />
      </div>
    </ErrorBoundary>
  );
});
