/**
 * What issue 6's events need of older tables, and the delivery log:
 * - numbers get seed 04's DID `hash` (8 upper-case hex characters), which CDRs (`did_hash`) and the
 *   `did.assigned` / `did.unassigned` events name them by;
 * - calls get seed 04's `customer_field` (the CDR's custom field, set by real-time calls), its
 *   `package_name` (what kind of app ran the call: ACTIONS10 for a scenario, REALTIME10), and the
 *   countries of the caller and of the number called (CDR `cli_country_code` / `number_country_code`,
 *   and what analytics by country group on); calls recorded before this migration have none;
 * - delivery jobs of dynamic webhooks (no subscription) keep their own signing options;
 * - `delivery_attempts` keeps one row per webhook delivery attempt, the log seed 04's
 *   `Webhook.Log.Search.Filters` searches.
 */
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { idColumn, isPostgres } from '../migration-helpers.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('numbers').addColumn('hash', 'text').execute();
  const numbers = await sql<{ id: number }>`select id from numbers`.execute(db);
  const taken = new Set<string>();
  for (const { id } of numbers.rows) {
    let hash = randomBytes(4).toString('hex').toUpperCase();
    while (taken.has(hash)) hash = randomBytes(4).toString('hex').toUpperCase();
    taken.add(hash);
    await sql`update numbers set hash = ${hash} where id = ${id}`.execute(db);
  }
  await db.schema.createIndex('numbers_hash').on('numbers').column('hash').unique().execute();

  await db.schema.alterTable('calls').addColumn('customer_field', 'text').execute();
  await db.schema.alterTable('calls').addColumn('package_name', 'text').execute();
  await db.schema.alterTable('calls').addColumn('cli_country', 'text').execute();
  await db.schema.alterTable('calls').addColumn('number_country', 'text').execute();

  // A dynamic webhook's job carries its own signing and body form: it has no subscription row.
  await db.schema.alterTable('deliveries').addColumn('hmac_algo', 'text').execute();
  await db.schema.alterTable('deliveries').addColumn('hmac_secret', 'text').execute();
  /** `event` (the Webhook.Event envelope) or `data` (the event's data alone, as report URLs get it). */
  await db.schema
    .alterTable('deliveries')
    .addColumn('body_form', 'text', (c) => c.notNull().defaultTo('event'))
    .execute();

  const millis = isPostgres(db) ? 'bigint' : 'integer';
  await idColumn(db, db.schema.createTable('delivery_attempts'))
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    /** No foreign key: the log outlives the events it tells of (it is kept 30 days, they may go sooner). */
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('event_at', millis, (c) => c.notNull())
    .addColumn('delivery_id', 'integer', (c) => c.notNull())
    /** Seed 04's `hook_hash`; null for a dynamic webhook. */
    .addColumn('webhook_id', 'text')
    .addColumn('endpoint', 'text', (c) => c.notNull())
    .addColumn('try', 'integer', (c) => c.notNull())
    /** SUCCESS or FAILURE. */
    .addColumn('status', 'text', (c) => c.notNull())
    /** Null when no answer came (refused, timed out, unreachable). */
    .addColumn('http_code', 'integer')
    .addColumn('error', 'text')
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('attempted_at', millis, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('delivery_attempts_account_attempted')
    .on('delivery_attempts')
    .columns(['account_id', 'attempted_at'])
    .execute();
  await db.schema
    .createIndex('delivery_attempts_account_event')
    .on('delivery_attempts')
    .columns(['account_id', 'event_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('delivery_attempts').execute();
  await db.schema.alterTable('deliveries').dropColumn('body_form').execute();
  await db.schema.alterTable('deliveries').dropColumn('hmac_secret').execute();
  await db.schema.alterTable('deliveries').dropColumn('hmac_algo').execute();
  await db.schema.alterTable('calls').dropColumn('number_country').execute();
  await db.schema.alterTable('calls').dropColumn('cli_country').execute();
  await db.schema.alterTable('calls').dropColumn('package_name').execute();
  await db.schema.alterTable('calls').dropColumn('customer_field').execute();
  await db.schema.dropIndex('numbers_hash').execute();
  await db.schema.alterTable('numbers').dropColumn('hash').execute();
}
