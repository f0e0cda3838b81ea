// The category and the item exactly as a customer sees them: the kiosk's own screens
// (renderer/ui) on a kiosk store that holds the draft menu, in any of its languages.
import { useEffect, useMemo, useState } from 'react';
import type { Menu, StoreConfig } from '../../../common/menu/schema';
import { createKioskStore } from '../../../renderer/state/store';
import { StoreProvider } from '../../../renderer/state/StoreProvider';
import { MenuScreen } from '../../../renderer/ui/screens/MenuScreen';
import { CustomizerScreen } from '../../../renderer/ui/screens/CustomizerScreen';
import type { BackOfficeState } from '../api';

const nothing = () => Promise.reject(new Error('this is a preview'));

export const Preview = ({ menu, store, selection }: { menu: Menu; store: BackOfficeState['store']; selection: { kind: 'item' | 'meal' | 'category'; id: string } | null }) => {
  const [locale, setLocale] = useState(menu.defaultLocale);
  const [show, setShow] = useState<'category' | 'entry'>('category');
  const kiosk = useMemo(
    () =>
      createKioskStore({
        getStartup: nothing,
        placeOrder: nothing,
        saveDraft: () => Promise.resolve(),
        loadDraft: () => Promise.resolve(undefined),
        clearDraft: () => Promise.resolve(),
        recordEvent: () => Promise.resolve(),
        now: () => new Date(),
        newId: () => crypto.randomUUID(),
      }),
    [],
  );
  const entry = selection && selection.kind !== 'category' ? selection : null;
  const categoryId =
    selection?.kind === 'category' ? selection.id : (menu.categories.find((category) => entry && category.entryIds.includes(entry.id))?.id ?? menu.categories[0]?.id ?? null);
  useEffect(() => {
    const storeConfig = { storeId: store.id, storeName: store.name, timezone: store.timezone, currency: store.currency, locale: store.locale } as unknown as StoreConfig;
    kiosk.setState({ menu, store: storeConfig, assetBase: '/back-office/menu-assets', locale: menu.locales.includes(locale) ? locale : menu.defaultLocale, screen: 'menu', activeCategoryId: categoryId, status: 'ready' });
    if (show === 'entry' && entry) kiosk.getState().openCustomizer(entry.kind === 'item' ? { kind: 'item', itemId: entry.id } : { kind: 'meal', mealId: entry.id });
  }, [kiosk, menu, store, locale, categoryId, entry, show]);
  const canShowEntry = entry !== null && !(entry.kind === 'item' && menu.items.find((item) => item.id === entry.id)?.mealOnly);

  return (
    <div className="bo-preview">
      <section aria-label="Preview settings">
      <h2>Preview</h2>
      <div role="group" aria-label="Preview language">
        {menu.locales.map((candidate) => (
          <button key={candidate} type="button" aria-pressed={candidate === locale} onClick={() => setLocale(candidate)}>
            {candidate}
          </button>
        ))}
      </div>
      <div role="group" aria-label="Preview what">
        <button type="button" aria-pressed={show === 'category'} onClick={() => setShow('category')}>
          Category
        </button>
        <button type="button" aria-pressed={show === 'entry'} disabled={!canShowEntry} onClick={() => setShow('entry')}>
          Item
        </button>
      </div>
      </section>
      {/* Not inside a landmark: the kiosk's screen brings its own <main>. */}
      <div className="bo-preview-screen kiosk" lang={locale}>
        <StoreProvider store={kiosk}>{show === 'entry' && canShowEntry ? <CustomizerScreen /> : <MenuScreen />}</StoreProvider>
      </div>
    </div>
  );
};
