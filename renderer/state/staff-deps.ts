// What "Call staff" and staff mode need from the host (kiosk contract) and the order store
// (Dexie), the help request as the kiosk keeps it, and the cart as staff see it.
import { describeLine } from '../../common/menu/describe';
import type { StaffAction } from '../../common/contract/staff';
import type { OrderDocument } from '../../common/order/order';
import type { CartSnapshot, HandoffMessage, HandoffOutcome, HandoffReason } from '../../common/store-bus/messages';
import { priceCartLine } from './selectors';
import type { KioskState } from './types';

/** What staff mode and "Call staff" need from the host (kiosk contract) and the order store (Dexie). */
export interface StaffDeps {
  callStaff(input: { reason: HandoffReason; screen: string; cart: CartSnapshot; trigger: 'customer' | 'offer'; sessionId?: string }): Promise<{ handoffId: string; outcome: 'notified' | 'ask_at_counter' }>;
  /** Closes the request: the customer cancelled it, or their session ended (customer_left). */
  cancelHelpRequest(handoffId: string, outcome?: HelpClosing): Promise<boolean>;
  getHelpRequest(): Promise<HandoffMessage | null>;
  verifyStaffPin(username: string, pin: string): Promise<{ staffSessionId: string; staffName: string; manager?: boolean }>;
  endStaffSession(staffSessionId: string): Promise<void>;
  logStaffAction(input: { staffSessionId: string; action: StaffAction; orderId?: string; handoffId?: string; reason?: string; detail?: Record<string, unknown> }): Promise<{ staffName: string; at: string }>;
  resolveHelpRequest(input: { staffSessionId: string; handoffId: string; outcome: HandoffOutcome }): Promise<boolean>;
  /** Staff cancelled or marked paid an order of this kiosk (Dexie lifecycle). */
  transitionOrder(orderId: string, event: 'cancelled_by_staff' | 'staff_marked_paid' | 'choose_counter'): Promise<OrderDocument>;
}

export type HelpStage = 'sending' | 'on_the_way' | 'coming' | 'resolved' | 'ask_at_counter';
/** How the kiosk itself closes a request. */
export type HelpClosing = 'cancelled_by_customer' | 'customer_left';

export interface HelpRequest {
  handoffId: string | null;
  reason: HandoffReason;
  stage: HelpStage;
  /** Who acknowledged it ("Sam is on the way"). */
  staffName?: string;
  outcome?: HandoffOutcome;
}

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
