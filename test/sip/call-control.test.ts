/**
 * Who ends a call, and how, over real SIP on loopback (issue 5): the caller cancels before the
 * answer (RFC 3261 section 9) or hangs up mid-prompt (section 15.1), puts the call on hold and back
 * (RFC 3264 section 8.4); the platform hangs up through the API. Each case is read from SIPp's
 * side (what it received) and from the call record Voxgate wrote. The drain at shutdown is in
 * drain.test.ts; Voxgate's own BYE at the scenario's Hangup in inbound-call.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { skipUnlessInstalled } from '../helpers/installed-tool.js';
import { captureRtp, type CapturedRtp } from '../helpers/rtp-capture.js';
import { describeSippResult } from '../helpers/sipp.js';
import { prepareScenario, SCENARIO, scenarioPath } from '../helpers/sipp-scenario.js';
import { readLoggedValues } from '../helpers/sipp-statistics.js';
import { createTempDir } from '../helpers/temp-dir.js';
import { startTelephony } from '../helpers/telephony-server.js';
import {
  callVoxgate,
  describeTimeline,
  receivedSummary,
  startSlowWebService,
  startVoxgateCall,
  timelineOf,
  valuesSet,
  waitFor,
} from './voxgate-peer.js';

const NO_SIPP = skipUnlessInstalled('sipp', 'sip-tester');

/** A text espeak-ng speaks for about ten seconds. */
const LONG_PROMPT =
  'Thank you for calling. All of our agents are busy helping other callers right now. ' +
  'Please stay on the line and your call will be answered in the order it was received.';

const HOLD_MS = 2_000;
const AFTER_RESUME_MS = 1_500;
const PTIME_MS = 20;
const SAMPLES_PER_MS = 8;
/** hold-resume.xml's pause between the hold's ACK and the resume, and the end of the resume's ACK. */
const RESUME_PAUSE = '<pause milliseconds="500"/>\n\n  <!-- Resume: both ways again. -->';
const RESUME_ACK_END =
  '      CSeq: 3 ACK\n      Max-Forwards: 70\n      Content-Length: 0\n    ]]>\n  </send>\n';

/**
 * The RTP timestamp step from each captured audio packet to the next. Our timestamps follow the
 * media clock whether we send or not (RFC 3550 section 5.1), so a hold shows as one large step
 * between two packets in a row.
 */
function timestampSteps(packets: readonly CapturedRtp[]): number[] {
  const audio = packets.filter((packet) => packet.payloadType === 0 || packet.payloadType === 8);
  return audio.slice(1).map((packet, index) => (packet.timestamp - (audio[index]?.timestamp ?? 0)) >>> 0);
}

