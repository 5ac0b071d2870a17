/**
 * Runs the migrations in src/db/migrations, in name order, once each.
 * The list is static so a bundled build needs no directory scan.
 */
import { Migrator, type Migration, type MigrationResultSet } from 'kysely';
import type { Db } from './database.js';
import * as m0001 from './migrations/0001-tenants.js';
import * as m0002 from './migrations/0002-scenarios.js';
import * as m0003 from './migrations/0003-sms-messages.js';
import * as m0004 from './migrations/0004-numbers-calls.js';
import * as m0005 from './migrations/0005-webhooks.js';
import * as m0006 from './migrations/0006-outbox.js';
import * as m0007 from './migrations/0007-event-sources.js';
import * as m0008 from './migrations/0008-cdr-indexes.js';
import * as m0009 from './migrations/0009-apps.js';
import * as m0010 from './migrations/0010-receptionists.js';
import * as m0011 from './migrations/0011-event-retention.js';

const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-tenants': m0001,
  '0002-scenarios': m0002,
  '0003-sms-messages': m0003,
  '0004-numbers-calls': m0004,
  '0005-webhooks': m0005,
  '0006-outbox': m0006,
  '0007-event-sources': m0007,
  '0008-cdr-indexes': m0008,
  '0009-apps': m0009,
  '0010-receptionists': m0010,
  '0011-event-retention': m0011,
};

/** The migrations in the order they apply. */
export const MIGRATION_NAMES: readonly string[] = Object.keys(MIGRATIONS).sort();

export interface MigrateOutcome {
  /** Names of the migrations this run applied; empty when the schema was current. */
  readonly applied: readonly string[];
}

export async function migrateToLatest(db: Db): Promise<MigrateOutcome> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(MIGRATIONS) },
    migrationTableName: 'voxgate_migrations',
    migrationLockTableName: 'voxgate_migrations_lock',
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error !== undefined) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed`, { cause: result.error });
  }
  return {
    applied: (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
  };
}
