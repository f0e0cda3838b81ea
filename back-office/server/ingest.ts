// Records what the back office hears on the store bus: orders, order settlements,
// events, help requests, kiosk statuses, menus and availability. Every write is
// idempotent (events on their id, orders on id + revision, help requests merged by
// state), so a message the broker delivers twice (QoS 1) counts once. A batch of
// messages is written in one transaction: ingest keeps up with a busy bus.
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Logger } from '../../electron/host/log';
import { silentLogger } from '../../electron/host/log';
import {
  availabilityMessage,
  handoffMessage,
  kioskEventMessage,
  kioskStatusMessage,
  menuMessage,
  orderMessage,
  orderStatusMessage,
  parseTopic,
  type AvailabilityMessage,
  type OrderMessage,
} from '../../common/store-bus/messages';
import { validateMenu } from '../../common/menu/validate';
import { ORDER_STATUSES } from '../../common/order/order';
import type { BackOfficeTables } from './db/tables';
import { compiledOnce } from './db/compiled-once';
import { localTime } from './local-time';
import { recordMenuVersion } from './menu-versions';

export interface BusMessage {
  topic: string;
  payload: Buffer | string;
}

export interface IngestCounts {
  recorded: number;
  duplicates: number;
  ignored: number;
}

export interface RecorderOptions {
  db: Kysely<BackOfficeTables>;
  store: string;
  timezone: string;
  /** Options pre-selected on the menu are not customisations ("groupId/optionId"). */
  isDefaultOption?: (groupId: string, optionId: string) => boolean;
  /** A menu or availability change seen on the bus (the back office refreshes its view). */
  onChange?: (kind: 'menu' | 'availability' | 'kiosk_status') => void;
  /** Every valid menu message, known or not (the back office learns the broker still has one). */
  onMenu?: (version: string) => void;
  /** Every valid availability message: staff's option and category sold-outs live only there. */
  onAvailability?: (message: AvailabilityMessage) => void;
  log?: Logger;
  now?: () => number;
}

type Db = Transaction<BackOfficeTables>;
type OrderRow = BackOfficeTables['orders'];
/** Every column of an order row, all written (and all replaced when a newer revision comes). */
const ORDER_COLUMNS = [
  'order_id', 'store_id', 'kiosk_id', 'order_number', 'menu_version', 'locale', 'service_mode', 'payment_method', 'status',
  'currency', 'total', 'line_count', 'placed_at', 'local_date', 'local_hour', 'updated_at', 'revision', 'document',
] as const satisfies readonly (keyof OrderRow)[];

/** How many order documents the recorder remembers as recorded (see recentOrders). */
const RECENT_ORDERS = 1_000;
type Outcome = 'recorded' | 'duplicate' | 'ignored';

const STATUS_RANK = new Map<string, number>(ORDER_STATUSES.map((status, index) => [status, index]));

