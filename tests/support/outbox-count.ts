// Counting a kiosk's outbox rows by state in tests, from the index the data layer reads them by.
import { Dexie } from 'dexie';
import type { KioskDatabase } from '../../renderer/data';

/** How many outbox rows are in `state` (a range of the [state+seq] index). */
export const outboxCount = (db: KioskDatabase, state: 'pending' | 'delivered' | 'dead'): Promise<number> =>
  db.outbox.where('[state+seq]').between([state, Dexie.minKey], [state, Dexie.maxKey]).count();
