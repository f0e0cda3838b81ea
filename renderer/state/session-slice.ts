// The customer's visit: attract → service mode → menu … → confirmation, language, larger text,
// inactivity, and the reset for the next customer.
import type { StateCreator } from 'zustand';
import { CONFIRMATION_DISMISSED_EVENT } from '../../common/order/recovery-policy';
import { sessionRecorder } from './record';
import { soldOutLines } from './sold-out';
import type { KioskDeps, KioskState, SessionSlice } from './types';

export const createSessionSlice =
  (deps: KioskDeps): StateCreator<KioskState, [], [], SessionSlice> =>
  (set, get) => {
    const record = sessionRecorder(deps, get);
    const defaultLocale = () => {
      const { store, menu } = get();
      if (!menu) return get().locale;
      return store && menu.locales.includes(store.locale) ? store.locale : menu.defaultLocale;
    };

    return {
      screen: 'attract',
      session: null,
      serviceMode: null,
      locale: 'en',
      inactivityPrompt: false,
      largeText: false,
      placing: 'idle',
      checkoutOrderId: null,
      lastOrder: null,
      help: { open: false },

      start() {
        if (get().screen !== 'attract') return;
        set({ screen: 'service', session: { id: deps.newId(), startedAt: deps.now().getTime() } });
        record('session_started');
      },

      startWith(mode) {
        get().start();
        if (get().screen === 'service') get().chooseServiceMode(mode);
      },

      chooseServiceMode(mode) {
        set({ serviceMode: mode, screen: 'menu' });
      },

      setServiceMode(mode) {
        // Tax can differ by service mode: the same order id must not carry other totals.
        if (mode !== get().serviceMode) set({ serviceMode: mode, checkoutOrderId: null });
      },

      goTo(screen) {
        // Checkout screens need something to check out.
        if ((screen === 'review' || screen === 'payment') && get().lines.length === 0) return;
        // Nothing sold out is paid for: the cart and review say what and offer to change it (SoldOutNotice).
        if (screen === 'payment' && soldOutLines(get().menu, get().lines).length > 0) return;
        // Leaving the customiser by the header's cart button drops the unfinished line.
        set({ screen, placing: 'idle', customizer: null });
      },

      setLocale(locale) {
        if (!get().menu?.locales.includes(locale)) return;
        set({ locale });
      },

      toggleLargeText() {
        // One text size at a time: "Larger text" replaces a size chosen under Accessibility.
        set({ largeText: !get().largeText, a11y: { ...get().a11y, textScale: 1 } });
      },

      showInactivityPrompt() {
        set({ inactivityPrompt: true });
      },

      extendSession() {
        set({ inactivityPrompt: false });
      },

      async resetSession() {
        // Leaving with something in the cart (or mid-customisation) is an abandoned order.
        const { lines, customizer, session, screen, lastOrder, draftOffered, draftScreen } = get();
        // Under "Continue your order?" the screen is attract: the customer had reached draftScreen.
        const reached = draftOffered ? (draftScreen ?? 'menu') : screen;
        if (session && reached !== 'confirmation') {
          record('abandoned', { detail: { screen: reached, lines: lines.length, customizing: customizer !== null } });
        }
        // The customer has their number: a restart from here on no longer shows it (recovery at start).
        if (screen === 'confirmation' && lastOrder) {
          await deps.recordEvent({ type: CONFIRMATION_DISMISSED_EVENT, orderId: lastOrder.orderId, sessionId: session?.id }).catch(() => undefined);
        }
        set({
          session: null,
          screen: 'attract',
          serviceMode: null,
          locale: defaultLocale(),
          inactivityPrompt: false,
          largeText: false,
          placing: 'idle',
          checkoutOrderId: null,
          lastOrder: null,
          help: { open: false },
          draftOffered: false,
          draftScreen: null,
          customizer: null,
          activeCategoryId: get().menu?.categories[0]?.id ?? null,
        });
        get().clearCart();
        // Speech, reach, contrast and the allergen filter were this customer's: the next one starts plain.
        get().resetAccessibility();
        await deps.clearDraft().catch(() => undefined);
      },

      openHelp() {
        set({ help: { open: true } });
      },

      closeHelp() {
        set({ help: { open: false } });
      },
    };
  };
