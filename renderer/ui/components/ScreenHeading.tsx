import { useEffect, useRef, type ReactNode } from 'react';
import { afterNextPaint } from '../../state/after-paint';

/**
 * Each screen's h1; it takes focus when the screen appears so keyboard and screen-reader users start at the top.
 * `shown`: false while the screen stays mounted behind another (the menu); it takes focus again when shown.
 */
export const ScreenHeading = ({ children, id, className, shown = true }: { children: ReactNode; id?: string; className?: string; shown?: boolean }) => {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!shown) return;
    // After the screen has painted: focusing forces style and layout, which would hold up the tap's frame.
    const focusedBefore = document.activeElement;
    let left = false;
    afterNextPaint(() => {
      const focused = document.activeElement;
      // Not when the customer has moved on meanwhile, nor while a dialog is open (it owns focus).
      const movedOn = focused !== focusedBefore && focused !== document.body && focused?.isConnected;
      if (left || movedOn || document.querySelector('dialog[open]')) return;
      ref.current?.focus({ preventScroll: false });
    });
    return () => {
      left = true;
    };
  }, [shown]);
  return (
    <h1 ref={ref} id={id} className={className} tabIndex={-1}>
      {children}
    </h1>
  );
};
