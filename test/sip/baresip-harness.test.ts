/**
 * Proves the softphone harness: baresip calls SIPp's UAS (and records the audio echoed back),
 * sends RFC 4733 digits, and answers a SIPp call by itself; and the WAV measurements it relies on.
 */
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { runBaresipCall, startBaresip } from '../helpers/baresip.js';
import { skipUnlessInstalled } from '../helpers/installed-tool.js';
import { captureRtp } from '../helpers/rtp-capture.js';
import {
  describeSippResult,
  runSipp,
  startSipp,
  type SippOptions,
  type SippResult,
} from '../helpers/sipp.js';
import { SCENARIO, scenarioPath, standInPath } from '../helpers/sipp-scenario.js';
import { createTempDir } from '../helpers/temp-dir.js';
import { analyzeAudio, analyzeWavFile } from '../helpers/wav-analysis.js';
import { parsePcm16Wav, synthesizeSine } from '../helpers/wav-pcm16.js';

const NO_PEERS = skipUnlessInstalled('sipp', 'sip-tester') || skipUnlessInstalled('baresip');
const DIALLED = '4000';
const CALLER = '+33100000001';

async function startUas(t: TestContext, workDir: string, options: Partial<SippOptions>) {
  const uas = await startSipp({ scenario: { builtIn: 'uas' }, workDir, timeoutMs: 20_000, ...options });
  t.after(() => uas.stop());
  return uas;
}

function assertSucceeded(result: SippResult, who: string) {
  assert.equal(result.ok, true, `${who}: ${describeSippResult(result)}`);
  assert.equal(result.successfulCalls, 1, `${who}: ${describeSippResult(result)}`);
}

describe('baresip harness against SIPp', { skip: NO_PEERS, concurrency: true }, () => {
  test('baresip calls the SIPp UAS and records the audio echoed back', async (t) => {
    const dir = await createTempDir(t, 'baresip');
    const uas = await startUas(t, dir, { rtpEcho: true });

    const call = await runBaresipCall({
      workDir: dir,
      target: `sip:${DIALLED}@127.0.0.1:${uas.sipPort}`,
      hangupAfterMs: 2_000,
    });

    assert.equal(call.established, true, call.log);
    assert.equal(call.killedByHarness, false);
    const [received] = call.recordings.received;
    assert.ok(received !== undefined, call.log);
    const analysis = await analyzeWavFile(received);
    assert.ok(
      analysis.durationMs > 1_000 && analysis.durationMs < 4_000,
      `recorded ${analysis.durationMs} ms`,
    );
    assert.ok(analysis.nonSilentFraction > 0.5, `non-silent ${analysis.nonSilentFraction}`);
    assertSucceeded(await uas.done, 'built-in UAS');
  });

  test('baresip sends dialled digits as RFC 4733 events and ends on the far end BYE', async (t) => {
    const dir = await createTempDir(t, 'baresip');
    const rtp = await captureRtp(t);
    const uas = await startUas(t, dir, {
      scenario: { file: standInPath('answer-then-bye.xml') },
      keys: { rtp_port: String(rtp.port) },
      pauseMs: 2_500,
    });

    const call = await runBaresipCall({
      workDir: dir,
      target: `sip:${DIALLED}@127.0.0.1:${uas.sipPort}`,
      digits: '5',
      digitDelayMs: 500,
    });

    assert.equal(call.established, true, call.log);
    assert.notEqual(call.closedReason, null, 'the stand-in BYE closed the call');
    const events = rtp.packets.filter((packet) => packet.payloadType === 101);
    assert.ok(events.length > 0, `no telephone-event among ${rtp.packets.length} packets`);
    assert.deepEqual(new Set(events.map((packet) => packet.payload[0])), new Set([5]));
    assertSucceeded(await uas.done, 'answer-then-bye stand-in');
  });

  test('baresip answers a SIPp call by itself', async (t) => {
    const dir = await createTempDir(t, 'baresip');
    const phone = await startBaresip({ workDir: dir });
    t.after(() => phone.stop());
    const port = Number(/:(\d+)$/.exec(phone.sipUri)?.[1]);

    const result = await runSipp({
      scenario: { file: scenarioPath(SCENARIO.byeFromCaller) },
      target: { host: '127.0.0.1', port },
      workDir: dir,
      injection: [['softphone', CALLER]],
      pauseMs: 1_000,
      timeoutMs: 20_000,
    });

    assertSucceeded(result, 'bye-from-caller to baresip');
    assert.ok(phone.control.events.some((event) => event.type === 'CALL_ESTABLISHED'));
  });
});

describe('WAV analysis', () => {
  test('counts a tone followed by as much silence as half non-silent', () => {
    const samples = new Int16Array(16_000);
    samples.set(synthesizeSine(1_000, 440, 8_000, 8_000));

    const analysis = analyzeAudio({ sampleRateHz: 8_000, channels: 1, samples });

    assert.equal(analysis.durationMs, 2_000);
    assert.equal(analysis.frameRms.length, 100);
    assert.equal(analysis.nonSilentFraction, 0.5);
  });

  test('refuses a file that is not a 16-bit PCM WAV', () => {
    const result = parsePcm16Wav(Buffer.from('RIFF\x04\x00\x00\x00WAVE', 'latin1'));

    assert.deepEqual(result, { ok: false, reason: 'no complete fmt chunk' });
  });
});
