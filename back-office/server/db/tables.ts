// The back office's tables, as Kysely types. Times are epoch milliseconds (bigint);
// local_date (YYYY-MM-DD) and local_hour are the store's wall clock, computed once at
// ingest, so reports group by the store's day and hour on SQLite and PostgreSQL alike.

export interface OrdersTable {
  order_id: string;
  store_id: string;
  kiosk_id: string;
  order_number: string;
  menu_version: string;
  locale: string;
  service_mode: string;
  payment_method: string;
  status: string;
  currency: string;
  total: number;
  line_count: number;
  placed_at: number;
  local_date: string;
  local_hour: number;
  updated_at: number;
  /** The revision whose content this row holds (see order_revisions). */
  revision: string;
  /** The order message as received (it carries no card data). */
  document: string;
}

/** Every distinct order message seen: a redelivered message has the same revision and is recorded once. */
export interface OrderRevisionsTable {
  order_id: string;
  revision: string;
  status: string;
  updated_at: number;
  received_at: number;
}

/** What customers chose per order line: options (customisations) and removed ingredients. */
export interface OrderChoicesTable {
  order_id: string;
  line_index: number;
  /** 'option' (groupId/optionId) or 'removed' (itemId/ingredientId). */
  kind: string;
  group_ref: string;
  ref: string;
  quantity: number;
}

/** Staff or a POS marked an order paid or cancelled (order/{kiosk}/{orderId}/status). */
export interface OrderSettlementsTable {
  order_id: string;
  status: string;
  settled_at: number;
  settled_by: string;
}

export interface EventsTable {
  event_id: string;
  store_id: string;
  kiosk_id: string;
  type: string;
  at: number;
  local_date: string;
  local_hour: number;
  session_id: string | null;
  order_id: string | null;
  duration_ms: number | null;
  /** abandoned: the screen the session ended on. */
  screen: string | null;
  /** payment.outcome: approved | declined | aborted | unknown. */
  result: string | null;
  /** completed: card | counter. */
  method: string | null;
  detail: string | null;
}

export interface HandoffsTable {
  handoff_id: string;
  kiosk_id: string;
  reason: string;
  trigger: string;
  screen: string;
  state: string;
  opened_at: number;
  local_date: string;
  local_hour: number;
  acknowledged_at: number | null;
  acknowledged_by: string | null;
  resolved_at: number | null;
  resolved_by: string | null;
  outcome: string | null;
}

/** The latest retained status of each kiosk. */
export interface KiosksTable {
  kiosk_id: string;
  state: string;
  menu_version: string | null;
  printer: string | null;
  terminal: string | null;
  cause: string | null;
  at: number;
  received_at: number;
}

/** Every menu version the back office published or saw published on the store bus. */
export interface MenuVersionsTable {
  version: string;
  /** 1, 2, 3 … in the order versions were first recorded. */
  seq: number;
  menu: string;
  content_hash: string;
  /** What changed against the version published before it. */
  summary: string;
  created_at: number;
  created_by: string;
}

/** Each time a version went out as the retained menu (publish, roll back, or seen on the bus). */
export interface MenuPublicationsTable {
  id: string;
  version: string;
  published_at: number;
  published_by: string;
  kind: string;
}

/** The editor's working copy (one per store), so a reload or a colleague sees it. */
export interface MenuDraftTable {
  id: string;
  menu: string;
  base_version: string | null;
  updated_at: number;
  updated_by: string;
}

/** Items sold out now (mirrors the retained availability message) and whether they stay sold out past closing. */
export interface SoldOutTable {
  item_id: string;
  since: number;
  by: string;
  keep: number;
}

export interface AuditLogTable {
  id: string;
  at: number;
  actor: string;
  action: string;
  detail: string | null;
}

export interface BackOfficeTables {
  orders: OrdersTable;
  order_revisions: OrderRevisionsTable;
  order_choices: OrderChoicesTable;
  order_settlements: OrderSettlementsTable;
  events: EventsTable;
  handoffs: HandoffsTable;
  kiosks: KiosksTable;
  menu_versions: MenuVersionsTable;
  menu_publications: MenuPublicationsTable;
  menu_draft: MenuDraftTable;
  sold_out: SoldOutTable;
  audit_log: AuditLogTable;
}
