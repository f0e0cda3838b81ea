// Kiosk contract calls and events for the receipt printer and the card terminal.
// The host implements them in electron/host/devices/. Every payment call is keyed by the
// renderer's paymentKey (one per attempt, written to Dexie as payment_pending before the call):
// asking again returns the stored outcome or joins the running one, never a second charge.
import { z } from 'zod';
import { orderMessage } from '../store-bus/messages';
import { defineCall } from './define';
import { printerState, terminalState } from '../device-state';

export { printerState, terminalState, type PrinterState, type TerminalState } from '../device-state';

/**
 * The host's device journal (payments and tickets, fsynced before each step). damaged: lines that do not
 * parse were found at start (their payments are resolved with the terminal, never charged again);
 * unusable: the file cannot be used, so card payments and printing are refused.
 */
export const journalState = z.object({
  state: z.enum(['ok', 'damaged', 'unusable']),
  /** 1-based numbers of the lines that do not parse. */
  damagedLines: z.array(z.number().int().positive()).optional(),
  /** For the log and staff: what is wrong and what to check (English). */
  message: z.string().optional(),
});
export type JournalState = z.infer<typeof journalState>;

export const deviceStatus = z.object({
  printer: printerState,
  terminal: terminalState,
  /** For the log and staff: which port and what to check (English). */
  printerMessage: z.string().optional(),
  terminalMessage: z.string().optional(),
  journal: journalState.optional(),
});
export type DeviceStatus = z.infer<typeof deviceStatus>;

/**
 * What the card terminal reported about a payment, the one shape everywhere: in the host's journal,
 * in the contract's answers, on the receipt and in the renderer's storage, stored as given here.
 * Never a card number: a masked PAN shows at most 10 digits.
 */
