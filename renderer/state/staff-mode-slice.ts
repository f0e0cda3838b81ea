// Staff mode at the kiosk: staff sign in with name and PIN, then change the order, give lines
// away, settle payments and hand the customer to the counter. Every staff action is logged with
// who and when (the host's audit log and a kiosk event, which the outbox publishes on the store
// bus). "Call staff", which brings them, is help-slice.ts.
import type { StateCreator } from 'zustand';
import { describeLine } from '../../common/menu/describe';
import { staffEventRecorder } from './record';
import { errorCodeOf, staffSignInProblemOf, type CallErrorCode, type StaffSignInProblem } from '../../common/contract/errors';
import type { HelpMessages } from '../../common/i18n';
import type { StaffAction } from '../../common/contract/staff';
import type { CompReason, OrderDocument } from '../../common/order/order';
import type { HandoffOutcome } from '../../common/store-bus/messages';
import { priceCartLine } from './selectors';
import type { KioskDeps, KioskState } from './types';

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

export interface StaffModeSlice {
  staffSignIn: { open: boolean; busy: boolean; error: StaffSignInProblem | null };
  /** manager: may cancel orders and comp above the store's limit (the host checks it again on every action). */
  staffMode: { staffSessionId: string; staffName: string; manager: boolean } | null;
  /** The last staff action that failed, for staff mode's status line (null once one succeeds). */
  staffNotice: { step: StaffStep; problem: StaffProblem } | null;
  openStaffSignIn(): void;
  closeStaffSignIn(): void;
  signInStaff(username: string, pin: string): Promise<void>;
  exitStaffMode(): Promise<void>;
  staffRemoveLine(lineId: string, reason: string): Promise<void>;
  staffSetQuantity(lineId: string, quantity: number): Promise<void>;
  /** Gives a line away: logged first (who, when), then the line costs 0 and shows "Comped by {staff}: {reason}". */
  staffCompLine(lineId: string, reason: CompReason | '', note?: string): Promise<void>;
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
  /** Cancels the order, once confirmed with a chosen reason (a CancelReason code); a manager's action (the host refuses others). */
  staffCancelOrder(reason: string): Promise<void>;
}

export const createStaffModeSlice =
  (deps: KioskDeps): StateCreator<KioskState, [], [], StaffModeSlice> =>
  (set, get) => {
    const staff = deps.staff;
    const record = staffEventRecorder(deps, get);

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
      staffSignIn: { open: false, busy: false, error: null },
      staffMode: null,
      staffNotice: null,

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
          const { staffSessionId, staffName, manager = false } = await staff.verifyStaffPin(username, pin);
          set({ staffMode: { staffSessionId, staffName, manager }, staffSignIn: { open: false, busy: false, error: null }, staffNotice: null, helpOffer: null });
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
          if (!reason) throw new StaffStepError('choose_reason');
          get().removeLine(lineId);
          const { title } = get().menu ? describeLine(get().menu!, line.selection, get().locale) : { title: lineId };
          await logAction('item_removed', { reason, detail: { lineId, title } });
          set({ staffNotice: null });
        });
      },

      async staffSetQuantity(lineId, quantity) {
        await staffStep('quantity', async () => {
          // A comp gave away a quantity: it stays as it was (remove the line, or add and comp a new one).
          if (get().lines.find((candidate) => candidate.lineId === lineId)?.comp) throw new StaffStepError('comp_fixed');
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
          if (!reason) throw new StaffStepError('choose_reason');
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
          if (!reason) throw new StaffStepError('choose_reason');
          const order = get().lastOrder;
          // Logged first: the host refuses staff who are not a manager, and then nothing is cancelled.
          const logged = await logAction('order_cancelled', { ...(order ? { orderId: order.orderId } : {}), reason, detail: { lines: get().lines.length } });
          if (!logged) throw new StaffStepError('staff_mode_ended');
          if (order && staff && (order.status === 'awaiting_counter_payment' || order.status === 'placed' || order.status === 'payment_unknown')) {
            await staff.transitionOrder(order.orderId, 'cancelled_by_staff');
          }
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
  };
