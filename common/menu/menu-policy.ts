// Which menu the kiosk shows: a newer valid menu is taken between customers, never in the
// middle of an order; a menu that fails validation is refused and the last good one stays.
import type { Menu } from './schema';
import { validateMenu } from './validate';

export type MenuCheck = { ok: true; menu: Menu } | { ok: false; errors: string[] };

/** Validates a menu from the outside world (shape and references); each error names a JSON path and a reason. */
export const checkMenu = (candidate: unknown): MenuCheck => {
  const validation = validateMenu(candidate);
  if (validation.ok) return { ok: true, menu: validation.menu };
  return { ok: false, errors: validation.errors.map((error) => `${error.path}: ${error.message}`) };
};

export type MenuDecision =
  | { action: 'apply'; menu: Menu }
  /** Valid and newer, but a customer is ordering: apply it when the session ends. */
  | { action: 'defer'; menu: Menu }
  | { action: 'keep'; reason: 'same_version' | 'nothing_new' }
  | { action: 'refuse'; errors: string[] };

/**
 * The menu to use. A menu's version changes with every publication and the store bus only
 * carries the latest one, so any valid incoming menu whose version differs from the current is newer.
 */
export const menuToApply = (input: { current: Menu | undefined; incoming: unknown; sessionActive: boolean }): MenuDecision => {
  if (input.incoming === undefined) return { action: 'keep', reason: 'nothing_new' };
  const checked = checkMenu(input.incoming);
  if (!checked.ok) return { action: 'refuse', errors: checked.errors };
  if (input.current && input.current.version === checked.menu.version) return { action: 'keep', reason: 'same_version' };
  // With no current menu there is nothing to keep the customer on: take it now.
  if (input.sessionActive && input.current) return { action: 'defer', menu: checked.menu };
  return { action: 'apply', menu: checked.menu };
};
