// The kiosk's one Zustand store, built from slices. Durable state lives in Dexie:
// the draft cart is saved on every cart change (not via Zustand persistence), after the change has painted.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createAccessibilitySlice } from './accessibility-slice';
import { createCartSlice } from './cart-slice';
import { createCustomizerSlice } from './customizer-slice';
import { createMenuSlice } from './menu-slice';
import { createSessionSlice } from './session-slice';
import { createPaymentSlice } from './payment-slice';
import { createHelpSlice } from './help-slice';
import { createStaffModeSlice } from './staff-mode-slice';
import { afterNextPaint } from './after-paint';
import { createSuggestionSlice } from './suggestion-slice';
import type { KioskDeps, KioskState } from './types';

export type KioskStore = StoreApi<KioskState>;

export const createKioskStore = (deps: KioskDeps): KioskStore => {
  const store = createStore<KioskState>()((...args) => ({
    ...createSessionSlice(deps)(...args),
    ...createMenuSlice(deps)(...args),
    ...createCartSlice(deps)(...args),
    ...createCustomizerSlice(deps)(...args),
    ...createSuggestionSlice(deps)(...args),
    ...createHelpSlice(deps)(...args),
    ...createStaffModeSlice(deps)(...args),
    ...createPaymentSlice(deps)(...args),
    ...createAccessibilitySlice(deps.speech)(...args),
  }));

  // Every cart change is written through, so a reload never loses the customer's order.
  store.subscribe((state, previous) => {
    const cartChanged = state.lines !== previous.lines || state.serviceMode !== previous.serviceMode || state.locale !== previous.locale;
    // The screen reached is kept too, so an abandonment after a restart is recorded where it happened.
    const movedWithCart = state.screen !== previous.screen && state.lines.length > 0;
    if (!cartChanged && !movedWithCart) return;
    if (state.screen === 'attract' || state.screen === 'confirmation') return;
    // The draft as it is now, written after the tap's frame has painted (every change, in order).
    const { session, lines, serviceMode, locale, screen } = state;
    const draft = lines.length === 0 ? null : { sessionId: session?.id, startedAt: session?.startedAt, screen, lines, serviceMode, locale };
    afterNextPaint(() => {
      (draft ? deps.saveDraft(draft) : deps.clearDraft()).catch((error: unknown) => {
        deps
          .recordEvent({ type: 'draft.save_failed', detail: { message: error instanceof Error ? error.message : String(error) } })
          .catch(() => undefined);
      });
    });
  });

  return store;
};
