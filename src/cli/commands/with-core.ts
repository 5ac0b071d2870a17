/** Opens the configured database (migrated) and core for an offline CLI command, and closes it after. */
import type { Config } from '../../config.js';
import { createCore, type Core } from '../../core/index.js';
import { openDatabase } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';

export async function withCore<T>(config: Config, work: (core: Core) => Promise<T>): Promise<T> {
  const database = openDatabase(config.database, { poolSize: 2 });
  try {
    await migrateToLatest(database.db);
    const core = createCore({
      db: database.db,
      sessionTtlSeconds: config.sessionTtlSeconds,
      sessionRefreshSeconds: config.sessionRefreshSeconds,
    });
    try {
      return await work(core);
    } finally {
      await core.close();
    }
  } finally {
    await database.close();
  }
}
