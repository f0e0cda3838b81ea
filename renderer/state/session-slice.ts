import type { StateCreator } from 'zustand';
import { orderFromCart } from './selectors';
import { CONFIRMATION_DISMISSED_EVENT } from '../../common/order/recovery-policy';
import type { KioskDeps, KioskState, SessionEvent, SessionSlice } from './types';

export const createSessionSlice =
  (deps: KioskDeps): StateCreator<KioskState, [], [], SessionSlice> =>
  (set, get) => {
    const record = (type: string, extra: Omit<SessionEvent, 'type' | 'sessionId' | 'durationMs'> = {}) => {
      const { session } = get();
      const event: SessionEvent = { type, ...extra };
      if (session) {
        event.sessionId = session.id;
        event.durationMs = Math.max(0, deps.now().getTime() - session.startedAt);
      }
      deps.recordEvent(event).catch(() => undefined);
    };
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
        const { lines, customizer, session, screen, lastOrder } = get();
        if (session && screen !== 'confirmation') {
          record('abandoned', { detail: { screen, lines: lines.length, customizing: customizer !== null } });
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
          customizer: null,
          activeCategoryId: get().menu?.categories[0]?.id ?? null,
        });
        get().clearCart();
        // Speech, reach, contrast and the allergen filter were this customer's: the next one starts plain.
        get().resetAccessibility();
        await deps.clearDraft().catch(() => undefined);
      },

      async placeOrder(method) {
        const { menu, store, serviceMode, lines, placing } = get();
        if (!menu || !store || !serviceMode || lines.length === 0 || placing === 'placing') return;
        const orderId = get().checkoutOrderId ?? deps.newId();
        set({ placing: 'placing', checkoutOrderId: orderId });
        try {
          const order = orderFromCart(get(), orderId);
          if (!order) throw new Error('the cart cannot be ordered');
          const placed = await deps.placeOrder(order, method);
          set({ lastOrder: placed, placing: 'idle', checkoutOrderId: null, screen: 'confirmation', customizer: null });
          get().clearCart();
          await deps.clearDraft().catch(() => undefined);
          record('completed', { orderId: placed.orderId, detail: { orderNumber: placed.orderNumber, method, total: placed.total } });
        } catch (error) {
          // The cart stays as it was: the customer can retry or ask at the counter.
          set({ placing: 'failed' });
          record('order.place_failed', { detail: { message: error instanceof Error ? error.message : String(error) } });
        }
      },

      openHelp() {
        set({ help: { open: true } });
      },

      closeHelp() {
        set({ help: { open: false } });
      },
    };
  };
