// The renderer's durable data layer (Dexie). Everything the kiosk must not lose lives here.
export { openKioskData, ANALYTICS_EVENT_TYPES, toOrderDocument, orderMessage, terminalReference } from './kiosk-data';
export type {
  KioskData,
  KioskDataOptions,
  NewOrder,
  PaymentMethod,
  PaymentResult,
  DraftInput,
  StoredDraft,
  EventInput,
  DeadLetter,
  CachedMenu,
  PruneResult,
} from './kiosk-data';
export { KioskDatabase, DEFAULT_DATABASE_NAME, LATEST_SCHEMA_VERSION, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5, SCHEMA_V6, SCHEMA_V7 } from './db';
export type {
  KioskEvent,
  OutboxMessage,
  OutboxRow,
  OutboxState,
  OrderRow,
  PaymentJournalRow,
  PaymentOutcome,
  TerminalReference,
  MenuCacheRow,
  DraftRow,
} from './db';
export {
  startOutboxSync,
  StoreLinkUnavailableError,
  isStoreLinkUnavailable,
  STORE_LINK_UNAVAILABLE,
  DEFAULT_BACKOFF,
  DEFAULT_MAX_ATTEMPTS,
} from './outbox-sync';
export type { StoreLinkPort, OutboxSync, OutboxSyncOptions } from './outbox-sync';
export { recoverOnStart, isDraftRecent, ordersAwaitingConfirmation, CONFIRMATION_DISMISSED_EVENT } from './recovery';
export type { PaymentResolution, ReceiptCheck, RecoveryOptions, RecoveryReport } from './recovery';
