// The renderer's durable data layer (Dexie). Everything the kiosk must not lose lives here.
export { openKioskData, ANALYTICS_EVENT_TYPES, toOrderDocument } from './kiosk-data';
export type { KioskData, KioskDataOptions, NewOrder, PaymentMethod, DraftInput, StoredDraft, EventInput } from './kiosk-data';
export { KioskDatabase, DEFAULT_DATABASE_NAME } from './db';
export type { KioskEvent, OutboxMessage, OutboxRow, OrderRow } from './db';
