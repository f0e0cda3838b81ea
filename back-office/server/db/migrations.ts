// Versioned migrations (Kysely's Migrator keeps which ran in kysely_migration). Never
// edit a migration that shipped: add the next one. Types are portable: bigint is a
// 64-bit integer on SQLite and PostgreSQL alike.
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';

export const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('orders')
        .addColumn('order_id', 'text', (c) => c.primaryKey())
        .addColumn('store_id', 'text', (c) => c.notNull())
        .addColumn('kiosk_id', 'text', (c) => c.notNull())
        .addColumn('order_number', 'text', (c) => c.notNull())
        .addColumn('menu_version', 'text', (c) => c.notNull())
        .addColumn('locale', 'text', (c) => c.notNull())
        .addColumn('service_mode', 'text', (c) => c.notNull())
        .addColumn('payment_method', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('total', 'bigint', (c) => c.notNull())
        .addColumn('line_count', 'integer', (c) => c.notNull())
        .addColumn('placed_at', 'bigint', (c) => c.notNull())
        .addColumn('local_date', 'text', (c) => c.notNull())
        .addColumn('local_hour', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('revision', 'text', (c) => c.notNull())
        .addColumn('document', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('orders_by_local_date').on('orders').columns(['local_date', 'local_hour']).execute();

      await db.schema
        .createTable('order_revisions')
        .addColumn('order_id', 'text', (c) => c.notNull())
        .addColumn('revision', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('received_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('order_revisions_pk', ['order_id', 'revision'])
        .execute();

      await db.schema
        .createTable('order_choices')
        .addColumn('order_id', 'text', (c) => c.notNull())
        .addColumn('line_index', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('group_ref', 'text', (c) => c.notNull())
        .addColumn('ref', 'text', (c) => c.notNull())
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('order_choices_pk', ['order_id', 'line_index', 'kind', 'group_ref', 'ref'])
        .execute();

      await db.schema
        .createTable('order_settlements')
        .addColumn('order_id', 'text', (c) => c.primaryKey())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('settled_at', 'bigint', (c) => c.notNull())
        .addColumn('settled_by', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('events')
        .addColumn('event_id', 'text', (c) => c.primaryKey())
        .addColumn('store_id', 'text', (c) => c.notNull())
        .addColumn('kiosk_id', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('local_date', 'text', (c) => c.notNull())
        .addColumn('local_hour', 'integer', (c) => c.notNull())
        .addColumn('session_id', 'text')
        .addColumn('order_id', 'text')
        .addColumn('duration_ms', 'bigint')
        .addColumn('screen', 'text')
        .addColumn('result', 'text')
        .addColumn('method', 'text')
        .addColumn('detail', 'text')
        .execute();
      // Reports filter by the store's dates and a type; retention deletes by time.
      await db.schema.createIndex('events_by_date_type').on('events').columns(['local_date', 'type', 'screen', 'method']).execute();
      await db.schema.createIndex('events_by_type_duration').on('events').columns(['type', 'local_date', 'duration_ms']).execute();
      await db.schema.createIndex('events_by_at').on('events').column('at').execute();

      await db.schema
        .createTable('handoffs')
        .addColumn('handoff_id', 'text', (c) => c.primaryKey())
        .addColumn('kiosk_id', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('trigger', 'text', (c) => c.notNull())
        .addColumn('screen', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('opened_at', 'bigint', (c) => c.notNull())
        .addColumn('local_date', 'text', (c) => c.notNull())
        .addColumn('local_hour', 'integer', (c) => c.notNull())
        .addColumn('acknowledged_at', 'bigint')
        .addColumn('acknowledged_by', 'text')
        .addColumn('resolved_at', 'bigint')
        .addColumn('resolved_by', 'text')
        .addColumn('outcome', 'text')
        .execute();
      await db.schema.createIndex('handoffs_by_date').on('handoffs').column('local_date').execute();

      await db.schema
        .createTable('kiosks')
        .addColumn('kiosk_id', 'text', (c) => c.primaryKey())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('menu_version', 'text')
        .addColumn('printer', 'text')
        .addColumn('terminal', 'text')
        .addColumn('cause', 'text')
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('received_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('menu_versions')
        .addColumn('version', 'text', (c) => c.primaryKey())
        .addColumn('seq', 'integer', (c) => c.notNull().unique())
        .addColumn('menu', 'text', (c) => c.notNull())
        .addColumn('content_hash', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('menu_publications')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('published_at', 'bigint', (c) => c.notNull())
        .addColumn('published_by', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('menu_publications_by_time').on('menu_publications').column('published_at').execute();

      await db.schema
        .createTable('menu_draft')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('menu', 'text', (c) => c.notNull())
        .addColumn('base_version', 'text')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('sold_out')
        .addColumn('item_id', 'text', (c) => c.primaryKey())
        .addColumn('since', 'bigint', (c) => c.notNull())
        .addColumn('by', 'text', (c) => c.notNull())
        .addColumn('keep', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();

      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('detail', 'text')
        .execute();
      await db.schema.createIndex('audit_log_by_time').on('audit_log').column('at').execute();
    },
  },
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Runs every migration not yet applied; throws with the failing migration's name and error. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error) throw new Error(`back office database: migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}