export function createRecorder(options: RecorderOptions) {
  const log = options.log ?? silentLogger;
  const now = options.now ?? Date.now;
  const local = (ms: number) => localTime(ms, options.timezone);

  const parseJson = (topic: string, text: string): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      log.warn({ event: 'back_office_message_ignored', topic, reason: 'not JSON' }, 'ignored a store bus message that is not JSON');
      return undefined;
    }
  };

  // The order statements, compiled once: they run for every order message (see compiled-once.ts).
  const insertRevision = compiledOnce(['order_id', 'revision', 'status', 'updated_at', 'received_at'], (values: BackOfficeTables['order_revisions']) =>
    options.db
      .insertInto('order_revisions')
      .values(values)
      .onConflict((conflict) => conflict.columns(['order_id', 'revision']).doNothing()),
  );
  const selectCurrent = compiledOnce(['order_id'], ({ order_id }: { order_id: string }) =>
    options.db.selectFrom('orders').select(['updated_at', 'status']).where('order_id', '=', order_id),
  );
  const upsertOrder = compiledOnce(ORDER_COLUMNS, (row: OrderRow) =>
    options.db
      .insertInto('orders')
      .values(row)
      .onConflict((conflict) => conflict.column('order_id').doUpdateSet(({ ref }) => Object.fromEntries(ORDER_COLUMNS.map((key) => [key, ref(`excluded.${key}` as 'excluded.order_id')])))),
  );
  const deleteChoices = compiledOnce(['order_id'], ({ order_id }: { order_id: string }) => options.db.deleteFrom('order_choices').where('order_id', '=', order_id));

  const recordOrder = async (trx: Db, order: OrderMessage): Promise<Outcome> => {
    const canonical = JSON.stringify(order);
    const revision = createHash('sha256').update(canonical).digest('base64url').slice(0, 22);
    const updatedAt = Date.parse(order.updatedAt);
    const inserted = await insertRevision.run(trx, { order_id: order.orderId, revision, status: order.status, updated_at: updatedAt, received_at: now() });
    if (Number(inserted.numAffectedRows ?? 0) === 0) return 'duplicate';
    const current = (await selectCurrent.run(trx, { order_id: order.orderId })).rows[0];
    // An older revision arriving late (outbox retries) does not overwrite a newer one.
    if (current && (current.updated_at > updatedAt || (current.updated_at === updatedAt && (STATUS_RANK.get(current.status) ?? 0) > (STATUS_RANK.get(order.status) ?? 0)))) {
      return 'recorded';
    }
    const placedAt = Date.parse(order.placedAt);
    const placed = local(Number.isNaN(placedAt) ? updatedAt : placedAt);
    const row: OrderRow = {
      order_id: order.orderId,
      store_id: order.storeId,
      kiosk_id: order.kioskId,
      order_number: order.orderNumber,
      menu_version: order.menuVersion,
      locale: order.locale,
      service_mode: order.serviceMode,
      payment_method: order.paymentMethod,
      status: order.status,
      currency: order.currency,
      total: order.total,
      line_count: order.lines.reduce((sum, line) => sum + line.selection.quantity, 0),
      placed_at: Number.isNaN(placedAt) ? updatedAt : placedAt,
      local_date: placed.date,
      local_hour: placed.hour,
      updated_at: updatedAt,
      revision,
      document: canonical,
    };
    await upsertOrder.run(trx, row);
    // A new order has no choices to replace (they are only ever written with its row).
    if (current) await deleteChoices.run(trx, { order_id: order.orderId });
    const choices = orderChoices(order, options.isDefaultOption ?? (() => false));
    if (choices.length > 0) await trx.insertInto('order_choices').values(choices).execute();
    return 'recorded';
  };

  const handle = async (trx: Db, message: BusMessage): Promise<Outcome> => {
    const topic = parseTopic(message.topic);
    if (!topic || topic.store !== options.store) return 'ignored';
    const text = message.payload.toString();
    if (text === '') return 'ignored'; // a retained message was cleared
    const data = parseJson(message.topic, text);
    if (data === undefined) return 'ignored';
    const invalid = (reason: string): Outcome => {
      log.warn({ event: 'back_office_message_ignored', topic: message.topic, reason }, 'ignored an invalid store bus message');
      return 'ignored';
    };

    switch (topic.kind) {
      case 'kiosk_menu':
      case 'refusal':
        return 'ignored'; // the menu a kiosk serves and the broker's refusals are not part of the record
      case 'order':
      case 'counter': {
        const parsed = orderMessage.safeParse(data);
        if (!parsed.success) return invalid(parsed.error.issues[0]?.message ?? 'not an order');
        return recordOrder(trx, parsed.data);
      }
      case 'order_status': {
        const parsed = orderStatusMessage.safeParse(data);
        if (!parsed.success) return invalid(parsed.error.issues[0]?.message ?? 'not an order status');
        if (parsed.data.status === 'ready') return 'ignored'; // kitchen progress, not a settlement: a ready order stays paid
        const row = { order_id: parsed.data.orderId, status: parsed.data.status, settled_at: Date.parse(parsed.data.at), settled_by: parsed.data.by.name };
        const result = await trx
          .insertInto('order_settlements')
          .values(row)
          .onConflict((conflict) => conflict.column('order_id').doUpdateSet(row).where('order_settlements.settled_at', '<', row.settled_at))
          .executeTakeFirst();
        return Number(result.numInsertedOrUpdatedRows ?? 0) > 0 ? 'recorded' : 'duplicate';
      }
      case 'event': {
        const parsed = kioskEventMessage.safeParse(data);
        if (!parsed.success) return invalid(parsed.error.issues[0]?.message ?? 'not an event');
        const event = parsed.data;
        const at = Date.parse(event.at);
        const when = local(at);
        const detail = event.detail ?? {};
        const text = (value: unknown) => (typeof value === 'string' ? value.slice(0, 64) : null);
        const result = await trx
          .insertInto('events')
          .values({
            event_id: event.eventId,
            store_id: event.storeId,
            kiosk_id: event.kioskId,
            type: event.type,
            at,
            local_date: when.date,
            local_hour: when.hour,
            session_id: event.sessionId ?? null,
            order_id: event.orderId ?? null,
            duration_ms: event.durationMs === undefined ? null : Math.round(event.durationMs),
            screen: event.type === 'abandoned' ? text(detail.screen) : null,
            result: event.type === 'payment.outcome' ? text(detail.result) : null,
            method: event.type === 'completed' ? text(detail.method) : null,
            detail: event.detail ? JSON.stringify(event.detail) : null,
          })
          .onConflict((conflict) => conflict.column('event_id').doNothing())
          .executeTakeFirst();
        return Number(result.numInsertedOrUpdatedRows ?? 0) > 0 ? 'recorded' : 'duplicate';
      }
      case 'handoff': {
        const parsed = handoffMessage.safeParse(data);
        if (!parsed.success) return invalid(parsed.error.issues[0]?.message ?? 'not a help request');
        const handoff = parsed.data;
        const openedAt = Date.parse(handoff.openedAt);
        const when = local(openedAt);
        const acknowledgedAt = 'acknowledgedAt' in handoff && handoff.acknowledgedAt ? Date.parse(handoff.acknowledgedAt) : null;
        const resolved = handoff.state === 'resolved' ? handoff : undefined;
        const row = {
          handoff_id: handoff.handoffId,
          kiosk_id: handoff.kioskId,
          reason: handoff.reason,
          trigger: handoff.trigger,
          screen: handoff.screen,
          state: handoff.state,
          opened_at: openedAt,
          local_date: when.date,
          local_hour: when.hour,
          acknowledged_at: acknowledgedAt,
          acknowledged_by: 'acknowledgedBy' in handoff && handoff.acknowledgedBy ? handoff.acknowledgedBy.name : null,
          resolved_at: resolved ? Date.parse(resolved.resolvedAt) : null,
          resolved_by: resolved ? (resolved.staffName ?? resolved.resolvedBy.name) : null,
          outcome: resolved ? resolved.outcome : null,
        };
        const existing = await trx.selectFrom('handoffs').selectAll().where('handoff_id', '=', handoff.handoffId).executeTakeFirst();
        if (!existing) {
          await trx.insertInto('handoffs').values(row).execute();
          return 'recorded';
        }
        // States only move forward (open → acknowledged → resolved); what is known is kept.
        const rank = { open: 0, acknowledged: 1, resolved: 2 } as Record<string, number>;
        const merged = {
          state: (rank[row.state] ?? 0) > (rank[existing.state] ?? 0) ? row.state : existing.state,
          acknowledged_at: existing.acknowledged_at ?? row.acknowledged_at,
          acknowledged_by: existing.acknowledged_by ?? row.acknowledged_by,
          resolved_at: existing.resolved_at ?? row.resolved_at,
          resolved_by: existing.resolved_by ?? row.resolved_by,
          outcome: existing.outcome ?? row.outcome,
        };
        const changed = (Object.keys(merged) as (keyof typeof merged)[]).some((key) => merged[key] !== existing[key]);
        if (!changed) return 'duplicate';
        await trx.updateTable('handoffs').set(merged).where('handoff_id', '=', handoff.handoffId).execute();
        return 'recorded';
      }
      case 'kiosk_status': {
        const parsed = kioskStatusMessage.safeParse(data);
        if (!parsed.success) return invalid(parsed.error.issues[0]?.message ?? 'not a kiosk status');
        const status = parsed.data;
        const row = {
          kiosk_id: topic.kiosk,
          state: status.state,
          menu_version: status.state === 'online' ? status.menuVersion : null,
          printer: status.state === 'online' ? status.devices.printer : null,
          terminal: status.state === 'online' ? status.devices.terminal : null,
          cause: status.state === 'offline' ? status.cause : null,
          at: Date.parse(status.at),
          received_at: now(),
        };
        // The latest received is the kiosk's state (a last will carries its connect time, older than the last status).
        await trx.insertInto('kiosks').values(row).onConflict((conflict) => conflict.column('kiosk_id').doUpdateSet(row)).execute();
        options.onChange?.('kiosk_status');
        return 'recorded';
      }
      case 'menu': {
        const parsed = menuMessage.safeParse(data);
        if (!parsed.success) return invalid(parsed.error.issues[0]?.message ?? 'not a menu message');
        const checked = validateMenu(parsed.data.menu);
        if (!checked.ok) return invalid(`the published menu is not valid: ${checked.errors[0]?.path}: ${checked.errors[0]?.message}`);
        options.onMenu?.(checked.menu.version);
        const outcome = await recordMenuVersion(trx, { menu: checked.menu, by: 'store bus', at: Date.parse(parsed.data.publishedAt), kind: 'seen_on_bus' });
        if (outcome !== 'known') options.onChange?.('menu');
        return outcome === 'known' ? 'duplicate' : 'recorded';
      }
      case 'availability': {
        const parsed = availabilityMessage.safeParse(data);
        if (!parsed.success) return invalid(parsed.error.issues[0]?.message ?? 'not an availability message');
        options.onAvailability?.(parsed.data);
        const soldOut = new Set(parsed.data.soldOut);
        const rows = await trx.selectFrom('sold_out').select('item_id').execute();
        const gone = rows.map((row) => row.item_id).filter((id) => !soldOut.has(id));
        if (gone.length > 0) await trx.deleteFrom('sold_out').where('item_id', 'in', gone).execute();
        const known = new Set(rows.map((row) => row.item_id));
        const added = [...soldOut].filter((id) => !known.has(id));
        if (added.length > 0) {
          await trx
            .insertInto('sold_out')
            .values(added.map((item_id) => ({ item_id, since: Date.parse(parsed.data.at), by: parsed.data.by.name, keep: 0 })))
            .execute();
        }
        options.onChange?.('availability');
        return gone.length + added.length > 0 ? 'recorded' : 'duplicate';
      }
    }
  };

  /**
   * Order documents committed lately, as they arrived. A counter order comes twice, on its order
   * and its counter topic, with the same bytes: the second is a duplicate known without a
   * transaction (recording it again would change nothing: a document is recorded once).
   */
  const recentOrders = new Set<string>();
  const orderText = (message: BusMessage): string | undefined => {
    const topic = parseTopic(message.topic);
    return topic && topic.store === options.store && (topic.kind === 'order' || topic.kind === 'counter') ? message.payload.toString() : undefined;
  };

  return {
    /** Records a batch in one transaction; a message that cannot be recorded is logged and skipped. */
    async record(messages: BusMessage[]): Promise<IngestCounts> {
      const counts: IngestCounts = { recorded: 0, duplicates: 0, ignored: 0 };
      const texts = messages.map(orderText);
      const fresh = messages.flatMap((message, index) => (texts[index] !== undefined && recentOrders.has(texts[index]) ? [] : [{ message, text: texts[index] }]));
      counts.duplicates += messages.length - fresh.length;
      if (fresh.length === 0) return counts;
      const committed: string[] = [];
      await options.db.transaction().execute(async (trx) => {
        for (const { message, text } of fresh) {
          const outcome = await handle(trx, message);
          if (outcome === 'recorded') counts.recorded += 1;
          else if (outcome === 'duplicate') counts.duplicates += 1;
          else counts.ignored += 1;
          if (text !== undefined && outcome !== 'ignored') committed.push(text);
        }
      });
      // Remembered once committed; the oldest forgotten first.
      for (const text of committed) {
        recentOrders.delete(text);
        recentOrders.add(text);
        if (recentOrders.size > RECENT_ORDERS) recentOrders.delete(recentOrders.values().next().value!);
      }
      return counts;
    },
  };
}

