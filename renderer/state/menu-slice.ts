import type { StateCreator } from 'zustand';
import { customerMayStillBeHere } from '../../common/order/recovery-policy';
import { markStart } from './start-marks';
import type { KioskDeps, KioskState, MenuSlice } from './types';

export const createMenuSlice =
  (deps: KioskDeps): StateCreator<KioskState, [], [], MenuSlice> =>
  (set, get) => ({
    status: 'loading',
    recovering: true,
    draftOffered: false,
    draftScreen: null,
    loadError: null,
    store: null,
    menu: null,
    assetBase: '.',
    activeCategoryId: null,

    async loadStartup() {
      set({ status: 'loading', loadError: null });
      try {
        const { store, menu, assetBase } = await deps.getStartup();
        markStart('menu-ready');
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
        // A reload mid-order (crash recovery) brings the cart back to be offered ("Continue your
        // order?") once recovery at start is done, unless its customer has gone (domain/recovery-policy.ts).
        const stale = draft?.updatedAt !== undefined && !customerMayStillBeHere(draft.updatedAt, deps.now());
        if (draft && stale) await deps.clearDraft().catch(() => undefined);
        if (draft && !stale && draft.lines.length > 0 && draft.serviceMode) {
          // Time to order counts from the first touch, not the restart; the screen stays attract under
          // the offer, so the one reached is kept for the record if the cart is not taken back.
          set({
            session: { id: draft.sessionId ?? deps.newId(), startedAt: draft.startedAt ?? deps.now().getTime() },
            draftScreen: draft.screen ?? 'menu',
            lines: draft.lines,
            serviceMode: draft.serviceMode,
            locale: menu.locales.includes(draft.locale) ? draft.locale : locale,
          });
        }
      } catch (error) {
        set({ status: 'failed', loadError: error instanceof Error ? error.message : String(error) });
        return;
      }
      markStart('ready');
      await get().recoverAtStart();
      markStart('recovered');
    },

    async recoverAtStart() {
      set({ recovering: true });
      try {
        // First what the customer already paid for or got a number for, or a payment being checked.
        await get().recoverPayments();
      } finally {
        // Recovery left the screen alone and a cart came back: ask before showing it.
        const { screen, lines } = get();
        set({ recovering: false, draftOffered: screen === 'attract' && lines.length > 0 });
      }
    },

    continueDraft() {
      if (!get().draftOffered) return;
      set({ draftOffered: false, draftScreen: null, screen: 'review' });
    },

    async discardDraft() {
      if (!get().draftOffered) return;
      // resetSession records it abandoned at draftScreen and closes the offer.
      await get().resetSession();
    },

    selectCategory(categoryId) {
      set({ activeCategoryId: categoryId });
    },
  });
