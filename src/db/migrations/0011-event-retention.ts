/**
 * Pruning forgets events and delivery-log rows past their 30 days by time alone, across accounts:
 * an index on each time column, so the hourly prune reads what it deletes, not the whole table.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('events_occurred').on('events').column('occurred_at').execute();
  await db.schema
    .createIndex('delivery_attempts_attempted')
    .on('delivery_attempts')
    .column('attempted_at')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('delivery_attempts_attempted').execute();
  await db.schema.dropIndex('events_occurred').execute();
}
