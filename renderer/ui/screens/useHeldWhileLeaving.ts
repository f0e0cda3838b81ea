// The screen a tap leads to renders in a transition (App), so the tap's own frame paints first.
// Meanwhile the screen being left is still on screen, but the state it showed may already be gone
// (the customiser's line was added, the cart became an order): it keeps showing what it showed.
import { useState } from 'react';
import { useKiosk } from '../../state/StoreProvider';
import type { KioskState } from '../../state/types';

/** `value` while `screen` is the current screen; once the kiosk has moved on, the last value it had here. */
export function useHeldWhileLeaving<T>(screen: KioskState['screen'], value: T): T {
  const leaving = useKiosk((state) => state.screen !== screen);
  const [held, setHeld] = useState(value);
  if (!leaving && held !== value) setHeld(value);
  return leaving ? held : value;
}
