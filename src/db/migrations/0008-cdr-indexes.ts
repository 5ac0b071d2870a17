/**
 * Indexes for CDR search and analytics (issue 6, part 7), sized for a month of a million calls of
 * one tenant:
 * - CDR search reads one direction of one account newest first, alone or by the number called
 *   (an inbound call's DID, an outbound call's destination), by the caller's number (an outbound
 *   call presenting a DID) or by app; each filter has an index that ends in (started_at, id), so a
 *   page is an index range read backwards and its total a count over the same range;
 * - analytics aggregate one direction of one account over a time range: one index holds every
 *   column they read, so SQLite and PostgreSQL answer from the index alone (no table row is read,
 *   and a row's timeline, the widest column, never is);
 * - SMS analytics read one type of one account over a time range with status and parts.
 */
import type { Kysely } from 'kysely';

const CALL_INDEXES: Readonly<Record<string, readonly string[]>> = {
  calls_cdr_started: ['account_id', 'direction', 'started_at', 'id'],
  calls_cdr_number: ['account_id', 'direction', 'number', 'started_at', 'id'],
  calls_cdr_cli: ['account_id', 'direction', 'cli_number', 'started_at', 'id'],
  calls_cdr_scenario: ['account_id', 'direction', 'scenario_id', 'started_at', 'id'],
  calls_analytics: [
    'account_id',
    'direction',
    'started_at',
    'answered_at',
    'duration_answered',
    'cli_number',
    'cli_country',
    'number_country',
    'number',
    'scenario_id',
  ],
};

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, columns] of Object.entries(CALL_INDEXES))
    await db.schema
      .createIndex(name)
      .on('calls')
      .columns([...columns])
      .execute();
  await db.schema
    .createIndex('sms_messages_analytics')
    .on('sms_messages')
    .columns(['account_id', 'type', 'created_at', 'status', 'parts'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('sms_messages_analytics').execute();
  for (const name of Object.keys(CALL_INDEXES).reverse()) await db.schema.dropIndex(name).execute();
}
