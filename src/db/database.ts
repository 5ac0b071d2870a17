/**
 * Opens the database: SQLite (better-sqlite3, the embedded default) or
 * PostgreSQL (pg), behind one Kysely instance so the same queries run on both.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import { withStatementCache } from './sqlite-statement-cache.js';

export type DatabaseTarget =
  | { readonly dialect: 'sqlite'; readonly file: string }
  | { readonly dialect: 'postgres'; readonly url: string };

export type Db = Kysely<Database>;

export interface OpenDatabase {
  readonly db: Db;
  readonly dialect: DatabaseTarget['dialect'];
  /** Closes the connections; the instance cannot be used afterwards. */
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  readonly poolSize?: number;
  /** Told when PostgreSQL drops an idle pooled connection (a restart, an administrator). */
  readonly onIdleClientError?: (error: Error) => void;
}

export function openDatabase(target: DatabaseTarget, options: OpenDatabaseOptions = {}): OpenDatabase {
  if (target.dialect === 'sqlite') {
    if (target.file !== ':memory:')
      fs.mkdirSync(path.dirname(path.resolve(target.file)), { recursive: true });
    const database = new SQLite(target.file);
    // WAL lets readers go on while a write commits; busy_timeout rides out a CLI writing beside the server.
    database.pragma('journal_mode = WAL');
    database.pragma('foreign_keys = ON');
    database.pragma('busy_timeout = 5000');
    database.pragma('synchronous = NORMAL');
    const db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: withStatementCache(database) }),
    });
    return { db, dialect: 'sqlite', close: () => db.destroy() };
  }
  const pool = new pg.Pool({ connectionString: target.url, max: options.poolSize ?? 10 });
  // Without a listener, an idle connection PostgreSQL closes is an uncaught 'error' that ends the
  // process (node-postgres' Pool docs); the pool drops that client and the next query reconnects.
  pool.on('error', (error) => options.onIdleClientError?.(error));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

/** True when the database answers a trivial query (the `/ready` probe). */
export async function isDatabaseReachable(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
