// How a contract call fails: a code the page branches on and words in the customer's or
// staff member's language, plus a message for logs that says what and where (English, never
// parsed). Every code a host service may throw is listed here, once. A card payment that ran
// and failed is not a failed call: its outcome carries its own reason code
// (contract/devices.ts: declined_by_bank, terminal_busy, link_lost, …).
// No zod here: the page loads this with its first script (the schemas of the codes are in define.ts).

export const CALL_ERROR_CODES = [
  /** The input failed its schema or contradicts what the host knows (another order's payment key, a foreign currency). */
  'bad_request',
  'unknown_call',
  /** A service the call needs (the store bus) cannot be reached now; try again later. */
  'unavailable',
  /** The host is closing; nothing was done. */
  'shutting_down',
  /** The receipt printer or card terminal could not be opened (port missing, device off). */
  'device_unavailable',
  /** Staff sign-in: the name and PIN do not match (also for a name that is not staff, so names are not revealed). */
  'wrong_pin',
  /** Staff sign-in: too many wrong PINs for this name; it is locked for a while. */
  'locked_out',
  /** The staff session has ended (signed out, host restarted): sign in again. */
  'session_ended',
  /** Staff mode: only a manager (users file: "manager": true) may do this (cancel an order, comp above the store's limit). */
  'manager_required',
  /** Not allowed for this caller, for a reason none of the codes above names. */
  'forbidden',
  /** The order is paid already; a second card payment is refused. */
  'already_paid',
  /** An earlier payment of this order is still in doubt: resolve it with the terminal first. */
  'payment_in_doubt',
  /** placeOrder: the order names another menu version than the one the host serves (reload the menu, price again). */
  'menu_version_mismatch',
  /** placeOrder: the order's lines, taxes or total differ from what the host's pricing of the same selections gives. */
  'price_mismatch',
  /** placeOrder: another order document was already placed under this orderId. */
  'order_conflict',
  /** The order's total is above the store's upper bound (store config `maxOrderTotalMinor`). */
  'over_limit',
  /** payByCard, printTicket: the host has no placed order with this id (placeOrder first). */
  'unknown_order',
  /** A receipt or a delivery says "paid", but the host's journal has no approved payment of this order and amount. */
  'not_paid',
  /** Anything else; the message says what. */
  'failed',
] as const;

export type CallErrorCode = (typeof CALL_ERROR_CODES)[number];

export interface CallError {
  code: CallErrorCode;
  /** For logs and developers: what failed and where. UIs word the code instead. */
  message: string;
}

const knownCodes: ReadonlySet<unknown> = new Set(CALL_ERROR_CODES);
export const isCallErrorCode = (code: unknown): code is CallErrorCode => knownCodes.has(code);

export class KioskCallError extends Error {
  constructor(
    readonly code: CallErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'KioskCallError';
  }
}

/** The code of any failure: a contract error's own, `failed` for everything else. */
export const errorCodeOf = (error: unknown): CallErrorCode => {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return isCallErrorCode(code) ? code : 'failed';
};

/** Why staff sign-in at the kiosk was refused, as the page words it. */
export type StaffSignInProblem = 'wrong_pin' | 'locked_out' | 'unavailable';

export const staffSignInProblemOf = (error: unknown): StaffSignInProblem => {
  const code = errorCodeOf(error);
  if (code === 'locked_out') return 'locked_out';
  if (code === 'wrong_pin' || code === 'forbidden') return 'wrong_pin';
  return 'unavailable';
};