export type Recorder = ReturnType<typeof createRecorder>;

/** Options chosen (customisations) and ingredients left out, per order line (meal slots included). */
export function orderChoices(order: OrderMessage, isDefaultOption: (groupId: string, optionId: string) => boolean): BackOfficeTables['order_choices'][] {
  const rows = new Map<string, BackOfficeTables['order_choices']>();
  const add = (lineIndex: number, kind: 'option' | 'removed', groupRef: string, ref: string, quantity: number) => {
    if (quantity <= 0) return;
    const key = `${lineIndex}\u0000${kind}\u0000${groupRef}\u0000${ref}`;
    const existing = rows.get(key);
    if (existing) existing.quantity += quantity;
    else rows.set(key, { order_id: order.orderId, line_index: lineIndex, kind, group_ref: groupRef, ref, quantity });
  };
  order.lines.forEach((line, lineIndex) => {
    const selection = line.selection;
    const items = selection.kind === 'item' ? [selection] : Object.values(selection.slots);
    for (const item of items) {
      for (const ingredientId of item.removedIngredientIds) add(lineIndex, 'removed', item.itemId, ingredientId, selection.quantity);
      for (const [groupId, chosen] of Object.entries(item.options)) {
        for (const [optionId, quantity] of Object.entries(chosen)) {
          if (!isDefaultOption(groupId, optionId)) add(lineIndex, 'option', groupId, optionId, quantity * selection.quantity);
        }
      }
    }
  });
  return [...rows.values()];
}

/** Removes events (and help requests) older than the retention period. */
export async function pruneOldEvents(db: Kysely<BackOfficeTables>, olderThanMs: number): Promise<{ events: number; handoffs: number }> {
  const events = await db.deleteFrom('events').where('at', '<', olderThanMs).executeTakeFirst();
  const handoffs = await db.deleteFrom('handoffs').where('opened_at', '<', olderThanMs).executeTakeFirst();
  return { events: Number(events.numDeletedRows), handoffs: Number(handoffs.numDeletedRows) };
}

export const newId = (): string => randomUUID();
