/**
 * Issue 6's real-time apps (seed 04's `App` of package `REALTIME10`): a tenant's app holds the URL
 * Voxgate drives a call from, and a number routes to a scenario or to an app, never both.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('apps')
    /** Seed 04's `hash`: 8 upper-case hex characters, as webhooks. */
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    /** Seed 04's `App.Package.name`: `REALTIME10`, the only one so far. */
    .addColumn('package', 'text', (c) => c.notNull())
    /** The package's parameters (seed 04's `p`) as JSON text: REALTIME10's url, login, password, data_format. */
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('apps_account').on('apps').columns(['account_id', 'created_at']).execute();

  // A deleted app leaves its numbers on the tenant, unrouted (CALLR-METHODS.md 2.1, apps.delete).
  await db.schema
    .alterTable('numbers')
    .addColumn('app_id', 'text', (c) => c.references('apps.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('numbers_app_id').on('numbers').column('app_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('numbers_app_id').execute();
  await db.schema.alterTable('numbers').dropColumn('app_id').execute();
  await db.schema.dropTable('apps').execute();
}
