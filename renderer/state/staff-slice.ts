// "Call staff", offers of help and staff mode at the kiosk. The customer sees where
// their request stands (on the way → who is coming → resolved) and can cancel it;
// offers of help appear after trouble (never forced); staff sign in with name + PIN
// and every staff action is logged with who and when (host audit log + kiosk event,
// which the outbox publishes on the store bus).
import type { StateCreator } from 'zustand';
import { describeLine } from '../../common/menu/describe';
import { errorCodeOf, staffSignInProblemOf, type CallErrorCode, type KioskEvent as HostEvent, type StaffSignInProblem } from '../../common/contract/index';
import type { HelpMessages } from '../../common/i18n';
import type { StaffAction } from '../../common/contract/staff';
import type { CompReason } from '../../common/order/order';
import type { CartSnapshot, HandoffMessage, HandoffOutcome, HandoffReason, HelpOfferKind, OrderStatusMessage } from '../../common/store-bus/messages';
import type { OrderDocument } from '../../common/order/order';
import { priceCartLine } from './selectors';
import type { KioskDeps, KioskState, Screen } from './types';

/** What staff mode and "Call staff" need from the host (kiosk contract) and the order store (Dexie). */
export interface StaffDeps {
  callStaff(input: { reason: HandoffReason; screen: string; cart: CartSnapshot; trigger: 'customer' | 'offer' }): Promise<{ handoffId: string; outcome: 'notified' | 'ask_at_counter' }>;
  cancelHelpRequest(handoffId: string): Promise<boolean>;
  getHelpRequest(): Promise<HandoffMessage | null>;
  verifyStaffPin(username: string, pin: string): Promise<{ staffSessionId: string; staffName: string }>;
  endStaffSession(staffSessionId: string): Promise<void>;
  logStaffAction(input: { staffSessionId: string; action: StaffAction; orderId?: string; handoffId?: string; reason?: string; detail?: Record<string, unknown> }): Promise<{ staffName: string; at: string }>;
  resolveHelpRequest(input: { staffSessionId: string; handoffId: string; outcome: HandoffOutcome }): Promise<boolean>;
  /** Staff cancelled or marked paid an order of this kiosk (Dexie lifecycle). */
  transitionOrder(orderId: string, event: 'cancelled_by_staff' | 'staff_marked_paid' | 'choose_counter'): Promise<OrderDocument>;
}

export type HelpStage = 'sending' | 'on_the_way' | 'coming' | 'resolved' | 'ask_at_counter';

export interface HelpRequest {
  handoffId: string | null;
  reason: HandoffReason;
  stage: HelpStage;
  /** Who acknowledged it ("Sam is on the way"). */
  staffName?: string;
  outcome?: HandoffOutcome;
}

export type { HelpOfferKind, StaffSignInProblem };

/** A staff action at the kiosk, as staff mode names it when it fails. */
export type StaffStep = keyof HelpMessages['staffActions'];
/** Why a staff action failed: a reason at this kiosk, or the code of the host call that failed. */
export type StaffProblem = keyof HelpMessages['staffProblems'] | CallErrorCode;

/** A staff action that could not be done; staff mode words it (help.notice). */
export class StaffStepError extends Error {
  constructor(readonly problem: StaffProblem, detail?: string) {
    super(detail ? `${problem}: ${detail}` : problem);
    this.name = 'StaffStepError';
  }
}

const problemOf = (error: unknown): StaffProblem => (error instanceof StaffStepError ? error.problem : errorCodeOf(error));

