// The host side of the staff contract calls (electron/common/contract/staff.ts),
// over a StoreLink. The kiosk keeps its own open help requests so it can cancel
// them and show them again after a reload; staff sign-in is checked by the broker.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { KioskCallError } from '../../../common/contract/index';
import type { staffCalls, StaffEvent } from '../../../common/contract/staff';
import type { HandoffMessage } from '../../../common/store-bus/messages';
import { StoreLinkOfflineError, StoreLinkTimeoutError, type StoreLink } from './types';

type StaffCalls = typeof staffCalls;
export type StaffHandlers = {
  [N in keyof StaffCalls]: (input: z.output<StaffCalls[N]['input']>) => Promise<z.output<StaffCalls[N]['output']>>;
};

export interface StaffHandlerOptions {
  link: StoreLink;
  /** Checks a staff name and PIN (StoreBus.verifyStaffPin); rejects with KioskCallError wrong_pin or locked_out when refused. */
  verifyStaffPin: (username: string, pin: string) => Promise<{ manager: boolean }>;
  /** Pushes events to the renderer. */
  emit: (event: StaffEvent) => void;
  now?: () => Date;
  log?: (line: string) => void;
}

const isUnreachable = (error: unknown): boolean => error instanceof StoreLinkOfflineError || error instanceof StoreLinkTimeoutError;

export function createStaffHandlers(options: StaffHandlerOptions): { handlers: StaffHandlers; dispose(): void } {
  const { link } = options;
  const now = options.now ?? (() => new Date());
  const open = new Map<string, HandoffMessage>();
  /** The customer session of each request made here (the bus never sees it). */
  const sessions = new Map<string, string>();

  const unsubscribe = [
    link.onHandoffUpdate((handoff) => {
      if (handoff.state === 'resolved') {
        open.delete(handoff.handoffId);
        sessions.delete(handoff.handoffId);
      } else open.set(handoff.handoffId, handoff);
      options.emit({ type: 'staff.handoff', handoff });
    }),
    link.onOrderUpdate((update) => options.emit({ type: 'staff.orderStatus', update })),
    link.onConnectionChange((online) => options.emit({ type: 'storeBus.connection', online })),
  ];

  const handlers: StaffHandlers = {
    async callStaff(input) {
      const handoff: HandoffMessage = {
        handoffId: randomUUID(),
        storeId: link.store,
        kioskId: link.kioskId,
        reason: input.reason,
        screen: input.screen,
        cart: input.cart,
        trigger: input.trigger,
        openedAt: now().toISOString(),
        state: 'open',
      };
      try {
        await link.publishHandoff(handoff);
      } catch (error) {
        if (!isUnreachable(error)) throw error;
        options.log?.(`call staff: ${error instanceof Error ? error.message : String(error)}`);
        return { handoffId: handoff.handoffId, outcome: 'ask_at_counter' };
      }
      open.set(handoff.handoffId, handoff);
      if (input.sessionId) sessions.set(handoff.handoffId, input.sessionId);
      return { handoffId: handoff.handoffId, outcome: 'notified' };
    },
    async cancelHelpRequest({ handoffId, outcome }) {
      const current = open.get(handoffId);
      if (!current) return { cancelled: false };
      const at = now().toISOString();
      const resolved: HandoffMessage = {
        ...current,
        state: 'resolved',
        resolvedBy: { role: 'kiosk', name: link.username },
        resolvedAt: at,
        outcome,
      };
      try {
        await link.publishHandoff(resolved);
      } catch (error) {
        if (!isUnreachable(error)) throw error;
        throw new KioskCallError('unavailable', `the help request could not be cancelled now (${error instanceof Error ? error.message : String(error)}); staff may still come`);
      }
      open.delete(handoffId);
      sessions.delete(handoffId);
      return { cancelled: true };
    },
    async getHelpRequest() {
      const latest = [...open.values()].sort((a, b) => b.openedAt.localeCompare(a.openedAt))[0];
      const sessionId = latest ? sessions.get(latest.handoffId) : undefined;
      return { handoff: latest ?? null, ...(sessionId ? { sessionId } : {}) };
    },
    async getStoreBusStatus() {
      return { online: link.online };
    },
    async staffSignIn({ username, pin }) {
      const { manager } = await options.verifyStaffPin(username, pin);
      return { staffName: username, manager };
    },
  };
  return { handlers, dispose: () => unsubscribe.forEach((stop) => stop()) };
}