export const terminalReference = z
  .object({
    /** Card brand or name as the terminal reports it (ZVT BMP 8B), e.g. "Visa", "girocard". */
    cardBrand: z.string().max(40).optional(),
    /** Masked as the terminal returned it, e.g. "4***********1111". */
    maskedPan: z
      .string()
      .max(40)
      .regex(/^[0-9*#Xx\u2022 -]+$/, 'must be digits and mask characters only')
      .refine((pan) => (pan.match(/\d/g) ?? []).length <= 10, 'must be masked: at most 10 digits (a card number is never stored)')
      .optional(),
    /** Authorisation code (BMP 3B). */
    authCode: z.string().max(20).optional(),
    /** Trace number (BMP 0B): the terminal's number for this transaction. */
    trace: z.number().int().nonnegative().optional(),
    /** The terminal's receipt number (BMP 87), used for a reversal. */
    receiptNumber: z.number().int().nonnegative().optional(),
    terminalId: z.string().max(20).optional(),
    /** The terminal's result code as a number (BMP 27 or the 06 1E byte): 0 approved, 0x6c aborted, 51 no funds… */
    resultCode: z.number().int().min(0).max(255).optional(),
  })
  .strict();
export type TerminalReference = z.infer<typeof terminalReference>;
/** @deprecated the renderer's name until it adopts TerminalReference (same shape). */
export type TerminalRefs = TerminalReference;

/** Why a payment did not go through (the renderer shows its own translation). */
export const paymentReason = z.enum([
  'declined_by_bank',
  'insufficient_funds',
  'card_expired',
  'card_not_accepted',
  'card_not_readable',
  'incorrect_pin',
  'cancelled',
  'terminal_error',
  'terminal_not_responding',
  'terminal_busy',
  'no_result',
  'link_lost',
  /** The terminal confirmed that this payment charged nothing (resolved after a lost answer). */
  'not_charged',
]);
export type PaymentReason = z.infer<typeof paymentReason>;

export const paymentKey = z.string().min(1).max(200);

export const cardPaymentOutcome = z.object({
  paymentKey,
  result: z.enum(['approved', 'declined', 'aborted', 'unknown']),
  reason: paymentReason.optional(),
  /** English text for the log and the staff slip. */
  message: z.string().optional(),
  amountMinor: z.number().int(),
  terminal: terminalReference.optional(),
  /** When the request left for the terminal (ISO), from the host's journal. */
  startedAt: z.string().optional(),
});
export type CardPaymentOutcome = z.infer<typeof cardPaymentOutcome>;

export const paymentResolution = z.object({
  paymentKey,
  result: z.enum(['approved', 'not_paid', 'unknown']),
  message: z.string(),
  terminal: terminalReference.optional(),
  startedAt: z.string().optional(),
});
export type PaymentResolutionOutput = z.infer<typeof paymentResolution>;

export const ticketKind = z.enum(['receipt', 'pay_at_counter', 'unresolved_payment']);
export type TicketKind = z.infer<typeof ticketKind>;

/** Why a ticket did not print. journal_unusable: the host cannot journal the job, so it does not print it. */
export const printFailure = z.enum(['offline', 'cover_open', 'paper_end', 'error', 'unreachable', 'not_confirmed', 'journal_unusable']);

export const printOutcome = z.object({
  result: z.enum(['printed', 'failed']),
  reason: printFailure.optional(),
  message: z.string(),
  /** True when this call printed nothing because the ticket already came out. */
  duplicate: z.boolean().optional(),
  reprint: z.boolean().optional(),
});
export type PrintOutcome = z.infer<typeof printOutcome>;

/** Terminal intermediate status codes the customer is shown (renderer text keys). */
export const paymentPromptCode = z.enum([
  'insert_or_tap_card',
  'enter_pin',
  'please_wait',
  'remove_card',
  'card_not_accepted',
  'card_not_readable',
  'card_expired',
  'incorrect_pin',
  'approved',
  'declined',
  'other',
  /** Not the terminal's: the terminal went quiet and the kiosk is asking it what became of the payment. */
  'checking_with_terminal',
]);
export type PaymentPromptCode = z.infer<typeof paymentPromptCode>;

export const deviceCalls = {
  /** The printer's and the terminal's state now (the printer is asked by DLE EOT, before a card payment). */
  getDeviceStatus: defineCall(z.object({}).strict(), deviceStatus),
  /**
   * Charges the card for one attempt of an order the host placed (placeOrder): the host charges its
   * own journaled total in the store's currency, so the page names no amount. The same paymentKey
   * again returns the stored outcome or joins the running payment; a key whose outcome is in doubt
   * is never sent again (use resolvePayment). Refused: unknown_order, already_paid, over_limit.
   */
  payByCard: defineCall(z.object({ orderId: z.string().uuid(), paymentKey }).strict(), cardPaymentOutcome),
  /** The customer pressed Cancel: asks the terminal to abort the running payment of this key. */
  abortPayment: defineCall(z.object({ paymentKey }).strict(), z.object({ requested: z.boolean() })),
  /** Decides a payment in doubt with the terminal (repeat receipt), never by charging again. */
  resolvePayment: defineCall(z.object({ orderId: z.string().uuid(), paymentKey }).strict(), paymentResolution),
  /**
   * Prints the customer's receipt, the pay-at-counter ticket or the staff slip for an unresolved
   * payment. Keyed by order and kind: a ticket that printed is never printed again (the answer says
   * duplicate); `reprint` prints one whose earlier attempt was cut short, marked REPRINT. The page
   * names no payment: a receipt ("paid") prints only for an order the host placed with an approved
   * payment of its total in the host's journal (refused: unknown_order, order_conflict, not_paid);
   * the slip shows the journaled amount of the payment in doubt.
   */
  printTicket: defineCall(
    z
      .object({
        kind: ticketKind,
        order: orderMessage,
        /** Staff slip: why the payment is unresolved and when it started. */
        note: z.object({ reason: z.string().max(300), startedAt: z.string().optional() }).strict().optional(),
        reprint: z.boolean().optional(),
      })
      .strict(),
    printOutcome,
  ),
  /** Whether a ticket of this order printed (start-up recovery asks about receipts). */
  getTicketStatus: defineCall(
    z.object({ orderId: z.string().uuid(), kind: ticketKind }).strict(),
    z.object({ status: z.enum(['printed', 'failed', 'not_printed']) }),
  ),
};

/** Events the host pushes for devices; contract.ts adds them to kioskEvent. */
export const deviceEvents = [
  /** The terminal asks the customer to do something (ZVT intermediate status). */
  z.object({ type: z.literal('device.paymentPrompt'), paymentKey, prompt: paymentPromptCode }),
  z.object({ type: z.literal('device.status'), status: deviceStatus }),
] as const;
export type DeviceEvent = z.infer<(typeof deviceEvents)[number]>;
