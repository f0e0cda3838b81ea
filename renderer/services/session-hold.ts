// A customer waiting for staff, or staff working in staff mode, is not timed out:
// the "Do you need more time?" prompt is answered for them while help is on the way.
// When the customer changes, what was said to the last one (a finished request, an
// offer of help) is not shown to the next.
import type { KioskStore } from '../state/store';
import type { KioskState } from '../state/types';

const beingHelped = (state: KioskState): boolean =>
  state.staffMode !== null || state.staffSignIn.open || state.helpRequest?.stage === 'on_the_way' || state.helpRequest?.stage === 'coming' || state.helpRequest?.stage === 'sending';

export function holdSessionWhileHelped(store: KioskStore): () => void {
  return store.subscribe((state, previous) => {
    if (state.inactivityPrompt && beingHelped(state)) state.extendSession();
    if (state.session?.id !== previous.session?.id) {
      state.dismissHelpRequest();
      if (state.helpOffer) store.setState({ helpOffer: null });
    }
  });
}
