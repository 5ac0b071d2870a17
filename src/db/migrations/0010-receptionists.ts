/**
 * Issue 6's receptionists (seed 01): a minimal menu object (greeting, key -> scenario) and its action
 * URLs, and the number column that will route calls to a receptionist.
 *
 * Ids are the seed's 64-bit ids, kept as their decimal text: SQLite hands a 64-bit integer to
 * JavaScript as a lossy number, and the API shows them as base64 of that text anyway.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('receptionists')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    /** Exactly one of greeting_text (said) and greeting_url (played) is set. */
    .addColumn('greeting_text', 'text')
    .addColumn('greeting_language', 'text', (c) => c.notNull())
    .addColumn('greeting_voice', 'text')
    .addColumn('greeting_url', 'text')
    /** JSON object: key (`0-9*#`) -> scenario id of the same account. */
    .addColumn('options', 'text', (c) => c.notNull())
    .addColumn('timeout_s', 'integer', (c) => c.notNull())
    /** How many times the greeting is repeated after no input or an invalid one, before hanging up. */
    .addColumn('max_repeats', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('receptionists_account_created')
    .on('receptionists')
    .columns(['account_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('action_urls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('receptionist_id', 'text', (c) =>
      c.notNull().references('receptionists.id').onDelete('cascade'),
    )
    /** The receptionist's account, kept here so every tenant query carries its owner condition. */
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('name', 'text')
    /** 1 or 0. */
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('type', 'text')
    .addColumn('method', 'text')
    /** JSON object of header name -> value, as submitted. */
    .addColumn('headers', 'text')
    .addColumn('caller_mask', 'text')
    .addColumn('dtmf_mask', 'text')
    .addColumn('connection_timeout', 'integer', (c) => c.notNull())
    .addColumn('request_timeout', 'integer', (c) => c.notNull())
    .addColumn('auth', 'text', (c) => c.notNull())
    .addColumn('username', 'text')
    .addColumn('password', 'text')
    .addColumn('token', 'text')
    .addColumn('url', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('action_urls_receptionist')
    .on('action_urls')
    .columns(['receptionist_id', 'created_at'])
    .execute();

  /** Inbound routing reads it in a later change; deleting the receptionist unroutes the number. */
  await db.schema
    .alterTable('numbers')
    .addColumn('receptionist_id', 'text', (c) => c.references('receptionists.id').onDelete('set null'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('numbers').dropColumn('receptionist_id').execute();
  await db.schema.dropTable('action_urls').execute();
  await db.schema.dropTable('receptionists').execute();
}
