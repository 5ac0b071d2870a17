/**
 * SIP protocol behaviour of Voxgate against SIPp (issue 5): OPTIONS (RFC 3261 section 11), a call
 * over TCP (section 18), a retransmitted INVITE absorbed by its server transaction (section
 * 17.2.1), and the refusals of inbound routing: 404 for a number nobody owns, 403 for a tenant
 * whose inbound calls are off, 480 for a number routed nowhere.
 */
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { describe, test } from 'node:test';
import { skipUnlessInstalled } from '../helpers/installed-tool.js';
import { describeSippResult } from '../helpers/sipp.js';
import { headerValue, toTag } from '../helpers/sipp-message-log.js';
import { prepareScenario, SCENARIO, scenarioPath } from '../helpers/sipp-scenario.js';
import { createTempDir } from '../helpers/temp-dir.js';
import { startTelephony, type TelephonyFixture } from '../helpers/telephony-server.js';
import type { Tenant } from '../../src/core/accounts/types.js';
import {
  callVoxgate,
  receivedMessages,
  receivedSummary,
  startSlowWebService,
  startVoxgateCall,
  timelineOf,
  waitFor,
} from './voxgate-peer.js';

const NO_SIPP = skipUnlessInstalled('sipp', 'sip-tester');

/** Calls `number` with unknown-number.xml expecting `status` instead of 404; what SIPp received. */
async function expectRefusal(voxgate: TelephonyFixture, dir: string, number: string, status: number) {
  const scenario = await prepareScenario({
    source: scenarioPath(SCENARIO.unknownNumber),
    workDir: dir,
    replace: { '<recv response="404"/>': `<recv response="${status}"/>` },
  });
  const result = await callVoxgate(voxgate, number, { scenario: { file: scenario }, workDir: dir });
  assert.equal(result.ok, true, `${number}: ${describeSippResult(result)}`);
  return receivedSummary(result);
}

/** An account of its own with `number` added to it, routed nowhere. */
async function addUnroutedNumber(voxgate: TelephonyFixture, number: string): Promise<Tenant> {
  const account = await voxgate.server.core.accounts.createAccount(`Unrouted ${number}`);
  await voxgate.server.core.numbers.add(account.id, number);
  return { accountId: account.id, parentId: null };
}

