// Wires the store bus into the renderer: the outbox sync loop delivers through the
// host (deliverOutboxMessages answers each message once the broker's PUBACK or a refusal is in), host events reach the
// staff slice, and staff mode gets its calls. Used once, by main.tsx.
import { KioskCallError, KioskLinkError, type KioskApi } from '../api';
import { startOutboxSync, StoreLinkUnavailableError, type KioskData, type OutboxSync } from '../data';
import type { StaffDeps } from '../state/staff-deps';
import type { KioskStore } from '../state/store';
import { whenIdle } from '../state/when-idle';

/** The host cannot reach the store (or the host itself is restarting): the outbox backs off and tries again. */
const isUnavailable = (error: unknown): boolean => (error instanceof KioskCallError && error.code === 'unavailable') || error instanceof KioskLinkError;

export function staffDeps(api: () => KioskApi, data: () => Promise<KioskData>): StaffDeps {
  return {
    callStaff: (input) => api().callStaff(input),
    cancelHelpRequest: async (handoffId, outcome) => (await api().cancelHelpRequest({ handoffId, ...(outcome ? { outcome } : {}) })).cancelled,
    getHelpRequest: async () => (await api().getHelpRequest({})).handoff,
    verifyStaffPin: (username, pin) => api().verifyStaffPin({ username, pin }),
    endStaffSession: async (staffSessionId) => void (await api().endStaffSession({ staffSessionId })),
    logStaffAction: (input) => api().logStaffAction(input),
    resolveHelpRequest: async (input) => (await api().resolveHelpRequest(input)).resolved,
    transitionOrder: async (orderId, event) => (await data()).transitionOrder(orderId, event),
  };
}

/** The longest a delivery waits for the page to be idle. */
const SETTLE_AT_MOST_MS = 1_000;

/** Starts delivering the outbox and listening to the store bus; returns a stop function. */
export function connectStoreBus(api: KioskApi, data: KioskData, store: KioskStore): () => Promise<void> {
  const sync: OutboxSync = startOutboxSync({
    data,
    // What a tap queued (an event, an order) goes once the page is idle: after the screen it leads to.
    settle: () => whenIdle(SETTLE_AT_MOST_MS),
    link: {
      async deliver(messages) {
        try {
          return (await api.deliverOutboxMessages({ messages })).results;
        } catch (error) {
          if (isUnavailable(error)) throw new StoreLinkUnavailableError(error instanceof Error ? error.message : String(error));
          throw error;
        }
      },
    },
  });
  const stopEvents = api.onEvent((event) => {
    // Back online: deliver now rather than at the end of the backoff.
    if (event.type === 'storeBus.connection' && event.online) sync.kick();
    store.getState().applyHostEvent(event);
  });
  // The current state, in case the connection came up before this listener did.
  api
    .getStoreBusStatus({})
    .then(({ online }) => store.getState().applyHostEvent({ type: 'storeBus.connection', online }))
    .catch(() => undefined);
  api
    .getHelpRequest({})
    .then(({ handoff, sessionId }) => handoff && store.getState().restoreHelpRequest(handoff, sessionId))
    .catch(() => undefined);
  return async () => {
    stopEvents();
    await sync.stop();
  };
}
