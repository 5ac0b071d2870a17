/** `voxgate migrate`: brings the database schema up to date; a second run changes nothing. */
import type { Config } from '../../config.js';
import { openDatabase } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import type { CliOutput } from '../output.js';

export async function migrateCommand(config: Config, output: CliOutput): Promise<number> {
  const database = openDatabase(config.database, { poolSize: 1 });
  try {
    const { applied } = await migrateToLatest(database.db);
    output.out(applied.length === 0 ? 'database schema is up to date' : `applied: ${applied.join(', ')}`);
    return 0;
  } finally {
    await database.close();
  }
}
