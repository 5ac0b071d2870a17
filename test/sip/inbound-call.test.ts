/**
 * An inbound call over real SIP and RTP on loopback: SIPp calls a number
 * routed to a scenario, Voxgate answers, plays the prompts and hangs up at
 * the scenario's end; the call record says who hung up and keeps the
 * engine's timeline.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { runSipp } from '../helpers/sipp.js';
import { createTempDir } from '../helpers/temp-dir.js';
import { startTelephony } from '../helpers/telephony-server.js';

const SCENARIOS = path.join(import.meta.dirname, 'scenarios');

test('a call to a routed number is answered, hears its scenario, and Voxgate sends BYE at Hangup', async (t) => {
  const voxgate = await startTelephony(t);
  const routed = await voxgate.route([{ say: 'Hello from Voxgate.' }, 'hangup']);
  const result = await runSipp({
    scenario: { file: path.join(SCENARIOS, 'hangup-by-voxgate.xml') },
    workDir: await createTempDir(t, 'sipp-'),
    target: { host: '127.0.0.1', port: voxgate.sipPort },
    injection: [[routed.number.slice(1), '33612345678']],
  });
  assert.equal(result.successfulCalls, 1, result.errorLog || result.messageLog);

  const call = await voxgate.endedCall(routed.tenant);
  assert.equal(call.hangupSource, 'GATEWAY');
  assert.equal(call.hangupCause, 16);
  assert.equal(call.number, routed.number);
  assert.equal(call.cliNumber, '+33612345678');
  assert.notEqual(call.answeredAt, null);
  const types = (call.timeline ?? []).map((event) => event.type);
  assert.ok(types.includes('call.answered'), types.join(','));
  assert.ok(types.includes('call.ended'), types.join(','));
});
