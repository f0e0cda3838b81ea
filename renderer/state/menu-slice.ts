import type { StateCreator } from 'zustand';
import type { KioskDeps, KioskState, MenuSlice } from './types';

export const createMenuSlice =
  (deps: KioskDeps): StateCreator<KioskState, [], [], MenuSlice> =>
  (set) => ({
    status: 'loading',
    loadError: null,
    store: null,
    menu: null,
    assetBase: '.',
    activeCategoryId: null,

    async loadStartup() {
      set({ status: 'loading', loadError: null });
      try {
        const { store, menu, assetBase } = await deps.getStartup();
        const draft = await deps.loadDraft().catch(() => undefined);
        const locale = menu.locales.includes(store.locale) ? store.locale : menu.defaultLocale;
        set({
          status: 'ready',
          store,
          menu,
          assetBase,
          activeCategoryId: menu.categories[0]?.id ?? null,
          locale,
        });
        // A reload mid-order (crash recovery) brings the customer back to their cart, unless the
        // draft is older than the inactivity reset: then that customer has gone.
        const maxAgeMs = (store.inactivity.promptAfterSeconds + store.inactivity.resetAfterSeconds) * 1000;
        const stale = draft?.updatedAt !== undefined && deps.now().getTime() - Date.parse(draft.updatedAt) > maxAgeMs;
        if (draft && stale) await deps.clearDraft().catch(() => undefined);
        if (draft && !stale && draft.lines.length > 0 && draft.serviceMode) {
          set({
            session: { id: draft.sessionId ?? deps.newId(), startedAt: deps.now().getTime() },
            lines: draft.lines,
            serviceMode: draft.serviceMode,
            locale: menu.locales.includes(draft.locale) ? draft.locale : locale,
            screen: 'cart',
          });
        }
      } catch (error) {
        set({ status: 'failed', loadError: error instanceof Error ? error.message : String(error) });
      }
    },

    selectCategory(categoryId) {
      set({ activeCategoryId: categoryId });
    },
  });
