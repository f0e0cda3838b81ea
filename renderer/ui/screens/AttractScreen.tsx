import { useEffect, useMemo, useState } from 'react';
import { BRAND_ASSET_BASE } from '../../../common/menu/theme';
import { useI18n } from '../../i18n/useI18n';
import { useKiosk } from '../../state/StoreProvider';
import { markStart } from '../../state/start-marks';
import { ScreenHeading } from '../components/ScreenHeading';
import { entrySummary } from '../menuEntries';
import { featuredEntries, touchToOrderLines } from './attract-featured';
import './attract.css';
import { StartChoices } from '../components/StartChoices';

/** One featured entry is in the spotlight this long; then the next, gently. */
const SPOTLIGHT_MS = 5000;

const prefersReducedMotion = (): boolean => typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/**
 * The screen between customers: the store's logo, its featured items with their prices (one in
 * the spotlight at a time, in a gentle loop; still, with reduced motion), and "Touch to order" in
 * every language the store offers. Any touch or key starts an order (except on the header's own controls).
 */
export const AttractScreen = () => {
  const { t, catalog, text, money } = useI18n();
  const start = useKiosk((state) => state.start);
  const store = useKiosk((state) => state.store);
  const menu = useKiosk((state) => state.menu);
  const assetBase = useKiosk((state) => state.assetBase);
  const lessMotion = useKiosk((state) => state.a11y.lessMotion);
  const [tick, setTick] = useState(() => ({ index: 0, at: Date.now() }));
  const [reducedMotion, setReducedMotion] = useState(prefersReducedMotion);
  const still = lessMotion || reducedMotion;

  const timezone = store?.timezone ?? 'Europe/Berlin';
  const featured = useMemo(() => (menu ? featuredEntries(menu, new Date(tick.at), timezone) : []), [menu, tick.at, timezone]);
  const languages = useMemo(() => touchToOrderLines(menu?.locales ?? []), [menu]);

  // The launch's finish line (bench/start.ts): the first attract screen committed with the startup data.
  useEffect(() => {
    markStart('attract-interactive');
  }, []);

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

  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return;
    const query = window.matchMedia('(prefers-reduced-motion: reduce)');
    const onChange = () => setReducedMotion(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);

  // The loop also re-reads the clock, so a breakfast item leaves the spotlight when breakfast ends.
  useEffect(() => {
    if (still || featured.length < 2) return;
    const timer = window.setInterval(() => setTick((current) => ({ index: current.index + 1, at: Date.now() })), SPOTLIGHT_MS);
    return () => window.clearInterval(timer);
  }, [still, featured.length]);

  const spotlight = featured.length > 0 ? featured[tick.index % featured.length]! : null;
  const logo = store?.theme?.logo;
  return (
    <main className={`screen attract${still ? ' still' : ''}`} onClick={start}>
      {logo ? <img className="attract-logo" src={`${BRAND_ASSET_BASE}${logo}`} alt="" width="160" height="160" /> : null}
      <ScreenHeading className="attract-title">{t.attractTitle}</ScreenHeading>
      <p className="attract-store">{store?.storeName ?? ''}</p>
      {spotlight && menu ? (
        <section className="attract-featured" aria-labelledby="attract-featured-heading">
          <h2 id="attract-featured-heading">{t.featuredLabel}</h2>
          <figure className="attract-spotlight" key={spotlight.id}>
            <img src={`${assetBase}/${spotlight.entry.image}`} alt="" width="480" height="360" />
            <figcaption>
              <span className="attract-spotlight-name">{text(spotlight.entry.name)}</span>{' '}
              <span className="attract-spotlight-price">{money(entrySummary(menu, spotlight).unitPrice)}</span>
            </figcaption>
          </figure>
          <ul className="attract-featured-list">
            {featured.map((entry) => (
              <li key={entry.id} aria-current={entry.id === spotlight.id ? 'true' : undefined}>
                <img src={`${assetBase}/${entry.entry.image}`} alt="" width="96" height="72" />
                <span>{text(entry.entry.name)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p className="attract-touch">
        {languages.map(({ locale, text: words }) => (
          <span key={locale} lang={locale}>
            {words}
          </span>
        ))}
      </p>
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
