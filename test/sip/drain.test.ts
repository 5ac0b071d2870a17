/**
 * SIGTERM-style drain over real SIP (issue 5): `stop()` while a call is up refuses new INVITEs with
 * 503 (RFC 3261 section 21.5.4), lets the live call run until VOXGATE_DRAIN_SECONDS is up, then
 * hangs it up with a BYE, writes its call record, and resolves. The server is started here rather
 * than with `startTelephony`, so the test can reopen the database after the stop and read the
 * record the drain left behind.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { loadConfig } from '../../src/config.js';
import { createCore } from '../../src/core/index.js';
import { openDatabase } from '../../src/db/database.js';
import { createLogger } from '../../src/logger.js';
import { startServer } from '../../src/server.js';
import { createTestDatabase } from '../helpers/database.js';
import { skipUnlessInstalled } from '../helpers/installed-tool.js';
import { describeSippResult } from '../helpers/sipp.js';
import { prepareScenario, SCENARIO, scenarioPath } from '../helpers/sipp-scenario.js';
import { readLoggedValues } from '../helpers/sipp-statistics.js';
import { createTempDir } from '../helpers/temp-dir.js';
import { callVoxgate, startVoxgateCall, valuesSet, waitFor } from './voxgate-peer.js';

const NO_SIPP = skipUnlessInstalled('sipp', 'sip-tester');
const DRAIN_SECONDS = 2;
const NUMBER = '+33170000042';

test(
  'a drain answers new INVITEs 503, hangs the live call up with a BYE when its time is up, and stop() resolves',
  { skip: NO_SIPP },
  async (t) => {
    const database = await createTestDatabase();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'voxgate-drain-'));
    t.after(async () => {
      await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });
    const config = loadConfig({
      VOXGATE_DATA_DIR: dataDir,
      VOXGATE_DATABASE_URL: database.url,
      VOXGATE_HTTP_PORT: '0',
      VOXGATE_SIP_PORT: '0',
      VOXGATE_DRAIN_SECONDS: String(DRAIN_SECONDS),
      VOXGATE_LOG_LEVEL: process.env['VOXGATE_TEST_LOG_LEVEL'] ?? 'silent',
    });
    const server = await startServer(config, createLogger(config.logLevel));
    t.after(() => server.stop());
    const account = await server.core.accounts.createAccount('Drain test');
    const tenant = { accountId: account.id, parentId: null };
    // Twenty seconds of script: only the drain can end it in the time the test allows.
    const script = [
      { pause: 5 },
      { pause: 5 },
      { pause: 5 },
      { pause: 5 },
      { setVariable: 'reached', value: 'end' },
    ];
    const saved = await server.core.scenarios.create(tenant, { name: 'Long', script });
    await server.core.numbers.add(account.id, NUMBER);
    await server.core.numbers.route(tenant, NUMBER, saved.scenario.id);
    const voxgate = { sipPort: server.telephony.port };
    const dir = await createTempDir(t, 'sipp-');
    const live = await startVoxgateCall(t, voxgate, NUMBER, {
      scenario: { file: scenarioPath(SCENARIO.hangupByVoxgate) },
      workDir: dir,
    });
    await waitFor(() => server.telephony.liveCallIds.length === 1, 'the call to be up');
    const expect503 = await prepareScenario({
      source: scenarioPath(SCENARIO.unknownNumber),
      workDir: dir,
      replace: { '<recv response="404"/>': '<recv response="503"/>' },
    });

    const stopped = server.stop();
    const refused = await callVoxgate(voxgate, NUMBER, { scenario: { file: expect503 }, workDir: dir });
    await stopped;

    assert.equal(refused.ok, true, `the INVITE during the drain: ${describeSippResult(refused)}`);
    const call = await live.done;
    assert.equal(call.ok, true, `the live call: ${describeSippResult(call)}`);
    const [ackToBye] = readLoggedValues(call.logText, 'ack_to_bye_ms');
    assert.ok(
      ackToBye !== undefined && ackToBye >= DRAIN_SECONDS * 1000 - 500 && ackToBye < 10_000,
      `BYE ${ackToBye} ms after the ACK; the drain lasts ${DRAIN_SECONDS} s`,
    );
    // Closed here rather than in an after-hook: the hook that drops the database runs first, and a
    // forced drop under an open PostgreSQL connection is an uncaught error.
    const reopened = openDatabase(database.target);
    try {
      const core = createCore({ db: reopened.db });
      const [record] = (await core.calls.list(tenant, { limit: 10, offset: 0 })).items;
      assert.equal(record?.status, 'ended', 'the drain closed the call record before the database');
      assert.equal(record.hangupSource, 'GATEWAY');
      const detail = await core.calls.get(tenant, record.id);
      assert.deepEqual(valuesSet(detail, 'reached'), [], 'the script stopped at the hang-up');
      const ended = (detail.timeline ?? []).find((event) => event.type === 'call.ended');
      assert.equal(ended?.data['hangupBy'], 'system', 'the drain, not the caller, ended it');
    } finally {
      await reopened.close();
    }
  },
);
