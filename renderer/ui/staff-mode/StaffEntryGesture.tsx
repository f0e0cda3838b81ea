// How staff reach sign-in on a touch-only kiosk without offering it to customers: a long
// press (STAFF_PRESS_MS) on the screen's top-left corner (STAFF_CORNER_PX square, where
// the store's name is), whatever the screen shows. Customers are never shown it; staff are
// told (README "Staff"). A finger that moves or lifts early is an ordinary touch.
import { useEffect } from 'react';
import { useKioskStore } from '../../state/StoreProvider';

export const STAFF_PRESS_MS = 1500;
export const STAFF_CORNER_PX = 120;
const SLOP_PX = 24;

export const StaffEntryGesture = () => {
  const store = useKioskStore();
  useEffect(() => {
    let timer: number | undefined;
    let start: { x: number; y: number; id: number } | null = null;
    const stop = () => {
      window.clearTimeout(timer);
      timer = undefined;
      start = null;
    };
    const onDown = (event: PointerEvent) => {
      stop();
      if (event.clientX > STAFF_CORNER_PX || event.clientY > STAFF_CORNER_PX) return;
      start = { x: event.clientX, y: event.clientY, id: event.pointerId };
      timer = window.setTimeout(() => {
        stop();
        const state = store.getState();
        if (state.staffMode || state.staffSignIn.open) return;
        state.openStaffSignIn();
      }, STAFF_PRESS_MS);
    };
    const onMove = (event: PointerEvent) => {
      if (start && event.pointerId === start.id && Math.hypot(event.clientX - start.x, event.clientY - start.y) > SLOP_PX) stop();
    };
    const onEnd = (event: PointerEvent) => {
      if (start && event.pointerId === start.id) stop();
    };
    const options = { capture: true, passive: true } as const;
    window.addEventListener('pointerdown', onDown, options);
    window.addEventListener('pointermove', onMove, options);
    window.addEventListener('pointerup', onEnd, options);
    window.addEventListener('pointercancel', onEnd, options);
    return () => {
      stop();
      window.removeEventListener('pointerdown', onDown, options);
      window.removeEventListener('pointermove', onMove, options);
      window.removeEventListener('pointerup', onEnd, options);
      window.removeEventListener('pointercancel', onEnd, options);
    };
  }, [store]);
  return null;
};
