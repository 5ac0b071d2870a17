/**
 * A fresh, empty database per test: a SQLite file in a temp directory, or,
 * when VOXGATE_TEST_DATABASE_URL points at a PostgreSQL server (scripts/test.sh
 * sets it for the second pass), a new database created on that server.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type DatabaseTarget, type OpenDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';

export interface TestDatabase {
  readonly target: DatabaseTarget;
  /** The URL form VOXGATE_DATABASE_URL takes for this database. */
  readonly url: string;
  drop(): Promise<void>;
}

export const TEST_ENGINE: 'sqlite' | 'postgres' =
  process.env['VOXGATE_TEST_DATABASE_URL'] === undefined ? 'sqlite' : 'postgres';

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env['VOXGATE_TEST_DATABASE_URL'];
  if (adminUrl === undefined) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'voxgate-test-'));
    const file = path.join(dir, 'voxgate.db');
    return {
      target: { dialect: 'sqlite', file },
      url: `sqlite:${file}`,
      drop: () => fs.promises.rm(dir, { recursive: true, force: true }),
    };
  }
  const name = `vg_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    target: { dialect: 'postgres', url: url.toString() },
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** A fresh database, migrated and open for the test, closed and dropped after it. */
export async function openTestDatabase(t: { after(fn: () => Promise<void>): void }): Promise<OpenDatabase> {
  const testDb = await createTestDatabase();
  const database = openDatabase(testDb.target);
  t.after(async () => {
    await database.close();
    await testDb.drop();
  });
  await migrateToLatest(database.db);
  return database;
}
