// Session events (analytics and audit): stored and queued for the store in one transaction.
import type { z } from 'zod';
import { analyticsEventInput } from '../../common/store-bus/messages';
import { invalidInput, type DataContext } from './context';
import type { KioskEvent } from './db';
import { enqueueEvent } from './outbox-queue';

/** Event types the analytics reports understand; other types are kept as an audit trail. */
export const ANALYTICS_EVENT_TYPES = ['session_started', 'item_added', 'staff_called', 'abandoned', 'completed'] as const;

/** What the page records: the one analytics event type (common/store-bus/messages), before its envelope. */
export const eventInput = analyticsEventInput;
export type EventInput = z.input<typeof eventInput>;

export const eventRecords = (context: DataContext) => {
  /** The last event's time: events written in the same millisecond keep the order they were recorded in. */
  let lastAt = 0;
  /** Now, or just after the last event (the clock's resolution is a millisecond; the store's reports sort by time). */
  const nextEventTime = (): string => {
    lastAt = Math.max(context.now().getTime(), lastAt + 1);
    return new Date(lastAt).toISOString();
  };
  return {
    /** Stores a session event and queues it for the store, in one transaction. */
    async recordEvent(input: EventInput): Promise<KioskEvent> {
      const { db, newId, notifyOutbox } = context;
      const parsed = eventInput.safeParse(input);
      if (!parsed.success) throw invalidInput('Event', parsed.error);
      const event: KioskEvent = { eventId: newId(), at: nextEventTime(), ...parsed.data };
      await db.transaction('rw', [db.events, db.outbox], async () => {
        await db.events.add(event);
        await enqueueEvent(context, event);
      });
      notifyOutbox();
      return event;
    },
  };
};