describe('SIP protocol behaviour', { skip: NO_SIPP, concurrency: true }, () => {
  test('OPTIONS is answered 200 with an Allow header naming every method we implement', async (t) => {
    const voxgate = await startTelephony(t);
    const dir = await createTempDir(t, 'sipp-');

    const result = await callVoxgate(voxgate, '+33170000000', {
      scenario: { file: scenarioPath(SCENARIO.options) },
      workDir: dir,
    });

    // options.xml fails the call unless the 200's Allow has INVITE, ACK, BYE, CANCEL and OPTIONS.
    assert.equal(result.ok, true, describeSippResult(result));
    const [answer] = receivedMessages(result);
    assert.equal(answer?.startLine, 'SIP/2.0 200 OK');
    assert.equal(headerValue(answer, 'Allow'), 'INVITE, ACK, BYE, CANCEL, OPTIONS');
  });

  test('a call over TCP is answered, plays its scenario and gets our BYE on the same connection', async (t) => {
    const voxgate = await startTelephony(t);
    const routed = await voxgate.route([{ say: 'Hello over TCP.' }, 'hangup']);
    const dir = await createTempDir(t, 'sipp-');

    const result = await callVoxgate(voxgate, routed.number, {
      scenario: { file: scenarioPath(SCENARIO.hangupByVoxgate) },
      workDir: dir,
      transport: 'tcp',
    });

    assert.equal(result.ok, true, describeSippResult(result));
    const bye = receivedMessages(result).find((message) => message.startLine.startsWith('BYE '));
    assert.ok(bye !== undefined, receivedSummary(result).join('\n'));
    assert.match(headerValue(bye, 'Via') ?? '', /^SIP\/2\.0\/TCP /, 'our BYE went over TCP');
    assert.match(result.messageLog, /TCP message received/);
    assert.doesNotMatch(result.messageLog, /UDP message/);
    const call = await voxgate.endedCall(routed.tenant);
    assert.equal(call.hangupSource, 'GATEWAY');
    assert.ok(timelineOf(call).some((event) => event.type === 'prompt.said'));
  });

  test('a retransmitted INVITE over UDP is absorbed: one dialog, one call, the 180 sent again', async (t) => {
    const voxgate = await startTelephony(t);
    // The Call API holds the answer back 1.5 s, so the retransmission arrives while we ring.
    const web = await startSlowWebService(t, 1_500);
    const routed = await voxgate.route([
      { request: web.url, options: { method: 'GET', timeout: 10 } },
      { say: 'Hello once.' },
      'hangup',
    ]);
    const dir = await createTempDir(t, 'sipp-');
    const absorbedBefore = voxgate.server.telephony.sip.transactions.counters.retransmissionsAbsorbed;

    const result = await callVoxgate(voxgate, routed.number, {
      scenario: { file: scenarioPath(SCENARIO.retransmittedInvite) },
      workDir: dir,
      extraArgs: ['-nr'],
    });

    assert.equal(result.ok, true, describeSippResult(result));
    const toInvite = receivedMessages(result).filter(
      (message) =>
        headerValue(message, 'CSeq') === '1 INVITE' && /^SIP\/2\.0 (180|200) /.test(message.startLine),
    );
    const ringing = toInvite.filter((message) => message.startLine.startsWith('SIP/2.0 180'));
    assert.ok(
      ringing.length >= 2,
      `the 180 again for the retransmission: ${receivedSummary(result).join('\n')}`,
    );
    assert.deepEqual(new Set(toInvite.map(toTag)).size, 1, 'every 180 and 200 carries the same To tag');
    assert.ok(voxgate.server.telephony.sip.transactions.counters.retransmissionsAbsorbed > absorbedBefore);
    assert.equal(web.requests, 1, 'the scenario ran once');
    const call = await voxgate.endedCall(routed.tenant);
    assert.equal((await voxgate.calls(routed.tenant)).length, 1, 'one call record');
    assert.equal(call.hangupSource, 'CALLER');
  });

  test('routing refusals: 404 for an unknown number, 403 when inbound calls are off, 480 when unrouted', async (t) => {
    const voxgate = await startTelephony(t);
    const core = voxgate.server.core;
    const dir = await createTempDir(t, 'sipp-');
    const disabled = await voxgate.route([{ say: 'Never heard.' }, 'hangup']);
    await core.accounts.updateAccount(disabled.tenant.accountId, { inboundCalls: false });
    const unrouted = await addUnroutedNumber(voxgate, '+33170009480');

    const [unknown, forbidden, notRouted] = await Promise.all([
      expectRefusal(voxgate, dir, '+33170009404', 404),
      expectRefusal(voxgate, dir, disabled.number, 403),
      expectRefusal(voxgate, dir, '+33170009480', 480),
    ]);

    assert.ok(unknown.includes('SIP/2.0 404 Not Found (1 INVITE)'), unknown.join('\n'));
    assert.ok(forbidden.includes('SIP/2.0 403 Inbound calls disabled (1 INVITE)'), forbidden.join('\n'));
    assert.ok(notRouted.includes('SIP/2.0 480 Number not routed (1 INVITE)'), notRouted.join('\n'));
    // A refused call is never admitted: no call record is opened.
    assert.deepEqual(await voxgate.calls(disabled.tenant), []);
    assert.deepEqual(await voxgate.calls(unrouted), []);
  });

  test('an offer with no codec in common gets 488 and leaves no call record open', async (t) => {
    const voxgate = await startTelephony(t);
    const routed = await voxgate.route([{ say: 'Never heard.' }, 'hangup']);
    const dir = await createTempDir(t, 'sipp-');
    const scenario = await prepareScenario({
      source: scenarioPath(SCENARIO.unknownNumber),
      workDir: dir,
      // G.729 only (RFC 3551 payload type 18): Voxgate speaks G.711.
      replace: { '<recv response="404"/>': '<recv response="488"/>', 'RTP/AVP 0 8 101': 'RTP/AVP 18' },
    });

    const result = await callVoxgate(voxgate, routed.number, { scenario: { file: scenario }, workDir: dir });

    assert.equal(result.ok, true, describeSippResult(result));
    assert.deepEqual(await voxgate.calls(routed.tenant), []);
    const media = await voxgate.server.telephony.media.stats();
    assert.equal(media?.legs, 0, 'the RTP ports went back to the pool');
  });

  test('with every RTP port taken a new call gets 503 and leaves no call record open', async (t) => {
    const base = 2 * randomInt(15_000, 29_000);
    const voxgate = await startTelephony(t, { VOXGATE_RTP_PORTS: `${base}-${base + 1}` });
    const routed = await voxgate.route([{ pause: 5 }, { pause: 5 }, 'hangup']);
    const dir = await createTempDir(t, 'sipp-');
    const first = await startVoxgateCall(t, voxgate, routed.number, {
      scenario: { file: scenarioPath(SCENARIO.hangupByVoxgate) },
      workDir: dir,
    });
    await waitFor(
      () => voxgate.server.telephony.liveCallIds.length === 1,
      'the first call to hold the one pair',
    );

    const refused = await expectRefusal(voxgate, dir, routed.number, 503);

    assert.ok(refused.includes('SIP/2.0 503 No media port available (1 INVITE)'), refused.join('\n'));
    const [live] = voxgate.server.telephony.liveCallIds;
    await voxgate.server.telephony.hangup(live ?? '');
    assert.equal((await first.done).ok, true);
    const records = await voxgate.calls(routed.tenant);
    assert.deepEqual(
      records.map((record) => record.id),
      [live],
      'only the first call has a record',
    );
  });
});