export interface StaffSlice {
  helpRequest: HelpRequest | null;
  /** Whether the store bus is connected (staff can be reached). */
  storeOnline: boolean;
  helpOffer: HelpOfferKind | null;
  staffSignIn: { open: boolean; busy: boolean; error: StaffSignInProblem | null };
  staffMode: { staffSessionId: string; staffName: string } | null;
  /** The last staff action that failed, for staff mode's status line (null once one succeeds). */
  staffNotice: { step: StaffStep; problem: StaffProblem } | null;
  sendHelpRequest(reason: HandoffReason, trigger?: 'customer' | 'offer'): Promise<void>;
  cancelHelpRequest(): Promise<void>;
  /** Forgets a finished request (resolved or "ask at the counter"). */
  dismissHelpRequest(): void;
  applyHostEvent(event: HostEvent): void;
  /** After a reload: the host still has this kiosk's open request, so the customer sees it again. */
  restoreHelpRequest(handoff: HandoffMessage): void;
  offerHelp(kind: HelpOfferKind): void;
  acceptHelpOffer(): Promise<void>;
  declineHelpOffer(): void;
  openStaffSignIn(): void;
  closeStaffSignIn(): void;
  signInStaff(username: string, pin: string): Promise<void>;
  exitStaffMode(): Promise<void>;
  staffRemoveLine(lineId: string, reason: string): Promise<void>;
  staffSetQuantity(lineId: string, quantity: number): Promise<void>;
  /** Gives a line away: logged first (who, when), then the line costs 0 and shows "Comped by {staff}: {reason}". */
  staffCompLine(lineId: string, reason: CompReason, note?: string): Promise<void>;
  staffResolveHelp(outcome: HandoffOutcome): Promise<void>;
  /** The customer pays at the counter: places the order as a counter order (order number on screen, counter ticket). */
  staffSwitchToCounter(): Promise<void>;
  /** After a declined or aborted card payment: try the card again (a new attempt of the same order). */
  staffRetryPayment(): Promise<void>;
  /** A payment whose outcome is unknown: staff checked it (terminal slip, bank app) and decide paid or not. */
  staffResolvePayment(paid: boolean): Promise<void>;
  /** Prints the last order's ticket if it did not come out (paper out, jam); one that printed is never printed twice. */
  staffReprint(): Promise<void>;
  /** Hands the whole order to the counter: placed as a counter order, then the kiosk resets for the next customer. */
  staffHandToCounter(): Promise<void>;
  staffCancelOrder(reason: string): Promise<void>;
}

const OFFER_REASON: Record<HelpOfferKind, HandoffReason> = {
  payment_declined: 'payment_problem',
  payment_unknown: 'payment_problem',
  printer_failed: 'other',
  stalled: 'help_with_order',
  going_back: 'help_with_order',
};

/** The cart as staff see it on the console: described and priced in the customer's language. */
export const cartSnapshotOf = (state: Pick<KioskState, 'menu' | 'lines' | 'locale' | 'store'>): CartSnapshot => {
  const { menu, lines, locale } = state;
  const currency = state.store?.currency ?? menu?.currency ?? 'EUR';
  if (!menu) return { currency, lines: [], total: 0 };
  const described = lines.map((line) => {
    const { title, details } = describeLine(menu, line.selection, locale);
    return { title, details, quantity: line.selection.quantity, total: priceCartLine(menu, line).total };
  });
  return { currency, lines: described, total: described.reduce((sum, line) => sum + line.total, 0) };
};


