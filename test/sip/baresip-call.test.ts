/**
 * A real softphone calls Voxgate (issue 5): baresip, headless, sending a WAV file as its voice and
 * recording what it hears. It must hear the scenario's prompts (non-silent audio lasting about as
 * long as Voxgate played them), be hung up on at the scenario's end, and its RFC 4733 keys must
 * drive the IVR; the call record and its timeline say the same.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CallDetail } from '../../src/core/calls/types.js';
import { runBaresipCall } from '../helpers/baresip.js';
import { skipUnlessInstalled } from '../helpers/installed-tool.js';
import { createTempDir } from '../helpers/temp-dir.js';
import { startTelephony } from '../helpers/telephony-server.js';
import { analyzeWavFile } from '../helpers/wav-analysis.js';
import { describeTimeline, timelineOf, valuesSet } from './voxgate-peer.js';

const NO_BARESIP = skipUnlessInstalled('baresip');

/** Allowed difference between what baresip recorded and what Voxgate played: jitter buffer, setup. */
const LENGTH_SLACK_MS = 1_500;

/** How long the call's prompts and pauses ran, from their action.finished events. */
function playedMs(call: CallDetail): number {
  const started = new Map<string, string>();
  let total = 0;
  for (const event of timelineOf(call)) {
    if (event.type === 'action.started' && event.path !== undefined)
      started.set(event.path, String(event.data['action']));
    const kind = event.path === undefined ? undefined : started.get(event.path);
    if (event.type === 'action.finished' && (kind === 'say' || kind === 'pause'))
      total += Number(event.data['durationMs']);
  }
  return total;
}

describe('baresip calls Voxgate', { skip: NO_BARESIP, concurrency: true }, () => {
  test('the softphone hears the prompts for as long as they play, then our BYE ends the call', async (t) => {
    const voxgate = await startTelephony(t);
    const routed = await voxgate.route([
      { say: 'Welcome to Voxgate. This call is a test of the softphone.' },
      { pause: 1 },
      { say: 'Goodbye.' },
      'hangup',
    ]);
    const dir = await createTempDir(t, 'baresip-');

    const phone = await runBaresipCall({
      workDir: dir,
      target: `sip:${routed.number}@127.0.0.1:${voxgate.sipPort}`,
      callTimeoutMs: 20_000,
    });

    assert.equal(phone.established, true, phone.log);
    assert.notEqual(phone.closedReason, null, `Voxgate's BYE closed the call:\n${phone.log}`);
    const [received] = phone.recordings.received;
    assert.ok(received !== undefined, phone.log);
    const heard = await analyzeWavFile(received);
    const call = await voxgate.endedCall(routed.tenant);
    const played = playedMs(call);
    assert.ok(played > 2_000, `the prompts played ${played} ms: ${describeTimeline(call)}`);
    assert.ok(
      Math.abs(heard.durationMs - played) < LENGTH_SLACK_MS,
      `baresip recorded ${heard.durationMs} ms, Voxgate played ${played} ms`,
    );
    // Speech has gaps, and one second of the call is a Pause: most of it is still sound.
    assert.ok(heard.nonSilentFraction > 0.3, `non-silent fraction ${heard.nonSilentFraction}`);
    assert.equal(call.hangupSource, 'GATEWAY');
    assert.equal(call.cliNumber, 'softphone', 'a caller that is no number keeps its user part');
    assert.equal(timelineOf(call).filter((event) => event.type === 'prompt.said').length, 2);
  });

  test("the softphone's RFC 4733 key chooses the IVR branch", async (t) => {
    const voxgate = await startTelephony(t);
    const routed = await voxgate.route([
      { say: 'Press 2 for support.' },
      { collectInto: 'menu', options: { maxInputLength: 1, timeout: 10, sendToReports: 'ALWAYS' } },
      {
        switch: 'menu',
        case: {
          '2': [{ setVariable: 'branch', value: 'support' }, { say: 'Support.' }, 'hangup'],
          __default: [{ setVariable: 'branch', value: 'other' }, 'hangup'],
        },
      },
    ]);
    const dir = await createTempDir(t, 'baresip-');

    const phone = await runBaresipCall({
      workDir: dir,
      target: `sip:${routed.number}@127.0.0.1:${voxgate.sipPort}`,
      digits: '2',
      digitDelayMs: 500,
      callTimeoutMs: 20_000,
    });

    assert.equal(phone.established, true, phone.log);
    assert.notEqual(phone.closedReason, null, phone.log);
    const call = await voxgate.endedCall(routed.tenant);
    const collected = timelineOf(call).find((event) => event.type === 'input.collected');
    assert.equal(collected?.data['value'], '2', describeTimeline(call));
    assert.deepEqual(valuesSet(call, 'branch'), ['support']);
    assert.equal(call.hangupSource, 'GATEWAY');
  });
});
