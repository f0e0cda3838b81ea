// The screen on show trails the kiosk's state by one transition: a tap's own frame paints first
// (its pressed state, the added notice, the cart count), then the screen it leads to, rendered in
// the background. Screens being left keep what they showed meanwhile (useHeldWhileLeaving.ts);
// speech mode names the screen on show, not the state's.
import { useDeferredValue } from 'react';
import { useKiosk } from '../../state/StoreProvider';
import type { KioskState } from '../../state/types';

export function useShownScreen(): KioskState['screen'] {
  const screen = useKiosk((state) => state.screen);
  const shown = useDeferredValue(screen);
  // Leaving the attract screen shows at once: recovery at start leaves it without a tap (to a
  // recovered order's number), and it must not flash the attract screen on the way.
  return shown === 'attract' ? screen : shown;
}
