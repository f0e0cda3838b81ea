// Session events (analytics and audit) from the state slices: each carries the session it
// belongs to and how long that session has run. Best effort: a failed write never blocks the customer.
import type { KioskDeps, KioskState, SessionEvent } from './types';

export type RecordEvent = (type: string, extra?: Omit<SessionEvent, 'type' | 'sessionId' | 'durationMs'>) => void;

export const sessionRecorder =
  (deps: Pick<KioskDeps, 'recordEvent' | 'now'>, get: () => Pick<KioskState, 'session'>): RecordEvent =>
  (type, extra = {}) => {
    const { session } = get();
    const event: SessionEvent = { type, ...extra };
    if (session) {
      event.sessionId = session.id;
      event.durationMs = Math.max(0, deps.now().getTime() - session.startedAt);
    }
    deps.recordEvent(event).catch(() => undefined);
  };

/** The same for "Call staff" and staff mode, whose events carry their details and the order they concern. */
export const staffEventRecorder = (deps: Pick<KioskDeps, 'recordEvent' | 'now'>, get: () => Pick<KioskState, 'session'>) => {
  const record = sessionRecorder(deps, get);
  return (type: string, detail: Record<string, unknown>, orderId?: string): void => record(type, { detail, ...(orderId ? { orderId } : {}) });
};
