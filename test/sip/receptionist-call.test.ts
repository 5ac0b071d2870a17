/**
 * A receptionist over real SIP and RTP (issue 6, part 5): SIPp calls a number routed to a
 * receptionist and presses 1 (an RFC 4733 telephone-event). The menu takes the key, a DTMF action
 * URL whose mask matches fires to a test server that wants HTTP Digest (answered, and checked by the
 * server's own code), and the scenario of option 1 runs to its end. The call record keeps the menu's
 * events and the scenario's in one timeline, and the scenario's collected input becomes a
 * `scenario.action_result` event.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Tenant } from '../../src/core/accounts/types.js';
import { describeSippResult } from '../helpers/sipp.js';
import { digestServer, serve } from '../helpers/http-test-server.js';
import { skipUnlessInstalled } from '../helpers/installed-tool.js';
import { prepareScenario, rfc4733DigitPcap, SCENARIO, scenarioPath } from '../helpers/sipp-scenario.js';
import { createTempDir } from '../helpers/temp-dir.js';
import { startTelephony } from '../helpers/telephony-server.js';
import { callVoxgate, describeTimeline, timelineOf, waitFor } from './voxgate-peer.js';

const NO_SIPP = skipUnlessInstalled('sipp', 'sip-tester');
// SIPp replays pcaps through a raw socket.
const NO_PCAP_PLAY =
  NO_SIPP || (process.getuid?.() === 0 ? false : 'SIPp needs root (CAP_NET_RAW) to replay pcaps');

describe('receptionist call over SIP', { skip: NO_PCAP_PLAY }, () => {
  test('the caller presses 1: the DTMF action URL fires with Digest, and option 1 runs its scenario', async (t) => {
    const voxgate = await startTelephony(t);
    const dir = await createTempDir(t, 'sipp-');
    const digest = digestServer('crmpass99', ['SHA-256']);
    const crm = await serve(t, digest.handler);
    const core = voxgate.server.core;

    const account = await core.accounts.createAccount('Front desk');
    const tenant: Tenant = { accountId: account.id, parentId: null };
    // The scenario of option 1 waits for one more key (none comes), so its input is an action result.
    const { scenario } = await core.scenarios.create(tenant, {
      name: 'Sales',
      script: [
        { collectInto: 'extension', options: { maxInputLength: 1, timeout: 1 } },
        { say: 'Sales will call you back.' },
        'hangup',
      ],
    });
    const receptionist = await core.receptionists.create(tenant, {
      name: 'Front desk',
      greeting: { text: 'Welcome. For sales, press 1.', language: 'en' },
      options: { '1': scenario.id },
      timeoutS: 8,
    });
    await core.receptionists.createActionUrl(tenant, receptionist.id, {
      name: 'crm',
      enabled: true,
      type: 'DTMF',
      method: 'POST',
      dtmfMask: '1;5-7',
      auth: 'DIGEST',
      username: 'desk01',
      password: 'crmpass99',
      url: `${crm.url}/calls/keys`,
    });
    await core.webhooks.subscribe(tenant, {
      type: 'scenario.action_result',
      endpoint: `${crm.url}/results`,
    });
    const number = `+3319${String(process.pid % 10_000).padStart(4, '0')}001`;
    await core.numbers.add(account.id, number);
    await core.numbers.route(tenant, number, { kind: 'receptionist', id: receptionist.id });

    const sipp = await prepareScenario({
      source: scenarioPath(SCENARIO.ivrRfc4733Digit),
      workDir: dir,
      replace: { '/usr/share/sip-tester/dtmf_2833_1.pcap': rfc4733DigitPcap('1') },
    });
    const result = await callVoxgate(voxgate, number, { scenario: { file: sipp }, workDir: dir });

    assert.equal(result.ok, true, describeSippResult(result));
    const call = await voxgate.endedCall(tenant);
    const events = timelineOf(call);
    const types = events.map((event) => event.type);
    assert.ok(types.includes('receptionist.started'), describeTimeline(call));
    const chosen = events.find((event) => event.type === 'receptionist.chosen');
    assert.deepEqual(chosen?.data, { key: '1', scenarioId: scenario.id }, describeTimeline(call));
    // The scenario ran after the menu, in the same timeline, numbered on.
    assert.ok(
      types.indexOf('input.collected') > types.indexOf('receptionist.chosen'),
      describeTimeline(call),
    );
    assert.deepEqual(
      events.map((event) => event.seq),
      events.map((_, index) => index + 1),
    );
    assert.equal(call.scenarioName, 'Front desk', 'the record names the receptionist');

    await waitFor(() => digest.verified.length === 1, 'the action URL, authorised');
    assert.deepEqual(digest.verified, ['SHA-256']);
    // The same server takes the action_result webhooks (under /results): pick the action URL's request.
    const keysRequests = crm.received.filter((request) => request.url.pathname === '/calls/keys');
    const sent = JSON.parse(keysRequests.at(-1)?.body ?? '{}') as Record<string, unknown>;
    assert.equal(sent['digits'], '1');
    assert.equal(String(sent['call_id']), call.id);

    const results = await voxgate.server.database.db
      .selectFrom('events')
      .select('data')
      .where('account_id', '=', account.id)
      .where('type', '=', 'scenario.action_result')
      .execute();
    assert.deepEqual(
      results.map((row) => (JSON.parse(row.data) as { action: string; callid: number }).action),
      ['input.collected'],
    );
  });
});
