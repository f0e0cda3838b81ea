// Kiosk contract calls and events for "Call staff" and staff mode. The host
// implements them with the store bus (electron/host/store-bus/staff-handlers.ts);
// contract.ts joins staffCalls and staffEvents when the renderer side is wired.
import { z } from 'zod';
import { cartSnapshot, handoffMessage, handoffReason, orderStatusMessage } from '../store-messages';
import { defineCall } from './define';

export const staffCalls = {
  /**
   * The customer asks for a person. notified: the request is on the store bus
   * (staff consoles show it); ask_at_counter: the bus is unreachable, so the
   * kiosk says plainly to ask at the counter instead of pretending.
   */
  callStaff: defineCall(
    z
      .object({
        reason: handoffReason.default('help_with_order'),
        /** The screen the customer is on, e.g. "payment". */
        screen: z.string().min(1).max(64),
        cart: cartSnapshot,
        /** offer: the kiosk offered help (after declines, a stall, a printer failure) and the customer accepted. */
        trigger: z.enum(['customer', 'offer']).default('customer'),
      })
      .strict(),
    z.object({ handoffId: z.string().uuid(), outcome: z.enum(['notified', 'ask_at_counter']) }),
  ),
  /** The customer no longer needs help; staff consoles drop the request. */
  cancelHelpRequest: defineCall(z.object({ handoffId: z.string().uuid() }).strict(), z.object({ cancelled: z.boolean() })),
  /** This kiosk's request still open (after a page reload), or null. */
  getHelpRequest: defineCall(z.object({}).strict(), z.object({ handoff: handoffMessage.nullable() })),
  /** Whether staff can be reached now (drives "ask at the counter" wording before the customer taps). */
  getStoreBusStatus: defineCall(z.object({}).strict(), z.object({ online: z.boolean() })),
  /**
   * Staff mode at the kiosk: the staff name and PIN are checked by the store
   * bus broker (the same credentials as the staff console, with its lockout).
   * Fails with code "forbidden" on a wrong PIN or while locked out.
   */
  staffSignIn: defineCall(
    z.object({ username: z.string().min(1).max(64), pin: z.string().min(1).max(64) }).strict(),
    z.object({ staffName: z.string() }),
  ),
};

/** Events the host pushes for the store bus; contract.ts adds them to kioskEvent. */
export const staffEvents = [
  /** A help request of this kiosk changed: acknowledged (who is coming) or resolved. */
  z.object({ type: z.literal('staff.handoff'), handoff: handoffMessage }),
  /** Staff or a POS changed one of this kiosk's orders (e.g. paid at the counter). */
  z.object({ type: z.literal('staff.orderStatus'), update: orderStatusMessage }),
  z.object({ type: z.literal('storeBus.connection'), online: z.boolean() }),
] as const;
export type StaffEvent = z.infer<(typeof staffEvents)[number]>;
