// Kiosk contract calls and events for the store bus: "Call staff", staff mode at
// the kiosk and the outbox's way to the store. The host implements them in
// electron/host/store-service.ts (with store-bus/staff-handlers.ts for the help
// request calls); contract.ts joins kioskStaffCalls and staffEvents.
import { z } from 'zod';
import { analyticsEvent, availabilityMessage, cartSnapshot, handoffMessage, handoffOutcome, handoffReason, orderMessage, orderStatusMessage } from '../store-bus/messages';
import { callErrorCode, defineCall } from './define';

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
        /** The customer's session: a request belongs to it (only that session shows it again after a reload). Kept by the host, not published. */
        sessionId: z.string().min(1).max(100).optional(),
      })
      .strict(),
    z.object({ handoffId: z.string().uuid(), outcome: z.enum(['notified', 'ask_at_counter']) }),
  ),
  /**
   * The request is over for the kiosk: the customer cancelled it (cancelled_by_customer) or
   * their session ended (customer_left: done, start over, walked away). Staff consoles show how it ended.
   */
  cancelHelpRequest: defineCall(
    z.object({ handoffId: z.string().uuid(), outcome: z.enum(['cancelled_by_customer', 'customer_left']).default('cancelled_by_customer') }).strict(),
    z.object({ cancelled: z.boolean() }),
  ),
  /** This kiosk's request still open (after a page reload), or null, with the session that made it. */
  getHelpRequest: defineCall(z.object({}).strict(), z.object({ handoff: handoffMessage.nullable(), sessionId: z.string().optional() })),
  /** Whether staff can be reached now (drives "ask at the counter" wording before the customer taps). */
  getStoreBusStatus: defineCall(z.object({}).strict(), z.object({ online: z.boolean() })),
  /**
   * Staff mode at the kiosk: the staff name and PIN are checked by the store
   * bus broker (the same credentials as the staff console, with its lockout).
   * Fails with code "forbidden" on a wrong PIN or while locked out.
   */
  staffSignIn: defineCall(
    z.object({ username: z.string().min(1).max(64), pin: z.string().min(1).max(64) }).strict(),
    z.object({ staffName: z.string(), manager: z.boolean() }),
  ),
};

/** Events the host pushes for the store bus; contract.ts adds them to kioskEvent. */
export const staffEvents = [
  /** A help request of this kiosk changed: acknowledged (who is coming) or resolved. */
  z.object({ type: z.literal('staff.handoff'), handoff: handoffMessage }),
  /** Staff or a POS changed one of this kiosk's orders (e.g. paid at the counter). */
  z.object({ type: z.literal('staff.orderStatus'), update: orderStatusMessage }),
  z.object({ type: z.literal('storeBus.connection'), online: z.boolean() }),
  /** Staff or an operator changed what is sold out (the retained availability message); the renderer applies it at once. */
  z.object({ type: z.literal('storeBus.availability'), availability: availabilityMessage }),
] as const;
export type StaffEvent = z.infer<(typeof staffEvents)[number]>;

/** One row of the renderer's outbox (renderer/data/db.ts OutboxMessage), as it travels to the host. */
export const outboxMessage = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('order'), messageId: z.string().min(1), orderId: z.string().uuid(), revision: z.number().int().min(1), order: orderMessage }),
  z.object({
    kind: z.literal('event'),
    messageId: z.string().min(1),
    eventId: z.string().min(1).max(100),
    event: analyticsEvent,
  }),
]);

/** Most messages one deliverOutboxMessages call carries. */
export const MAX_OUTBOX_BATCH = 250;

/** The store's answer for one outbox message of a batch. */
export const outboxDelivery = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('delivered') }),
  z.object({
    outcome: z.enum(['refused', 'unavailable']),
    reason: z.string(),
    /** Why, as a code (e.g. not_paid: a paid order without a journaled payment or staff signature). */
    code: callErrorCode.optional(),
  }),
]);
export type OutboxDelivery = z.infer<typeof outboxDelivery>;

/** What staff do at a kiosk in staff mode; every one is logged with who and when. */
export const STAFF_ACTIONS = [
  'signed_in',
  'signed_out',
  'item_removed',
  'item_comped',
  'quantity_changed',
  'switched_to_counter',
  'payment_retried',
  'payment_resolved',
  'receipt_reprinted',
  'order_cancelled',
  'order_handed_to_counter',
  'help_resolved',
] as const;
export const staffAction = z.enum(STAFF_ACTIONS);
export type StaffAction = z.infer<typeof staffAction>;

const staffSessionId = z.string().uuid();

/** The calls the kiosk renderer makes (staffSignIn stays the handlers' PIN check; verifyStaffPin opens a session with it). */
export const kioskStaffCalls = {
  callStaff: staffCalls.callStaff,
  cancelHelpRequest: staffCalls.cancelHelpRequest,
  getHelpRequest: staffCalls.getHelpRequest,
  getStoreBusStatus: staffCalls.getStoreBusStatus,
  /** What is sold out now (the latest availability message on the store bus), or null when none was seen. */
  getAvailability: defineCall(z.object({}).strict(), z.object({ availability: availabilityMessage.nullable() })),
  /**
   * Delivers a batch of outbox messages to the store (orders QoS 1 on order/{kiosk}/{orderId},
   * events on event/{kiosk}/{eventId}), published concurrently and in order on one connection;
   * answers once every message has its outcome, one per message in the same order: delivered
   * (PUBACK), refused (the message itself; counts towards a dead letter) or unavailable (no
   * PUBACK in time; sent again later). Fails as a whole with code "unavailable" while the
   * store bus cannot be reached at all.
   */
  deliverOutboxMessages: defineCall(
    z.object({ messages: z.array(outboxMessage).min(1).max(MAX_OUTBOX_BATCH) }).strict(),
    z.object({ results: z.array(outboxDelivery) }),
  ),
  /**
   * Staff mode: checks the staff name and PIN with the store bus (hashed, locked out after
   * repeated wrong PINs) and opens a staff session. Fails with code "forbidden" when refused.
   */
  verifyStaffPin: defineCall(
    z.object({ username: z.string().min(1).max(64), pin: z.string().min(1).max(64) }).strict(),
    /** manager: may cancel orders and comp above the store's limit (store config staffMode.managerCompAbove). */
    z.object({ staffSessionId, staffName: z.string(), openedAt: z.string(), manager: z.boolean() }),
  ),
  endStaffSession: defineCall(z.object({ staffSessionId }).strict(), z.object({ ended: z.boolean() })),
  /**
   * Logs a staff action in the host's audit log under the session's staff name; the answer
   * (who, when) goes into the kiosk's event (recordEvent), which the outbox publishes.
   * Fails with "session_ended" when the staff session is unknown or expired, and with
   * "manager_required" (logged as refused) for a cancellation, or a comp whose detail.waivedTotal is
   * above the store's staffMode.managerCompAbove, by staff who are not a manager.
   */
  logStaffAction: defineCall(
    z
      .object({
        staffSessionId,
        action: staffAction,
        orderId: z.string().optional(),
        handoffId: z.string().uuid().optional(),
        reason: z.string().max(200).optional(),
        detail: z.record(z.string(), z.unknown()).optional(),
      })
      .strict(),
    z.object({ staffName: z.string(), at: z.string() }),
  ),
  /** Staff resolve this kiosk's help request at the kiosk (staff mode), signed with their name. */
  resolveHelpRequest: defineCall(
    z.object({ staffSessionId, handoffId: z.string().uuid(), outcome: handoffOutcome, note: z.string().max(500).optional() }).strict(),
    z.object({ resolved: z.boolean() }),
  ),
};
