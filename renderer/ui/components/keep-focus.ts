// A control that takes itself off the screen when used (Remove, Undo, No thanks) must not leave a
// keyboard or screen-reader user on the page's body, where the next Tab starts again at the top.
import type { SyntheticEvent } from 'react';
import { afterNextPaint } from '../../state/after-paint';

/**
 * For the handler of such a control: if it had focus and the change leaves focus nowhere, focus
 * goes to `next` (a selector, e.g. the Undo that the change shows) or else to the screen's heading,
 * once the change is on screen.
 */
export function keepFocusOnScreen(event: SyntheticEvent<HTMLElement>, next?: string): void {
  const control = event.currentTarget;
  if (document.activeElement !== control) return;
  afterNextPaint(() => {
    const focused = document.activeElement;
    if (focused && focused !== document.body && focused.isConnected) return;
    const screen = document.querySelector<HTMLElement>('.app > main.screen:not(.behind)');
    const target = (next ? screen?.querySelector<HTMLElement>(next) : null) ?? screen?.querySelector<HTMLElement>('h1');
    target?.focus();
  });
}
