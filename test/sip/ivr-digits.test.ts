/**
 * A whole IVR call over real SIP and RTP (issue 5): SIPp calls a number whose scenario asks for a
 * key, sends the key, and Voxgate runs the branch it chose, then hangs up. The key comes as an
 * RFC 4733 telephone-event (https://www.rfc-editor.org/rfc/rfc4733#section-2) or as a DTMF tone
 * inside the G.711 audio when the caller offers no telephone-event. Two proofs per call: the
 * branches end after prompts of clearly different length (SIPp logs the time from the key to our
 * BYE), and the call record's timeline shows the key collected and the branch's variable set.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { CallDetail } from '../../src/core/calls/types.js';
import { buildCallerAudioPcap, inbandDigitSegments } from '../helpers/caller-audio-pcap.js';
import { skipUnlessInstalled } from '../helpers/installed-tool.js';
import { describeSippResult, type SippResult } from '../helpers/sipp.js';
import { prepareScenario, rfc4733DigitPcap, SCENARIO, scenarioPath } from '../helpers/sipp-scenario.js';
import { readLoggedValues } from '../helpers/sipp-statistics.js';
import { createTempDir } from '../helpers/temp-dir.js';
import { startTelephony, type TelephonyFixture } from '../helpers/telephony-server.js';
import { callVoxgate, describeTimeline, timelineOf, valuesSet } from './voxgate-peer.js';

const NO_SIPP = skipUnlessInstalled('sipp', 'sip-tester');
// SIPp replays pcaps through a raw socket.
const NO_PCAP_PLAY =
  NO_SIPP || (process.getuid?.() === 0 ? false : 'SIPp needs root (CAP_NET_RAW) to replay pcaps');

/** Branch 2's extra silence: the gap between the branches' lengths, far above any jitter. */
const SUPPORT_EXTRA_S = 4;

/** Key 1 ends after a word; key 2 after a word and four more seconds; anything else at once. */
const MENU = [
  { say: 'Press 1 for sales, 2 for support.' },
  { collectInto: 'menu', options: { maxInputLength: 1, timeout: 10, sendToReports: 'ALWAYS' } },
  {
    switch: 'menu',
    case: {
      '1': [{ setVariable: 'branch', value: 'sales' }, { say: 'Sales.' }, 'hangup'],
      '2': [
        { setVariable: 'branch', value: 'support' },
        { say: 'Support.' },
        { pause: SUPPORT_EXTRA_S },
        'hangup',
      ],
      __default: [{ setVariable: 'branch', value: 'none' }, 'hangup'],
    },
  },
];

interface DigitCall {
  readonly result: SippResult;
  readonly call: CallDetail;
}

/** One call to its own number routed to MENU, with the SIPp scenario given; its outcome and record. */
async function callMenu(voxgate: TelephonyFixture, scenario: string, dir: string) {
  const routed = await voxgate.route(MENU);
  const result = await callVoxgate(voxgate, routed.number, { scenario: { file: scenario }, workDir: dir });
  assert.equal(result.ok, true, describeSippResult(result));
  return { result, call: await voxgate.endedCall(routed.tenant) } satisfies DigitCall;
}

/** The timeline says the key was collected and the branch it names ran, and no other. */
function assertBranch(call: CallDetail, digit: string, branch: string): void {
  const collected = timelineOf(call).find((event) => event.type === 'input.collected');
  assert.deepEqual(
    { value: collected?.data['value'], status: collected?.data['status'] },
    { value: digit, status: 'OK' },
    describeTimeline(call),
  );
  assert.deepEqual(valuesSet(call, 'branch'), [branch]);
  assert.equal(call.hangupSource, 'GATEWAY', 'Voxgate hung up at the branch end');
}

/** The time SIPp logged between two marks of the scenario, for the call's one line. */
function loggedMs(result: SippResult, name: string): number {
  const [value] = readLoggedValues(result.logText, name);
  assert.ok(value !== undefined, `no ${name} in ${result.logText}`);
  return value;
}

describe('IVR branch chosen by a key over SIP', { skip: NO_PCAP_PLAY, concurrency: true }, () => {
  test('an RFC 4733 key 1 and key 2 each take their own branch, with their own prompt lengths', async (t) => {
    const voxgate = await startTelephony(t);
    const dir = await createTempDir(t, 'sipp-');
    const scenarios = await Promise.all(
      ['1', '2'].map((digit) =>
        prepareScenario({
          source: scenarioPath(SCENARIO.ivrRfc4733Digit),
          workDir: dir,
          replace: { '/usr/share/sip-tester/dtmf_2833_1.pcap': rfc4733DigitPcap(digit) },
        }),
      ),
    );

    const [one, two] = await Promise.all(scenarios.map((scenario) => callMenu(voxgate, scenario, dir)));

    assert.ok(one !== undefined && two !== undefined);
    assertBranch(one.call, '1', 'sales');
    assertBranch(two.call, '2', 'support');
    const shortMs = loggedMs(one.result, 'digit_to_bye_ms');
    const longMs = loggedMs(two.result, 'digit_to_bye_ms');
    assert.ok(
      longMs - shortMs >= (SUPPORT_EXTRA_S - 1) * 1000,
      `key 1 ended ${shortMs} ms after the key, key 2 ${longMs} ms`,
    );
  });

  test('an in-band DTMF key in the audio, with no telephone-event offered, chooses the branch', async (t) => {
    const voxgate = await startTelephony(t);
    const dir = await createTempDir(t, 'sipp-');
    const keyTwo = join(dir, 'inband-dtmf-2.pcap');
    await writeFile(keyTwo, buildCallerAudioPcap({ segments: inbandDigitSegments('2') }));
    const scenarioTwo = await prepareScenario({
      source: scenarioPath(SCENARIO.ivrInbandDigit),
      workDir: dir,
      replace: { '../media/inband-dtmf-1.pcap': keyTwo },
    });

    const [one, two] = await Promise.all([
      callMenu(voxgate, scenarioPath(SCENARIO.ivrInbandDigit), dir),
      callMenu(voxgate, scenarioTwo, dir),
    ]);

    assertBranch(one.call, '1', 'sales');
    assertBranch(two.call, '2', 'support');
    const shortMs = loggedMs(one.result, 'ack_to_bye_ms');
    const longMs = loggedMs(two.result, 'ack_to_bye_ms');
    assert.ok(
      longMs - shortMs >= (SUPPORT_EXTRA_S - 1) * 1000,
      `key 1 ended ${shortMs} ms after the ACK, key 2 ${longMs} ms`,
    );
    assert.ok(
      !timelineOf(one.call).some((event) => event.type === 'dtmf.received' && event.data['digit'] !== '1'),
      `one tone, one key: ${JSON.stringify(timelineOf(one.call).filter((event) => event.type === 'dtmf.received'))}`,
    );
  });
});
