// The bar at the foot of every screen that has a next step: always in the same place, within
// reach of a standing customer, never covered. Banners and notices have their own rows of the
// page's grid above it (layout.css), so nothing is ever drawn over its buttons.
import type { ReactNode } from 'react';

export const ActionBar = ({ label, className, children }: { label: string; className?: string; children: ReactNode }) => (
  <section className={className ? `action-bar ${className}` : 'action-bar'} aria-label={label}>
    {children}
  </section>
);

/** A screen's scrolling part, above its action bar; header and bar stay put while it scrolls. */
export const ScreenBody = ({ className, children }: { className?: string; children: ReactNode }) => (
  <div className={className ? `screen-body ${className}` : 'screen-body'}>{children}</div>
);
