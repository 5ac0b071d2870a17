/**
 * Issue 6's first table: webhook subscriptions (seed 04's `Webhook`). The outbox and its delivery
 * jobs come next, in migrations of their own.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('webhooks')
    /** Seed 04's `hash`: 8 upper-case hex characters, as SMS hashes. */
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('endpoint', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('hmac_algo', 'text', (c) => c.notNull())
    /** Null: events go unsigned by the HMAC header. */
    .addColumn('hmac_secret', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // Delivery looks up an account's enabled subscriptions of one type for every event.
  await db.schema
    .createIndex('webhooks_account_type')
    .on('webhooks')
    .columns(['account_id', 'type'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('webhooks').execute();
}