describe('call control over SIP', { skip: NO_SIPP }, () => {
  test('a CANCEL before the answer gets 200, the INVITE 487, and the record ends with source CALLER', async (t) => {
    const voxgate = await startTelephony(t);
    // The Call API holds the answer back 10 s: the call rings until the CANCEL.
    const web = await startSlowWebService(t, 10_000);
    const routed = await voxgate.route([
      { request: web.url, options: { method: 'GET', timeout: 15 } },
      { say: 'You should never hear this.' },
      'hangup',
    ]);
    const dir = await createTempDir(t, 'sipp-');

    const result = await callVoxgate(voxgate, routed.number, {
      scenario: { file: scenarioPath(SCENARIO.cancelBeforeAnswer) },
      workDir: dir,
    });

    assert.equal(result.ok, true, describeSippResult(result));
    const received = receivedSummary(result);
    assert.ok(received.includes('SIP/2.0 200 OK (1 CANCEL)'), received.join('\n'));
    assert.ok(received.includes('SIP/2.0 487 Request Terminated (1 INVITE)'), received.join('\n'));
    assert.ok(!received.includes('SIP/2.0 200 OK (1 INVITE)'), received.join('\n'));
    assert.equal(web.requests, 1, 'the scenario was running, held in its Call API, when the CANCEL came');
    const call = await voxgate.endedCall(routed.tenant);
    assert.equal(call.hangupSource, 'CALLER');
    assert.equal(call.answeredAt, null);
    const types = timelineOf(call).map((event) => event.type);
    assert.ok(!types.includes('call.answered') && !types.includes('prompt.said'), types.join(', '));
  });

  test('a BYE from the caller mid-prompt stops the scenario and the record says CALLER', async (t) => {
    const voxgate = await startTelephony(t);
    const routed = await voxgate.route([
      { say: LONG_PROMPT },
      { setVariable: 'reached', value: 'after the prompt' },
      { say: 'Goodbye.' },
      'hangup',
    ]);
    const dir = await createTempDir(t, 'sipp-');

    const result = await callVoxgate(voxgate, routed.number, {
      scenario: { file: scenarioPath(SCENARIO.byeFromCaller) },
      workDir: dir,
      pauseMs: 2_500,
    });

    assert.equal(result.ok, true, describeSippResult(result));
    const received = receivedSummary(result);
    assert.ok(received.includes('SIP/2.0 200 OK (2 BYE)'), received.join('\n'));
    assert.ok(!received.some((line) => line.startsWith('BYE ')), received.join('\n'));
    const call = await voxgate.endedCall(routed.tenant);
    assert.equal(call.hangupSource, 'CALLER');
    assert.notEqual(call.answeredAt, null);
    const timeline = timelineOf(call);
    assert.ok(!timeline.some((event) => event.type === 'prompt.said'), describeTimeline(call));
    assert.deepEqual(valuesSet(call, 'reached'), [], 'nothing after the prompt ran');
    const ended = timeline.find((event) => event.type === 'call.ended');
    assert.equal(ended?.data['hangupBy'], 'caller');
  });

  test('a re-INVITE to hold is answered recvonly, one to resume sendrecv, and our audio stops and comes back', async (t) => {
    const voxgate = await startTelephony(t);
    const routed = await voxgate.route([{ say: LONG_PROMPT }, { pause: 5 }, 'hangup']);
    const dir = await createTempDir(t, 'sipp-');
    const rtp = await captureRtp(t);
    // Our audio goes to the capture; the hold lasts 2 s, the call 1.5 s more after the resume.
    const scenario = await prepareScenario({
      source: scenarioPath(SCENARIO.holdResume),
      workDir: dir,
      replace: {
        'm=audio [media_port]': `m=audio ${rtp.port}`,
        [RESUME_PAUSE]: RESUME_PAUSE.replace('500', String(HOLD_MS)),
        [RESUME_ACK_END]: `${RESUME_ACK_END}\n  <pause milliseconds="${AFTER_RESUME_MS}"/>\n`,
      },
    });

    const result = await callVoxgate(voxgate, routed.number, { scenario: { file: scenario }, workDir: dir });

    // The scenario fails unless the hold's 200 says recvonly and the resume's says no hold.
    assert.equal(result.ok, true, describeSippResult(result));
    const steps = timestampSteps(rtp.packets);
    const longest = Math.max(...steps);
    assert.ok(longest >= (HOLD_MS / 2) * SAMPLES_PER_MS, `longest silence in our audio: ${longest} samples`);
    const beforeHold = steps.indexOf(longest);
    assert.ok(beforeHold >= 10, `${beforeHold} packets before the hold`);
    const afterResume = steps.length - beforeHold;
    assert.ok(afterResume >= AFTER_RESUME_MS / 2 / PTIME_MS, `${afterResume} packets after the resume`);
    const call = await voxgate.endedCall(routed.tenant);
    assert.equal(call.hangupSource, 'CALLER', 'the hold did not end the call: the caller did');
  });

  test('a live call is listed with live=true and DELETE hangs it up with a BYE, stopping its scenario', async (t) => {
    const voxgate = await startTelephony(t);
    // About thirty seconds of script: only the DELETE can end it within SIPp's 20 s wait for a BYE.
    const routed = await voxgate.route([
      { say: LONG_PROMPT },
      { pause: 5 },
      { pause: 5 },
      { pause: 5 },
      { setVariable: 'reached', value: 'the end' },
      'hangup',
    ]);
    const { key } = await voxgate.server.core.credentials.createApiKey(routed.tenant.accountId, 'test');
    const headers = { authorization: `Bearer ${key}` };
    const dir = await createTempDir(t, 'sipp-');
    const sipp = await startVoxgateCall(t, voxgate, routed.number, {
      scenario: { file: scenarioPath(SCENARIO.hangupByVoxgate) },
      workDir: dir,
    });
    await waitFor(() => voxgate.server.telephony.liveCallIds.length === 1, 'the call to be up');

    const listed = await voxgate.server.app.inject({
      method: 'GET',
      url: '/voxgate/v1/calls?live=true',
      headers,
    });
    const [live, ...others] = listed.json<{ items: { id: string; status: string }[] }>().items;
    assert.ok(live !== undefined && others.length === 0, listed.body);
    assert.equal(live.status, 'live');
    const deleted = await voxgate.server.app.inject({
      method: 'DELETE',
      url: `/voxgate/v1/calls/${live.id}`,
      headers,
    });
    const result = await sipp.done;

    assert.equal(deleted.statusCode, 204, deleted.body);
    assert.equal(result.ok, true, describeSippResult(result));
    const [ackToBye] = readLoggedValues(result.logText, 'ack_to_bye_ms');
    assert.ok(ackToBye !== undefined && ackToBye < 15_000, `BYE ${ackToBye} ms after the ACK`);
    const call = await voxgate.endedCall(routed.tenant);
    assert.equal(call.id, live.id);
    assert.equal(call.hangupSource, 'GATEWAY');
    assert.deepEqual(valuesSet(call, 'reached'), [], `the script stopped: ${describeTimeline(call)}`);
    const ended = (call.timeline ?? []).find((event) => event.type === 'call.ended');
    assert.equal(ended?.data['hangupBy'], 'system', 'the platform, not the caller, ended it');
    const after = await voxgate.server.app.inject({
      method: 'GET',
      url: '/voxgate/v1/calls?live=true',
      headers,
    });
    assert.deepEqual(after.json<{ items: unknown[] }>().items, []);
  });
});