export const createStaffSlice =
  (deps: KioskDeps): StateCreator<KioskState, [], [], StaffSlice> =>
  (set, get) => {
    const staff = deps.staff;
    const record = (type: string, detail: Record<string, unknown>, orderId?: string) => {
      const { session } = get();
      deps.recordEvent({ type, ...(session ? { sessionId: session.id } : {}), ...(orderId ? { orderId } : {}), detail }).catch(() => undefined);
    };

    /** Logs a staff action on the host (who, when) and as a kiosk event for the store. */
    const logAction = async (action: StaffAction, extra: { orderId?: string; handoffId?: string; reason?: string; detail?: Record<string, unknown> } = {}) => {
      const mode = get().staffMode;
      if (!mode || !staff) return undefined;
      const logged = await staff.logStaffAction({ staffSessionId: mode.staffSessionId, action, ...extra });
      const { staffName, at } = logged;
      record('staff_action', { action, staff: staffName, at, ...(extra.handoffId ? { handoffId: extra.handoffId } : {}), ...(extra.reason ? { reason: extra.reason } : {}), ...extra.detail }, extra.orderId);
      return logged;
    };

    /** Staff actions still running (e.g. a counter ticket printing): leaving staff mode waits for them, so each is logged under its staff member. */
    const running = new Set<Promise<void>>();

    /** Runs a staff action; a failure is shown in staff mode rather than lost. */
    const staffStep = async (what: StaffStep, step: () => Promise<void>) => {
      const run = (async () => {
        try {
          await step();
        } catch (error) {
          set({ staffNotice: { step: what, problem: problemOf(error) } });
        }
      })();
      running.add(run);
      try {
        await run;
      } finally {
        running.delete(run);
      }
    };

    /** Signs staff out (logged) and ends their session on the host. */
    const leaveStaffMode = async () => {
      const mode = get().staffMode;
      if (!mode) return;
      await logAction('signed_out').catch(() => undefined);
      await staff?.endStaffSession(mode.staffSessionId).catch(() => undefined);
      set({ staffMode: null, staffNotice: null });
    };

    return {
      helpRequest: null,
      storeOnline: false,
      helpOffer: null,
      staffSignIn: { open: false, busy: false, error: null },
      staffMode: null,
      staffNotice: null,

      async sendHelpRequest(reason, trigger = 'customer') {
        const current = get().helpRequest;
        if (current && current.stage !== 'resolved' && current.stage !== 'ask_at_counter') return;
        const screen: Screen = get().screen;
        set({ helpRequest: { handoffId: null, reason, stage: 'sending' }, helpOffer: null });
        record('staff_called', { reason, screen, trigger });
        if (!staff) {
          set({ helpRequest: { handoffId: null, reason, stage: 'ask_at_counter' } });
          return;
        }
        try {
          const { handoffId, outcome } = await staff.callStaff({ reason, screen, cart: cartSnapshotOf(get()), trigger });
          // An acknowledgement may have arrived before the answer; keep the later stage.
          const latest = get().helpRequest;
          if (latest?.handoffId === handoffId && latest.stage !== 'sending') return;
          set({ helpRequest: { handoffId, reason, stage: outcome === 'notified' ? 'on_the_way' : 'ask_at_counter' } });
        } catch {
          set({ helpRequest: { handoffId: null, reason, stage: 'ask_at_counter' } });
        }
      },

      async cancelHelpRequest() {
        const current = get().helpRequest;
        if (!current) return;
        if (current.handoffId && staff && (current.stage === 'on_the_way' || current.stage === 'coming')) {
          try {
            await staff.cancelHelpRequest(current.handoffId);
          } catch {
            // Staff may still come; the request stays visible so the customer knows.
            return;
          }
        }
        record('staff_call_cancelled', { reason: current.reason, stage: current.stage });
        set({ helpRequest: null, help: { open: false } });
      },

      dismissHelpRequest() {
        const current = get().helpRequest;
        if (current && (current.stage === 'resolved' || current.stage === 'ask_at_counter')) set({ helpRequest: null });
      },

      applyHostEvent(event) {
        if (event.type === 'storeBus.connection') {
          set({ storeOnline: event.online });
          return;
        }
        if (event.type === 'staff.handoff') {
          const { handoff } = event;
          const current = get().helpRequest;
          if (!current || (current.handoffId !== null && current.handoffId !== handoff.handoffId)) return;
          if (handoff.state === 'acknowledged') {
            set({ helpRequest: { ...current, handoffId: handoff.handoffId, stage: 'coming', staffName: handoff.acknowledgedBy.name } });
          } else if (handoff.state === 'resolved') {
            if (handoff.outcome === 'cancelled_by_customer') return;
            set({ helpRequest: { ...current, handoffId: handoff.handoffId, stage: 'resolved', outcome: handoff.outcome } });
          }
          return;
        }
        if (event.type === 'staff.orderStatus') void applyOrderUpdate(event.update);
      },

      restoreHelpRequest(handoff) {
        if (get().helpRequest || handoff.state === 'resolved') return;
        set({
          helpRequest:
            handoff.state === 'acknowledged'
              ? { handoffId: handoff.handoffId, reason: handoff.reason, stage: 'coming', staffName: handoff.acknowledgedBy.name }
              : { handoffId: handoff.handoffId, reason: handoff.reason, stage: 'on_the_way' },
        });
      },

      offerHelp(kind) {
        const { helpRequest, staffMode, help, screen } = get();
        // Never over a request already made, staff at work, or the customer's open dialog; not before a session.
        if (helpRequest || staffMode || help.open || screen === 'attract') return;
        if (get().helpOffer === kind) return;
        set({ helpOffer: kind });
        record('help_offered', { kind, screen });
      },

      async acceptHelpOffer() {
        const kind = get().helpOffer;
        if (!kind) return;
        record('help_offer_accepted', { kind });
        set({ helpOffer: null, help: { open: true } });
        await get().sendHelpRequest(OFFER_REASON[kind], 'offer');
      },

      declineHelpOffer() {
        const kind = get().helpOffer;
        if (!kind) return;
        record('help_offer_declined', { kind });
        set({ helpOffer: null });
      },

      openStaffSignIn() {
        set({ staffSignIn: { open: true, busy: false, error: null }, help: { open: false } });
      },

      closeStaffSignIn() {
        set({ staffSignIn: { open: false, busy: false, error: null } });
      },

      async signInStaff(username, pin) {
        if (!staff) {
          set({ staffSignIn: { open: true, busy: false, error: 'unavailable' } });
          return;
        }
        set({ staffSignIn: { open: true, busy: true, error: null } });
        try {
          const { staffSessionId, staffName } = await staff.verifyStaffPin(username, pin);
          set({ staffMode: { staffSessionId, staffName }, staffSignIn: { open: false, busy: false, error: null }, staffNotice: null, helpOffer: null });
          await logAction('signed_in').catch(() => undefined);
        } catch (error) {
          const reason = staffSignInProblemOf(error);
          record('staff_sign_in_refused', { username, reason });
          set({ staffSignIn: { open: true, busy: false, error: reason } });
        }
      },

      async exitStaffMode() {
        await Promise.all([...running]);
        await leaveStaffMode();
      },

      async staffRemoveLine(lineId, reason) {
        const line = get().lines.find((candidate) => candidate.lineId === lineId);
        if (!line) return;
        await staffStep('remove', async () => {
          get().removeLine(lineId);
          const { title } = get().menu ? describeLine(get().menu!, line.selection, get().locale) : { title: lineId };
          await logAction('item_removed', { reason, detail: { lineId, title } });
          set({ staffNotice: null });
        });
      },

      async staffSetQuantity(lineId, quantity) {
        await staffStep('quantity', async () => {
          get().setQuantity(lineId, quantity);
          await logAction('quantity_changed', { detail: { lineId, quantity } });
        });
      },

      async staffCompLine(lineId, reason, note) {
        const line = get().lines.find((candidate) => candidate.lineId === lineId);
        const menu = get().menu;
        if (!line || line.comp || !menu) return;
        const trimmed = (note ?? '').trim().slice(0, 180);
        await staffStep('comp', async () => {
          const { title } = describeLine(menu, line.selection, get().locale);
          const waivedTotal = priceCartLine(menu, line).total;
          // Money given away: only once the host has logged who did it (the log's name and time go on the line).
          const logged = await logAction('item_comped', { reason: trimmed ? `${reason}: ${trimmed}` : reason, detail: { lineId, title, waivedTotal } });
          if (!logged) throw new StaffStepError('staff_mode_ended');
          get().setLineComp(lineId, { by: logged.staffName, reason, ...(trimmed ? { note: trimmed } : {}), at: logged.at });
          set({ staffNotice: null });
        });
      },

      async staffResolveHelp(outcome) {
        const mode = get().staffMode;
        const current = get().helpRequest;
        if (!mode || !staff || !current?.handoffId) return;
        const handoffId = current.handoffId;
        await staffStep('resolve', async () => {
          const resolved = await staff.resolveHelpRequest({ staffSessionId: mode.staffSessionId, handoffId, outcome });
          if (!resolved) throw new StaffStepError('request_closed');
          set({ helpRequest: { ...current, stage: 'resolved', outcome } });
          await logAction('help_resolved', { handoffId, detail: { outcome } });
        });
      },

      async staffSwitchToCounter() {
        await staffStep('pay_at_counter', async () => {
          const order = await placeAtCounter();
          await logAction('switched_to_counter', { orderId: order.orderId, detail: { orderNumber: order.orderNumber } });
        });
      },

      async staffRetryPayment() {
        await staffStep('retry_payment', async () => {
          if (get().payment.step !== 'declined') throw new StaffStepError('no_declined_payment');
          await logAction('payment_retried', { ...(get().checkoutOrderId ? { orderId: get().checkoutOrderId! } : {}) });
          // Staff leave staff mode so the customer can follow the terminal's prompts.
          await leaveStaffMode();
          await get().retryCard();
        });
      },

      async staffResolvePayment(paid) {
        await staffStep('resolve_payment', async () => {
          const order = get().lastOrder;
          if (!staff || !order || order.status !== 'payment_unknown') throw new StaffStepError('no_payment_in_doubt');
          // Signed first: the host journals the staff member's word, so the order reaches the store as paid at once.
          await logAction('payment_resolved', { orderId: order.orderId, detail: { orderNumber: order.orderNumber, paid } });
          const updated = await staff.transitionOrder(order.orderId, paid ? 'staff_marked_paid' : 'cancelled_by_staff');
          set({ lastOrder: updated });
        });
      },

      async staffReprint() {
        await staffStep('reprint', async () => {
          const order = get().lastOrder;
          if (!order || !deps.payments) throw new StaffStepError('nothing_to_reprint');
          const printed =
            order.paymentMethod === 'counter'
              ? await deps.payments.printTicket({ kind: 'pay_at_counter', order, reprint: true })
              : await deps.payments.printTicket({ kind: 'receipt', order, reprint: true });
          if (printed.result !== 'printed') throw new StaffStepError('print_failed', printed.message);
          if (printed.duplicate) throw new StaffStepError('already_printed');
          await logAction('receipt_reprinted', { orderId: order.orderId, detail: { orderNumber: order.orderNumber } });
          set({ staffNotice: null });
        });
      },

      async staffHandToCounter() {
        await staffStep('hand_to_counter', async () => {
          const order = await placeAtCounter();
          await logAction('order_handed_to_counter', { orderId: order.orderId, detail: { orderNumber: order.orderNumber } });
          const current = get().helpRequest;
          if (current?.handoffId && (current.stage === 'on_the_way' || current.stage === 'coming')) await get().staffResolveHelp('order_taken_to_counter');
          await leaveStaffMode();
          set({ helpRequest: null, help: { open: false } });
          await get().resetSession();
        });
      },

      async staffCancelOrder(reason) {
        await staffStep('cancel_order', async () => {
          const order = get().lastOrder;
          if (order && staff && (order.status === 'awaiting_counter_payment' || order.status === 'placed' || order.status === 'payment_unknown')) {
            await staff.transitionOrder(order.orderId, 'cancelled_by_staff');
          }
          await logAction('order_cancelled', { ...(order ? { orderId: order.orderId } : {}), reason, detail: { lines: get().lines.length } });
          await leaveStaffMode();
          set({ helpRequest: null, help: { open: false } });
          await get().resetSession();
        });
      },
    };

    /** The cart (or a card order whose payment failed) becomes a counter order with its counter ticket (payment slice). */
    async function placeAtCounter(): Promise<OrderDocument> {
      const pending = get().lastOrder;
      if (get().lines.length === 0 && pending && pending.status !== 'placed') throw new StaffStepError('nothing_to_place');
      await get().payAtCounter();
      const order = get().lastOrder;
      if (get().placing === 'failed' || !order || order.paymentMethod !== 'counter') {
        throw new StaffStepError('not_placed', `${get().placing}, ${order ? `${order.orderNumber} ${order.paymentMethod} ${order.status}` : 'no order'}`);
      }
      return order;
    }

    /**
     * Staff marked one of this kiosk's counter orders paid, cancelled or "didn't show up" on the console
     * or a POS. "Ready" is only given to paid orders, so it also settles a counter payment the kiosk missed.
     */
    async function applyOrderUpdate(update: OrderStatusMessage) {
      if (!staff) return;
      const event = update.status === 'paid' || update.status === 'ready' ? 'staff_marked_paid' : 'cancelled_by_staff';
      try {
        const order = await staff.transitionOrder(update.orderId, event);
        if (get().lastOrder?.orderId === order.orderId) set({ lastOrder: order });
        record('order_updated_by_staff', { status: update.status, by: update.by.name }, update.orderId);
      } catch {
        // Already applied (the update can arrive twice) or not this kiosk's order any more.
      }
    }
  };
