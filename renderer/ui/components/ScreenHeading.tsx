import { useEffect, useRef, type ReactNode } from 'react';

/** Each screen's h1; it takes focus when the screen appears so keyboard and screen-reader users start at the top. */
export const ScreenHeading = ({ children, id, className }: { children: ReactNode; id?: string; className?: string }) => {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // Not while a dialog is open: the dialog owns focus.
    if (!document.querySelector('dialog[open]')) ref.current?.focus({ preventScroll: false });
  }, []);
  return (
    <h1 ref={ref} id={id} className={className} tabIndex={-1}>
      {children}
    </h1>
  );
};
