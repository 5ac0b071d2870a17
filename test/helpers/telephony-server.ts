/**
 * A whole Voxgate (HTTP API and SIP) started in the test's process, on a
 * fresh database, with SIP on a free port and RTP on a range of its own; and
 * the provisioning a call needs: an account, a scenario, a number routed to
 * it. SIP end-to-end tests call it, then point SIPp or baresip at `sipPort`.
 */
import { LOOPBACK_CIDRS } from './outbound.js';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { loadConfig } from '../../src/config.js';
import type { CallDetail, CallRecord } from '../../src/core/calls/types.js';
import type { Tenant } from '../../src/core/accounts/types.js';
import { createLogger } from '../../src/logger.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { createTestDatabase } from './database.js';

export interface RoutedNumber {
  readonly number: string;
  readonly scenarioId: string;
  readonly tenant: Tenant;
}

export interface TelephonyFixture {
  readonly server: RunningServer;
  readonly sipPort: number;
  readonly dataDir: string;
  /** An account with `number` routed to a scenario running `script`. */
  route(script: readonly unknown[], number?: string): Promise<RoutedNumber>;
  /** The tenant's call records, newest first. */
  calls(tenant: Tenant): Promise<readonly CallRecord[]>;
  /** Waits until the newest call of the tenant has ended; its record with the timeline. */
  endedCall(tenant: Tenant, timeoutMs?: number): Promise<CallDetail>;
}

let numberSeq = 0;

export async function startTelephony(
  t: TestContext,
  env: Record<string, string> = {},
): Promise<TelephonyFixture> {
  const database = await createTestDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'voxgate-sip-'));
  // A range of our own per test file, so parallel files rarely meet; the pool skips busy ports.
  const rtpBase = 2 * randomInt(15_000, 29_000);
  const config = loadConfig({
    VOXGATE_DATA_DIR: dataDir,
    VOXGATE_DATABASE_URL: database.url,
    VOXGATE_HTTP_PORT: '0',
    VOXGATE_SIP_PORT: '0',
    VOXGATE_RTP_PORTS: `${rtpBase}-${rtpBase + 399}`,
    VOXGATE_DRAIN_SECONDS: '2',
    VOXGATE_OUTBOUND_ALLOW_CIDRS: LOOPBACK_CIDRS,
    VOXGATE_LOG_LEVEL: process.env['VOXGATE_TEST_LOG_LEVEL'] ?? 'silent',
    ...env,
  });
  const server = await startServer(config, createLogger(config.logLevel));
  t.after(async () => {
    await server.stop();
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const core = server.core;
  const fixture: TelephonyFixture = {
    server,
    sipPort: server.telephony.port,
    dataDir,
    async route(script, number) {
      numberSeq += 1;
      const dialled =
        number ??
        `+3317${String(process.pid % 10_000).padStart(4, '0')}${String(numberSeq).padStart(3, '0')}`;
      const account = await core.accounts.createAccount(`SIP test ${numberSeq}`);
      const tenant: Tenant = { accountId: account.id, parentId: null };
      const saved = await core.scenarios.create(tenant, { name: `IVR ${numberSeq}`, script } as never);
      await core.numbers.add(account.id, dialled);
      await core.numbers.route(tenant, dialled, saved.scenario.id);
      return { number: dialled, scenarioId: saved.scenario.id, tenant };
    },
    async calls(tenant) {
      return (await core.calls.list(tenant, { limit: 100, offset: 0 })).items;
    },
    async endedCall(tenant, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const [newest] = await fixture.calls(tenant);
        if (newest !== undefined && newest.status === 'ended') return core.calls.get(tenant, newest.id);
        assert.ok(Date.now() < deadline, `no ended call after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
  return fixture;
}
