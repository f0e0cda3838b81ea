// The kiosk page first: on a kiosk PC's few cores the customer's screen loads before the store
// bus broker, the staff console and the back office start (they are for staff, and a moment later
// is soon enough). The gate opens a moment after the page asked for its startup data, or after a
// limit when no page comes; it never opens once the host is closing.

/** After the page's getStartup, the page still opens its database and renders: this long more. */
export const AFTER_PAGE_MS = 1500;
/** Without a page asking (no browser, or it failed), the background starts anyway after this. */
export const PAGE_WAIT_LIMIT_MS = 6000;

export interface PageFirstGate {
  /** True when the background may start; false when the host closed first. */
  open: Promise<boolean>;
  /** The page asked for its startup data (only the first call counts). */
  pageAsked(): void;
  close(): void;
}

export function pageFirstGate(): PageFirstGate {
  let settle: (start: boolean) => void = () => undefined;
  let asked = false;
  const open = new Promise<boolean>((resolve) => (settle = resolve));
  const limit = setTimeout(() => settle(true), PAGE_WAIT_LIMIT_MS);
  return {
    open,
    pageAsked() {
      if (asked) return;
      asked = true;
      clearTimeout(limit);
      setTimeout(() => settle(true), AFTER_PAGE_MS);
    },
    close() {
      clearTimeout(limit);
      settle(false);
    },
  };
}
