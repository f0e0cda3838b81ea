// The payment screen's steps as a pure table: which event moves which step where. An event a
// step does not accept is ignored (the function returns null), so a double tap, a late prompt
// or a staff action in the wrong moment cannot start a second payment or skip a step.
import type { PaymentPromptCode, PaymentReason, PrinterState } from '../../../common/contract/devices';

export type PaymentFlow =
  | { step: 'choose' }
  | { step: 'checking_printer' }
  | { step: 'printer_warning'; printer: PrinterState }
  | { step: 'terminal_down' }
  | { step: 'placing' }
  | { step: 'card'; paymentKey: string | null; prompt: PaymentPromptCode | null; cancelling: boolean }
  | { step: 'declined'; result: 'declined' | 'aborted'; reason: PaymentReason | null }
  | { step: 'checking' }
  | { step: 'finishing' }
  | { step: 'failed' };

export type PaymentStep = PaymentFlow['step'];

export type PaymentEvent =
  /** The customer chose card: the printer and terminal are checked first. */
  | { type: 'choose_card' }
  | { type: 'printer_problem'; printer: PrinterState }
  | { type: 'terminal_down' }
  /** Devices ready (or the customer agreed to pay without a receipt), or try again: the order is placed. */
  | { type: 'start' }
  | { type: 'start_failed' }
  /** The order is placed and payment_pending written: the request goes to the terminal. */
  | { type: 'card_ready'; paymentKey: string }
  | { type: 'prompt'; paymentKey: string; prompt: PaymentPromptCode }
  | { type: 'cancel' }
  /** The terminal (or the check with it) said no: nothing was charged. */
  | { type: 'refused'; result: 'declined' | 'aborted'; reason: PaymentReason | null }
  /** The outcome is not known: ask the terminal (also at start, for a payment in doubt). */
  | { type: 'check' }
  /** Paid: the receipt prints. */
  | { type: 'finish' }
  /** Back to the choice: the customer's "back", a completed order, a new customer. */
  | { type: 'back' }
  | { type: 'reset' };

/**
 * Steps during which the devices are being asked, the order is being stored or money may be
 * moving: nothing else may start (another payment, the counter, "back").
 */
export const BUSY_STEPS: readonly PaymentStep[] = ['checking_printer', 'placing', 'card', 'checking', 'finishing'];
export const paymentBusy = (flow: PaymentFlow): boolean => BUSY_STEPS.includes(flow.step);

/** The next step, or null when `flow` does not accept `event`. */
export function nextPaymentStep(flow: PaymentFlow, event: PaymentEvent): PaymentFlow | null {
  switch (event.type) {
    case 'choose_card':
      return flow.step === 'choose' ? { step: 'checking_printer' } : null;
    case 'printer_problem':
      return flow.step === 'checking_printer' ? { step: 'printer_warning', printer: event.printer } : null;
    case 'terminal_down':
      return flow.step === 'checking_printer' ? { step: 'terminal_down' } : null;
    case 'start':
      return flow.step === 'checking_printer' || flow.step === 'printer_warning' || flow.step === 'choose' || flow.step === 'declined' || flow.step === 'failed'
        ? { step: 'placing' }
        : null;
    case 'start_failed':
      return flow.step === 'placing' ? { step: 'failed' } : null;
    case 'card_ready':
      return flow.step === 'placing' ? { step: 'card', paymentKey: event.paymentKey, prompt: null, cancelling: false } : null;
    case 'prompt':
      return flow.step === 'card' && flow.paymentKey === event.paymentKey ? { ...flow, prompt: event.prompt } : null;
    case 'cancel':
      return flow.step === 'card' && flow.paymentKey !== null && !flow.cancelling ? { ...flow, cancelling: true } : null;
    case 'refused':
      return flow.step === 'card' || flow.step === 'checking' ? { step: 'declined', result: event.result, reason: event.reason } : null;
    case 'check':
      return flow.step === 'card' || flow.step === 'choose' ? { step: 'checking' } : null;
    case 'finish':
      return flow.step === 'card' || flow.step === 'checking' ? { step: 'finishing' } : null;
    case 'back':
      return paymentBusy(flow) ? null : { step: 'choose' };
    case 'reset':
      return { step: 'choose' };
  }
}
