// Whether the customer is using touch: keyboard hints ("press ? or F1") are for people with
// a keyboard or keypad, never for a touch-screen customer. The last input decides.
import { useSyncExternalStore } from 'react';

let touch = false;
const listeners = new Set<() => void>();
const set = (next: boolean) => {
  if (next === touch) return;
  touch = next;
  for (const listener of listeners) listener();
};
const onPointer = (event: PointerEvent) => set(event.pointerType === 'touch' || event.pointerType === 'pen');
const onKey = () => set(false);

const subscribe = (listener: () => void) => {
  if (listeners.size === 0) {
    window.addEventListener('pointerdown', onPointer, { capture: true, passive: true });
    window.addEventListener('keydown', onKey, { capture: true, passive: true });
  }
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      window.removeEventListener('pointerdown', onPointer, { capture: true });
      window.removeEventListener('keydown', onKey, { capture: true });
    }
  };
};

/** True when the last input was a touch (or pen); follows input from the first component that asks, so ask from one always mounted. */
export const useTouchInput = (): boolean => useSyncExternalStore(subscribe, () => touch);
