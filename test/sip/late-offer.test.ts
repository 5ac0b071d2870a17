/**
 * Late offer over real SIP (RFC 3261 section 13.2.1): SIPp calls without SDP, Voxgate offers in
 * its 200, SIPp answers in the ACK, and the call runs its scenario with media both ways: the
 * caller's RFC 4733 key, sent to the port of Voxgate's offer, chooses the branch.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { skipUnlessInstalled } from '../helpers/installed-tool.js';
import { describeSippResult } from '../helpers/sipp.js';
import { SCENARIO, scenarioPath } from '../helpers/sipp-scenario.js';
import { createTempDir } from '../helpers/temp-dir.js';
import { startTelephony } from '../helpers/telephony-server.js';
import { callVoxgate, describeTimeline, timelineOf, valuesSet } from './voxgate-peer.js';

const NO_SIPP = skipUnlessInstalled('sipp', 'sip-tester');
const NO_PCAP_PLAY =
  NO_SIPP || (process.getuid?.() === 0 ? false : 'SIPp needs root (CAP_NET_RAW) to replay pcaps');

const MENU = [
  { say: 'Press 1.' },
  { collectInto: 'menu', options: { maxInputLength: 1, timeout: 10, sendToReports: 'ALWAYS' } },
  {
    switch: 'menu',
    case: {
      '1': [{ setVariable: 'branch', value: 'one' }, 'hangup'],
      __default: [{ setVariable: 'branch', value: 'other' }, 'hangup'],
    },
  },
];

describe('late offer', { skip: NO_PCAP_PLAY }, () => {
  test('an INVITE without SDP gets our offer in the 200; the ACK answers it and the key picks the branch', async (t) => {
    const voxgate = await startTelephony(t);
    const dir = await createTempDir(t, 'sipp-');
    const routed = await voxgate.route(MENU);

    const result = await callVoxgate(voxgate, routed.number, {
      scenario: { file: scenarioPath(SCENARIO.lateOffer) },
      workDir: dir,
    });

    assert.equal(result.ok, true, describeSippResult(result));
    const call = await voxgate.endedCall(routed.tenant);
    const collected = timelineOf(call).find((event) => event.type === 'input.collected');
    assert.equal(collected?.data['value'], '1', describeTimeline(call));
    assert.deepEqual(valuesSet(call, 'branch'), ['one']);
    assert.equal(call.hangupSource, 'GATEWAY');
  });
});
