/**
 * Issue 5's storage: the per-account inbound switch, the numbers (DIDs) the
 * operator gives to accounts and the scenario each routes to, and the call
 * records (seed 04's CDR.In and CDR.Out) with each call's event timeline.
 */
import type { Kysely } from 'kysely';
import { idColumn, isPostgres } from '../migration-helpers.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  // 1 = inbound calls answered, 0 = refused (SIP 403); integers read the same on both engines.
  await db.schema
    .alterTable('accounts')
    .addColumn('inbound_calls', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await idColumn(db, db.schema.createTable('numbers'))
    /** Canonical `+E164`; a number belongs to one account at most. */
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    /** Deleting a routed scenario is refused (409); `set null` only covers a race with that check. */
    .addColumn('scenario_id', 'text', (c) => c.references('scenarios.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('numbers_account_number')
    .on('numbers')
    .columns(['account_id', 'number'])
    .execute();
  await db.schema.createIndex('numbers_scenario_id').on('numbers').column('scenario_id').execute();

  // A call id is 64-bit (seed 04's callid): bigint on PostgreSQL; SQLite's integer key already is.
  const calls = isPostgres(db)
    ? db.schema
        .createTable('calls')
        .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : db.schema.createTable('calls').addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
  await calls
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('sip_call_id', 'text', (c) => c.notNull())
    .addColumn('cli_number', 'text')
    .addColumn('cli_name', 'text')
    .addColumn('cli_pres', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('number_id', 'integer', (c) => c.references('numbers.id').onDelete('set null'))
    // No foreign key: a record outlives its scenario, whose name it keeps.
    .addColumn('scenario_id', 'text')
    .addColumn('scenario_name', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .addColumn('ended_at', 'text')
    .addColumn('duration', 'integer')
    .addColumn('duration_answered', 'integer')
    .addColumn('hangup_cause', 'integer')
    .addColumn('hangup_source', 'text')
    .addColumn('timeline', 'text')
    .execute();
  await db.schema
    .createIndex('calls_account_started')
    .on('calls')
    .columns(['account_id', 'started_at'])
    .execute();
  await db.schema.createIndex('calls_node_status').on('calls').columns(['node_id', 'status']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('calls').execute();
  await db.schema.dropTable('numbers').execute();
  await db.schema.alterTable('accounts').dropColumn('inbound_calls').execute();
}
