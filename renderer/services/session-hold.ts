// Staff at work in staff mode are not timed out: the "Do you need more time?" prompt is
// answered for them. A customer waiting for help still gets the prompt (later, and it
// never resets without asking: InactivityGuard). A help request belongs to its session:
// when the customer changes (done, start over, walked away) an open request is closed as
// "customer left", and nothing said to the last customer is shown to the next.
import type { KioskStore } from '../state/store';
import type { KioskState } from '../state/types';

const staffAtWork = (state: KioskState): boolean => state.staffMode !== null || state.staffSignIn.open;

export function holdSessionWhileHelped(store: KioskStore): () => void {
  return store.subscribe((state, previous) => {
    if (state.inactivityPrompt && staffAtWork(state)) state.extendSession();
    // A request made before the session started (on the attract screen) goes on with it.
    if (previous.session && state.session?.id !== previous.session.id) void state.endHelpForSession();
  });
}
