/**
 * Builds the real app over a fresh migrated database for a test, and tidies
 * it all up with `t.after`. Requests go through `app.inject()`.
 */
import { LOOPBACK_ALLOWED } from './outbound.js';
import type { TestContext } from 'node:test';
import { pino } from 'pino';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/api/app.js';
import type { LiveCallControl } from '../../src/core/calls/live-call-control.js';
import { createCore, type Core } from '../../src/core/index.js';
import type { Clock } from '../../src/core/shared/clock.js';
import { openDatabase, type OpenDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { createTestDatabase } from './database.js';

export interface TestApp {
  readonly app: FastifyInstance;
  readonly core: Core;
  readonly database: OpenDatabase;
  readonly operatorKey: string;
}

export interface TestAppOptions {
  readonly rateLimitPerMinute?: number;
  readonly bodyLimitBytes?: number;
  readonly clock?: Clock;
  readonly sessionTtlSeconds?: number;
  /** Receives the app's JSON log lines; logging is off without it. */
  readonly logLines?: string[];
  /** The calls in progress `DELETE /voxgate/v1/calls/{id}` hangs up; none by default. */
  readonly liveCalls?: LiveCallControl;
}

export async function buildTestApp(t: TestContext, options: TestAppOptions = {}): Promise<TestApp> {
  const testDb = await createTestDatabase();
  const database = openDatabase(testDb.target, { poolSize: 4 });
  t.after(async () => {
    await database.close();
    await testDb.drop();
  });
  await migrateToLatest(database.db);
  const core = createCore({
    db: database.db,
    outboundPolicy: LOOPBACK_ALLOWED,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.liveCalls === undefined ? {} : { liveCalls: options.liveCalls }),
    sessionTtlSeconds: options.sessionTtlSeconds ?? 3600,
    sessionRefreshSeconds: 86400,
  });
  const { generated } = await core.credentials.ensureOperatorKey(undefined);
  if (generated === null) throw new Error('a fresh database must generate an operator key');
  const app = await buildApp({
    core,
    logger:
      options.logLines === undefined
        ? false
        : pino({ level: 'info' }, { write: (line: string) => void options.logLines?.push(line) }),
    rateLimitPerMinute: options.rateLimitPerMinute ?? 100_000,
    bodyLimitBytes: options.bodyLimitBytes ?? 1_048_576,
    publicUrl: 'http://127.0.0.1',
    version: 'test',
  });
  t.after(async () => {
    await app.close();
    await core.close();
  });
  return { app, core, database, operatorKey: generated };
}

export interface TenantFixture {
  readonly accountId: number;
  readonly key: string;
  readonly prefix: string;
}

/** Creates an account through the operator API and returns its first key. */
export async function createAccount(testApp: TestApp, name: string): Promise<TenantFixture> {
  const response = await testApp.app.inject({
    method: 'POST',
    url: '/admin/accounts',
    headers: { authorization: `Bearer ${testApp.operatorKey}` },
    payload: { name },
  });
  if (response.statusCode !== 201) throw new Error(`account creation failed: ${response.body}`);
  const body = response.json<{ account: { id: number }; key: { key: string; prefix: string } }>();
  return { accountId: body.account.id, key: body.key.key, prefix: body.key.prefix };
}

/** Creates a sub-account of `parent` and a key for it. */
export async function createSubaccount(
  testApp: TestApp,
  parent: TenantFixture,
  name: string,
): Promise<TenantFixture> {
  const created = await testApp.app.inject({
    method: 'POST',
    url: '/voxgate/v1/subaccounts',
    headers: { authorization: `Bearer ${parent.key}` },
    payload: { name },
  });
  if (created.statusCode !== 201) throw new Error(`sub-account creation failed: ${created.body}`);
  const accountId = created.json<{ id: number }>().id;
  const key = await testApp.app.inject({
    method: 'POST',
    url: `/voxgate/v1/subaccounts/${accountId}/keys`,
    headers: { authorization: `Bearer ${parent.key}` },
    payload: {},
  });
  if (key.statusCode !== 201) throw new Error(`sub-account key failed: ${key.body}`);
  const body = key.json<{ key: string; prefix: string }>();
  return { accountId, key: body.key, prefix: body.prefix };
}

export function bearer(key: string): Record<string, string> {
  return { authorization: `Bearer ${key}` };
}

export function json<T>(response: LightMyRequestResponse): T {
  return response.json<T>();
}
