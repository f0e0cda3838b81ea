// Persistent on every customer screen and compact: the store, "Call staff", language and the
// accessibility controls, each an icon with words. The running order and the way to pay are in
// the bar at the bottom (layout/OrderBar), where a standing customer's hands are.
import { languageName } from '../../../common/i18n';
import { useI18n } from '../../i18n/useI18n';
import { useKiosk } from '../../state/StoreProvider';
import { AccessibilityControls } from '../accessibility/AccessibilityControls';

const HeaderIcon = ({ path }: { path: string }) => (
  <svg className="header-icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
    <path d={path} fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
  </svg>
);
const BELL = 'M12 3a6 6 0 0 0-6 6v4l-2 3h16l-2-3V9a6 6 0 0 0-6-6zm-2 16a2 2 0 0 0 4 0';
const GLOBE = 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18M3 12h18M12 3c3 3 3 15 0 18M12 3c-3 3-3 15 0 18';

export const Header = () => {
  const { t, locale } = useI18n();
  const storeName = useKiosk((state) => state.store?.storeName ?? '');
  const locales = useKiosk((state) => state.menu?.locales);
  const setLocale = useKiosk((state) => state.setLocale);
  const largeText = useKiosk((state) => state.largeText);
  const toggleLargeText = useKiosk((state) => state.toggleLargeText);
  const openHelp = useKiosk((state) => state.openHelp);

  return (
    <header className="header">
      <p className="store-name">{storeName}</p>
      <div className="header-actions">
        {/* First in the tab order on every screen, and on the ? / F1 key, so it is found without seeing the screen. */}
        <button type="button" className="button call-staff" onClick={openHelp} aria-keyshortcuts="? F1">
          <HeaderIcon path={BELL} />
          {t.callStaff}
        </button>
        {locales && locales.length > 1 ? (
          <div className="language-switch" role="group" aria-label={t.languageGroup}>
            <HeaderIcon path={GLOBE} />
            {locales.map((code) => (
              <button key={code} type="button" className="chip" lang={code} aria-pressed={code === locale} onClick={() => setLocale(code)}>
                {languageName(code)}
              </button>
            ))}
          </div>
        ) : null}
        <button type="button" className="chip" aria-pressed={largeText} onClick={toggleLargeText}>
          <span aria-hidden="true" className="large-text-icon">
            A<span>A</span>
          </span>{' '}
          {t.largeText}
        </button>
        <AccessibilityControls />
      </div>
    </header>
  );
};
