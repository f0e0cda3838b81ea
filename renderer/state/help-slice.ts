// "Call staff" and offers of help at the kiosk. The customer sees where their request stands
// (on the way → who is coming → resolved) and can cancel it; offers of help appear after trouble
// (never forced); a request whose customer has left is closed as "customer left". It also applies
// what the store sends back: the bus's connection, staff answering a request, staff settling one of
// this kiosk's counter orders. Staff mode, where staff act at the kiosk, is staff-mode-slice.ts.
import type { StateCreator } from 'zustand';
import { cartSnapshotOf, type HelpRequest } from './staff-deps';
import { staffEventRecorder } from './record';
import type { KioskEvent as HostEvent } from '../../common/contract/index';
import type { HandoffMessage, HandoffReason, HelpOfferKind, OrderStatusMessage } from '../../common/store-bus/messages';
import type { KioskDeps, KioskState, Screen } from './types';

export interface HelpSlice {
  helpRequest: HelpRequest | null;
  /** Whether the store bus is connected (staff can be reached). */
  storeOnline: boolean;
  helpOffer: HelpOfferKind | null;
  /** No reason chosen: the general one, help with the order (the contract's default). */
  sendHelpRequest(reason?: HandoffReason, trigger?: 'customer' | 'offer'): Promise<void>;
  cancelHelpRequest(): Promise<void>;
  /** Forgets a finished request (resolved or "ask at the counter"). */
  dismissHelpRequest(): void;
  applyHostEvent(event: HostEvent): void;
  /**
   * After a reload: the host still has this kiosk's open request. The session that made it sees it
   * again; any other session never does (it is closed as "customer left").
   */
  restoreHelpRequest(handoff: HandoffMessage, sessionId?: string): void;
  /** The customer's session ended (done, start over, walked away): an open request is closed as "customer left". */
  endHelpForSession(): Promise<void>;
  offerHelp(kind: HelpOfferKind): void;
  acceptHelpOffer(): Promise<void>;
  declineHelpOffer(): void;
}

const OFFER_REASON: Record<HelpOfferKind, HandoffReason> = {
  payment_declined: 'payment_problem',
  payment_unknown: 'payment_problem',
  printer_failed: 'other',
  stalled: 'help_with_order',
  going_back: 'help_with_order',
};

export const createHelpSlice =
  (deps: KioskDeps): StateCreator<KioskState, [], [], HelpSlice> =>
  (set, get) => {
    const staff = deps.staff;
    const record = staffEventRecorder(deps, get);

    /** Requests of customers who left that could not be closed yet (store unreachable): closed when it is back. */
    const leftOpen = new Set<string>();
    /** Closes a request whose customer has gone, as "customer left" on the bus; kept for later if the store cannot be reached. */
    const closeLeftRequest = async (handoffId: string): Promise<void> => {
      if (!staff) return;
      leftOpen.add(handoffId);
      try {
        await staff.cancelHelpRequest(handoffId, 'customer_left');
        leftOpen.delete(handoffId);
        record('staff_call_closed', { handoffId, outcome: 'customer_left' });
      } catch {
        // The store cannot be reached now; tried again when it is back (storeBus.connection).
      }
    };

    return {
      helpRequest: null,
      storeOnline: false,
      helpOffer: null,

      async sendHelpRequest(reason = 'help_with_order', trigger = 'customer') {
        const current = get().helpRequest;
        if (current && current.stage !== 'resolved' && current.stage !== 'ask_at_counter') return;
        const screen: Screen = get().screen;
        const sessionId = get().session?.id;
        set({ helpRequest: { handoffId: null, reason, stage: 'sending' }, helpOffer: null });
        record('staff_called', { reason, screen, trigger });
        if (!staff) {
          set({ helpRequest: { handoffId: null, reason, stage: 'ask_at_counter' } });
          return;
        }
        try {
          const { handoffId, outcome } = await staff.callStaff({ reason, screen, cart: cartSnapshotOf(get()), trigger, ...(sessionId ? { sessionId } : {}) });
          // The customer left while it was being sent: it is theirs, so it ends with them.
          if (sessionId !== undefined && get().session?.id !== sessionId) {
            if (outcome === 'notified') await closeLeftRequest(handoffId);
            return;
          }
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
          if (event.online) for (const handoffId of [...leftOpen]) void closeLeftRequest(handoffId);
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

      restoreHelpRequest(handoff, sessionId) {
        if (handoff.state === 'resolved') return;
        const current = get().session?.id;
        if (sessionId === undefined || sessionId !== current) {
          // Left open by an earlier customer (a reload, a restart, a close that did not get through).
          void closeLeftRequest(handoff.handoffId);
          return;
        }
        if (get().helpRequest) return;
        set({
          helpRequest:
            handoff.state === 'acknowledged'
              ? { handoffId: handoff.handoffId, reason: handoff.reason, stage: 'coming', staffName: handoff.acknowledgedBy.name }
              : { handoffId: handoff.handoffId, reason: handoff.reason, stage: 'on_the_way' },
        });
      },

      async endHelpForSession() {
        const current = get().helpRequest;
        set({ helpRequest: null, helpOffer: null, help: { open: false } });
        if (!current) return;
        if (current.handoffId && (current.stage === 'on_the_way' || current.stage === 'coming')) await closeLeftRequest(current.handoffId);
        // Still being sent: sendHelpRequest closes it once the host answers (the session is gone by then).
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
    };

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
