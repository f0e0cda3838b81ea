// Persistent on every customer screen: language, "Call staff" and the order summary.
import { useMemo } from 'react';
import { languageName } from '../../../common/i18n';
import { useI18n } from '../../i18n/useI18n';
import { cartTotal, selectCartCount } from '../../state/selectors';
import { useKiosk } from '../../state/StoreProvider';
import { AccessibilityControls } from '../accessibility/AccessibilityControls';

export const Header = () => {
  const { t, locale, money } = useI18n();
  const storeName = useKiosk((state) => state.store?.storeName ?? '');
  const locales = useKiosk((state) => state.menu?.locales);
  const menu = useKiosk((state) => state.menu);
  const lines = useKiosk((state) => state.lines);
  const screen = useKiosk((state) => state.screen);
  const count = useKiosk(selectCartCount);
  const setLocale = useKiosk((state) => state.setLocale);
  const largeText = useKiosk((state) => state.largeText);
  const toggleLargeText = useKiosk((state) => state.toggleLargeText);
  const openHelp = useKiosk((state) => state.openHelp);
  const goTo = useKiosk((state) => state.goTo);
  const total = useMemo(() => (menu ? cartTotal(menu, lines) : 0), [menu, lines]);
  const showCart = screen === 'menu' || screen === 'customize';

  return (
    <header className="header">
      <p className="store-name">{storeName}</p>
      <div className="header-actions">
        {/* First in the tab order on every screen, and on the ? / F1 key, so it is found without seeing the screen. */}
        <button type="button" className="button call-staff" onClick={openHelp} aria-keyshortcuts="? F1">
          <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
            <path d="M12 3a6 6 0 0 0-6 6v4l-2 3h16l-2-3V9a6 6 0 0 0-6-6zm-2 16a2 2 0 0 0 4 0" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
          </svg>
          {t.callStaff}
        </button>
        {locales && locales.length > 1 ? (
          <div className="language-switch" role="group" aria-label={t.languageGroup}>
            {locales.map((code) => (
              <button
                key={code}
                type="button"
                className="chip"
                lang={code}
                aria-pressed={code === locale}
                onClick={() => setLocale(code)}
              >
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
        {showCart ? (
          <button type="button" className="button cart-button" disabled={count === 0} onClick={() => goTo('cart')}>
            {t.cartButton(count, money(total))}
          </button>
        ) : null}
      </div>
    </header>
  );
};
