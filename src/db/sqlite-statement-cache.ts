/**
 * Kysely's SQLite driver prepares every query it runs, and better-sqlite3 compiles the SQL text on
 * every prepare: in the IVR benchmark that compile was 8% of the main thread. Kysely writes the same
 * text for the same query shape (values travel as parameters), so the compiled statements are kept by
 * their text and reused. SQLite recompiles a kept statement by itself after a schema change.
 */
import type SQLite from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Statements kept; the application has a few dozen query shapes, with room for ad-hoc ones. */
export const STATEMENT_CACHE_SIZE = 500;

export function withStatementCache(
  database: SQLite.Database,
  capacity = STATEMENT_CACHE_SIZE,
): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string): SqliteStatement {
      const kept = statements.get(sql);
      // A statement still being iterated (a streamed query) cannot run again until it is done.
      if (kept !== undefined && !kept.busy) {
        // Least recently used first: move it to the end.
        statements.delete(sql);
        statements.set(sql, kept);
        return kept;
      }
      const statement = database.prepare(sql);
      if (kept === undefined) {
        statements.set(sql, statement);
        if (statements.size > capacity) statements.delete(statements.keys().next().value as string);
      }
      return statement;
    },
  };
}
