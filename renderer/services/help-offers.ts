// When the kiosk offers help (never forced): repeated card declines, a payment whose
// outcome is unknown, a printer failure, a long stall on one step (e.g. the customiser
// without progress), or going back three times without adding anything. Watches the store only.
import type { KioskStore } from '../state/store';
import type { KioskState, Screen } from '../state/types';

export const STALL_MS = 45_000;
export const BACKS_IN_A_ROW = 3;
export const DECLINES_BEFORE_OFFER = 2;

/** The customer's way forward through the screens; moving to an earlier one without changing the cart is going back. */
const FLOW: Screen[] = ['attract', 'service', 'menu', 'customize', 'review', 'payment', 'confirmation'];

export function watchForHelpOffers(store: KioskStore, options: { stallMs?: number } = {}): () => void {
  const stallMs = options.stallMs ?? STALL_MS;
  let backs = 0;
  let declines = 0;
  let stallTimer: ReturnType<typeof setTimeout> | undefined;

  const restartStallTimer = (state: KioskState) => {
    clearTimeout(stallTimer);
    stallTimer = undefined;
    if (state.screen !== 'customize') return;
    stallTimer = setTimeout(() => store.getState().offerHelp('stalled'), stallMs);
  };

  const unsubscribe = store.subscribe((state, previous) => {
    if (state.session?.id !== previous.session?.id) {
      backs = 0;
      declines = 0;
    }
    // Stall: the same step without progress (a choice in the customiser counts as progress).
    if (state.screen !== previous.screen || state.customizer?.selection !== previous.customizer?.selection) restartStallTimer(state);

    // Going back again and again without adding anything (e.g. opening items and leaving them): the cart resets the count.
    if (state.lines !== previous.lines) backs = 0;
    else if (state.screen !== previous.screen && state.screen !== 'attract' && FLOW.indexOf(state.screen) < FLOW.indexOf(previous.screen)) {
      backs += 1;
      if (backs >= BACKS_IN_A_ROW) {
        backs = 0;
        state.offerHelp('going_back');
      }
    }

    if (state.payment.step === 'declined' && previous.payment.step !== 'declined') {
      declines += 1;
      if (declines >= DECLINES_BEFORE_OFFER) state.offerHelp('payment_declined');
    }
    if (state.outcome.staffNeeded && !previous.outcome.staffNeeded) state.offerHelp('payment_unknown');
    const printerFailed = (view: KioskState) => view.outcome.receipt === 'failed' || view.payment.step === 'printer_warning';
    if (printerFailed(state) && !printerFailed(previous)) state.offerHelp('printer_failed');
  });
  return () => {
    clearTimeout(stallTimer);
    unsubscribe();
  };
}
