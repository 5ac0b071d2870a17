/**
 * Issue 6's outbox: an event is written in the transaction of the change that caused it, with one
 * delivery job per subscription that wants it, before anything is sent. Jobs are claimed with a
 * lease, so a node that dies mid-delivery leaves a job another claims once the lease is over.
 */
import type { Kysely } from 'kysely';
import { idColumn, isPostgres } from '../migration-helpers.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Times in milliseconds since the epoch: bigint on PostgreSQL; SQLite's integer is 64-bit.
  const millis = isPostgres(db) ? 'bigint' : 'integer';
  await db.schema
    .createTable('events')
    /** `event_id`: 32 characters [0-9A-Za-z], the receivers' idempotency key (CALLR-METHODS.md 5.2). */
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    /** The event's `data`, as JSON text. */
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('occurred_at', millis, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('events_account_occurred')
    .on('events')
    .columns(['account_id', 'occurred_at'])
    .execute();

  await idColumn(db, db.schema.createTable('deliveries'))
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    /** The subscription; null for a dynamic webhook, or once its subscription was deleted. */
    .addColumn('webhook_id', 'text', (c) => c.references('webhooks.id').onDelete('set null'))
    .addColumn('endpoint', 'text', (c) => c.notNull())
    /** Seed 04's `try`: 0 for the first attempt. */
    .addColumn('try', 'integer', (c) => c.notNull())
    /** PENDING, DELIVERED or FAILED. */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('next_attempt_at', millis, (c) => c.notNull())
    /** Who holds the job, until when; a lease past its end is free to claim. */
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', millis)
    .addColumn('last_http_code', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', millis, (c) => c.notNull())
    .addColumn('updated_at', millis, (c) => c.notNull())
    .execute();
  // The claimer's query: due pending jobs, oldest first.
  await db.schema
    .createIndex('deliveries_due')
    .on('deliveries')
    .columns(['status', 'next_attempt_at'])
    .execute();
  await db.schema.createIndex('deliveries_event').on('deliveries').column('event_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('deliveries').execute();
  await db.schema.dropTable('events').execute();
}
