/** SMS records (seed 04's `SMS` object): every message Voxgate sends or receives, written before any delivery. */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sms_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('from_address', 'text', (c) => c.notNull())
    .addColumn('to_number', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('encoding', 'text', (c) => c.notNull())
    .addColumn('parts', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_error', 'text')
    .addColumn('nature', 'text', (c) => c.notNull())
    .addColumn('call_id', 'text')
    .addColumn('user_data', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('received_at', 'text')
    .execute();
  await db.schema
    .createIndex('sms_messages_account_created')
    .on('sms_messages')
    .columns(['account_id', 'created_at'])
    .execute();
  await db.schema.createIndex('sms_messages_status').on('sms_messages').column('status').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sms_messages').execute();
}
