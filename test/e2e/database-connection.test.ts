/**
 * The PostgreSQL pool outlives a connection the server closes (a restart, an administrator's
 * pg_terminate_backend): the error is reported, not thrown at the process, and the next query
 * reconnects. On SQLite there is no connection to lose, so the test runs on PostgreSQL only.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../../src/db/database.js';
import { createTestDatabase, TEST_ENGINE } from '../helpers/database.js';

test(
  'an idle PostgreSQL connection terminated by the server is reported and the next query reconnects',
  { skip: TEST_ENGINE === 'postgres' ? false : 'PostgreSQL only (VOXGATE_TEST_DATABASE_URL)' },
  async (t) => {
    const testDb = await createTestDatabase();
    const errors: Error[] = [];
    const database = openDatabase(testDb.target, { poolSize: 1, onIdleClientError: (e) => errors.push(e) });
    t.after(async () => {
      await database.close();
      await testDb.drop();
    });
    const backend = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(database.db);
    const pid = backend.rows[0]?.pid;
    assert.ok(pid !== undefined);

    const admin = new pg.Client({ connectionString: process.env['VOXGATE_TEST_DATABASE_URL'] });
    await admin.connect();
    await admin.query('select pg_terminate_backend($1)', [pid]);
    await admin.end();
    const deadline = Date.now() + 5000;
    while (errors.length === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));

    assert.equal(errors.length, 1, 'the lost connection was reported once');
    const again = await sql<{ one: number }>`select 1 as one`.execute(database.db);
    assert.equal(again.rows[0]?.one, 1, 'the pool opened a new connection');
  },
);
