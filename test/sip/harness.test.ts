/**
 * Proves the SIP test harnesses before Voxgate's stack can answer a call: every UAC scenario of
 * test/sip/scenarios/ runs against SIPp playing Voxgate's part (its built-in `uas`, or a stand-in
 * of scenarios/stand-ins/). When Voxgate's stack runs, the same scenarios point at it instead.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { buildCallerAudioPcap, inbandDigitSegments } from '../helpers/caller-audio-pcap.js';
import { captureRtp } from '../helpers/rtp-capture.js';
import {
  describeSippResult,
  runSipp,
  startSipp,
  type SippOptions,
  type SippResult,
} from '../helpers/sipp.js';
import { parseSippMessageLog, topViaBranch, toTag } from '../helpers/sipp-message-log.js';
import {
  prepareScenario,
  rfc4733DigitPcap,
  SCENARIO,
  scenarioPath,
  standInPath,
} from '../helpers/sipp-scenario.js';
import { readLoggedValues } from '../helpers/sipp-statistics.js';
import { createTempDir } from '../helpers/temp-dir.js';
import { skipUnlessInstalled } from '../helpers/installed-tool.js';

const NO_SIPP = skipUnlessInstalled('sipp', 'sip-tester');
// SIPp replays pcaps through a raw socket (strace: socket(AF_INET, SOCK_RAW, IPPROTO_UDP)).
const NO_PCAP_PLAY =
  NO_SIPP || (process.getuid?.() === 0 ? false : 'SIPp needs root (CAP_NET_RAW) to replay pcaps');

const DIALLED = '4000';
const CALLER = '+33100000001';

/** Starts a SIPp UAS for the test, stopped by `t.after`. */
async function startUas(t: TestContext, workDir: string, options: Partial<SippOptions>) {
  const uas = await startSipp({ scenario: { builtIn: 'uas' }, workDir, timeoutMs: 20_000, ...options });
  t.after(() => uas.stop());
  return uas;
}

/** Runs a UAC scenario against a SIPp UAS on loopback. */
function callUas(
  workDir: string,
  uasPort: number,
  options: Partial<SippOptions> & Pick<SippOptions, 'scenario'>,
) {
  return runSipp({
    target: { host: '127.0.0.1', port: uasPort },
    workDir,
    injection: [[DIALLED, CALLER]],
    timeoutMs: 20_000,
    ...options,
  });
}

function assertSucceeded(result: SippResult, who: string) {
  assert.equal(result.ok, true, `${who}: ${describeSippResult(result)}`);
  assert.equal(result.successfulCalls, 1, `${who}: ${describeSippResult(result)}`);
}

describe('SIPp harness against SIPp playing Voxgate', { skip: NO_SIPP, concurrency: true }, () => {
  test('a UAC call to the built-in UAS counts one successful call and dials the injected number', async (t) => {
    const dir = await createTempDir(t, 'sipp');
    const uas = await startUas(t, dir, { rtpEcho: true });

    const result = await callUas(dir, uas.sipPort, {
      scenario: { file: scenarioPath(SCENARIO.byeFromCaller) },
      pauseMs: 300,
    });

    assertSucceeded(result, 'bye-from-caller');
    assert.equal(result.failedCalls, 0);
    const sent = parseSippMessageLog(result.messageLog).filter((message) => message.direction === 'sent');
    assert.match(
      sent[0]?.startLine ?? '',
      new RegExp(`^INVITE sip:${DIALLED}@127\\.0\\.0\\.1:${uas.sipPort} `),
    );
    assert.match(sent.at(-1)?.startLine ?? '', /^BYE sip:/);
  });

  test('a call whose expectations are not met fails with exit code 1 and an error log', async (t) => {
    const dir = await createTempDir(t, 'sipp');
    const uas = await startUas(t, dir, {});

    // unknown-number.xml expects a 404; the built-in UAS rings and answers.
    const result = await callUas(dir, uas.sipPort, {
      scenario: { file: scenarioPath(SCENARIO.unknownNumber) },
    });

    assert.equal(result.exitCode, 1, describeSippResult(result));
    assert.equal(result.failedCalls, 1);
    assert.equal(result.ok, false);
    assert.match(result.errorLog, /unexpected/i);
  });

  test('unknown-number.xml accepts a 404 and ACKs it on the INVITE branch', async (t) => {
    const dir = await createTempDir(t, 'sipp');
    const uas = await startUas(t, dir, { scenario: { file: standInPath('reject-404.xml') } });

    const result = await callUas(dir, uas.sipPort, {
      scenario: { file: scenarioPath(SCENARIO.unknownNumber) },
    });

    assertSucceeded(result, 'unknown-number');
    const sent = parseSippMessageLog(result.messageLog).filter((message) => message.direction === 'sent');
    const [invite, ack] = [
      sent.find((m) => m.startLine.startsWith('INVITE')),
      sent.find((m) => m.startLine.startsWith('ACK')),
    ];
    assert.ok(invite !== undefined && ack !== undefined);
    assert.equal(topViaBranch(ack), topViaBranch(invite));
    assertSucceeded(await uas.done, 'reject-404 stand-in');
  });

  test('hangup-by-voxgate.xml over TCP answers the BYE and logs the ACK-to-BYE time', async (t) => {
    const dir = await createTempDir(t, 'sipp');
    const rtp = await captureRtp(t);
    const uas = await startUas(t, dir, {
      scenario: { file: standInPath('answer-then-bye.xml') },
      transport: 'tcp',
      keys: { rtp_port: String(rtp.port) },
      pauseMs: 800,
    });

    const result = await callUas(dir, uas.sipPort, {
      scenario: { file: scenarioPath(SCENARIO.hangupByVoxgate) },
      transport: 'tcp',
    });

    assertSucceeded(result, 'hangup-by-voxgate');
    assert.match(parseSippMessageLog(result.messageLog)[0]?.text ?? '', /^Via: SIP\/2\.0\/TCP /m);
    const [ackToBye, ...more] = readLoggedValues(result.logText, 'ack_to_bye_ms');
    assert.equal(more.length, 0);
    // The stand-in waits 800 ms after the ACK before its BYE: the logged time cannot be shorter.
    assert.ok(ackToBye !== undefined && ackToBye >= 800, `ack_to_bye_ms=${ackToBye}`);
    assertSucceeded(await uas.done, 'answer-then-bye stand-in');
  });

  test('hangup-by-voxgate.xml fails the call when no BYE comes within its bound', async (t) => {
    const dir = await createTempDir(t, 'sipp');
    const rtp = await captureRtp(t);
    const uas = await startUas(t, dir, {
      scenario: { file: standInPath('answer-then-bye.xml') },
      keys: { rtp_port: String(rtp.port) },
      pauseMs: 5_000,
    });
    const scenario = await prepareScenario({
      source: scenarioPath(SCENARIO.hangupByVoxgate),
      workDir: dir,
      replace: { 'timeout="20000"': 'timeout="1000"' },
    });

    const result = await callUas(dir, uas.sipPort, { scenario: { file: scenario } });

    assert.equal(result.exitCode, 1, describeSippResult(result));
    assert.equal(result.failedCalls, 1);
    assert.match(result.errorLog, /receive timeout/);
  });

  test('ivr-rfc4733-digit.xml plays PCMU, then the chosen digit as telephone-events in the same stream', async (t) => {
    if (NO_PCAP_PLAY) return t.skip(NO_PCAP_PLAY);
    const dir = await createTempDir(t, 'sipp');
    const rtp = await captureRtp(t);
    const uas = await startUas(t, dir, {
      scenario: { file: standInPath('answer-then-bye.xml') },
      keys: { rtp_port: String(rtp.port) },
      pauseMs: 2_500,
    });
    const scenario = await prepareScenario({
      source: scenarioPath(SCENARIO.ivrRfc4733Digit),
      workDir: dir,
      replace: { '/usr/share/sip-tester/dtmf_2833_1.pcap': rfc4733DigitPcap('7') },
    });

    const result = await callUas(dir, uas.sipPort, { scenario: { file: scenario } });

    assertSucceeded(result, 'ivr-rfc4733-digit');
    const audio = rtp.packets.filter((packet) => packet.payloadType === 0);
    const events = rtp.packets.filter((packet) => packet.payloadType === 101);
    assert.equal(audio.length, 50);
    assert.ok(events.length > 0);
    // RFC 4733 section 2.3: event code (7), then E bit on the last packets of the event.
    assert.deepEqual(new Set(events.map((packet) => packet.payload[0])), new Set([7]));
    assert.equal(((events.at(-1)?.payload[1] ?? 0) & 0x80) !== 0, true);
    assert.equal(new Set(rtp.packets.map((packet) => packet.ssrc)).size, 1);
    assert.equal(readLoggedValues(result.logText, 'digit_to_bye_ms').length, 1);
  });

  test('ivr-inband-digit.xml plays the generated in-band tone pcap of the chosen key', async (t) => {
    if (NO_PCAP_PLAY) return t.skip(NO_PCAP_PLAY);
    const dir = await createTempDir(t, 'sipp');
    const rtp = await captureRtp(t);
    const uas = await startUas(t, dir, {
      scenario: { file: standInPath('answer-then-bye.xml') },
      keys: { rtp_port: String(rtp.port) },
      pauseMs: 1_500,
    });
    const pcap = buildCallerAudioPcap({ segments: inbandDigitSegments('9') });
    const pcapPath = join(dir, 'inband-dtmf-9.pcap');
    await writeFile(pcapPath, pcap);
    const scenario = await prepareScenario({
      source: scenarioPath(SCENARIO.ivrInbandDigit),
      workDir: dir,
      replace: { '../media/inband-dtmf-1.pcap': pcapPath },
    });

    const result = await callUas(dir, uas.sipPort, { scenario: { file: scenario } });

    assertSucceeded(result, 'ivr-inband-digit');
    const invite = parseSippMessageLog(result.messageLog)[0]?.text ?? '';
    assert.doesNotMatch(invite, /telephone-event/);
    assert.equal(rtp.packets.length, 50);
    assert.ok(rtp.packets.every((packet) => packet.payloadType === 0 && packet.payload.length === 160));
    // Packets 25 to 29 carry the tone; a pcap of another key would differ there.
    const expected = buildCallerAudioPcap({ segments: inbandDigitSegments('9') });
    const tonePayload = rtp.packets[25]?.payload;
    assert.ok(tonePayload !== undefined && expected.includes(tonePayload));
    assert.ok(!buildCallerAudioPcap({ segments: inbandDigitSegments('1') }).includes(tonePayload));
  });

  test('cancel-before-answer.xml cancels after the 180 and ACKs the 487 on the INVITE branch', async (t) => {
    const dir = await createTempDir(t, 'sipp');
    const uas = await startUas(t, dir, { scenario: { file: standInPath('ring-then-cancelled.xml') } });

    const result = await callUas(dir, uas.sipPort, {
      scenario: { file: scenarioPath(SCENARIO.cancelBeforeAnswer) },
    });

    assertSucceeded(result, 'cancel-before-answer');
    const sent = parseSippMessageLog(result.messageLog).filter((message) => message.direction === 'sent');
    assert.deepEqual(
      sent.map((message) => message.startLine.split(' ')[0]),
      ['INVITE', 'CANCEL', 'ACK'],
    );
    assert.equal(new Set(sent.map(topViaBranch)).size, 1);
    assertSucceeded(await uas.done, 'ring-then-cancelled stand-in');
  });

  test('hold-resume.xml holds with a=sendonly and resumes with a=sendrecv in two re-INVITEs', async (t) => {
    const dir = await createTempDir(t, 'sipp');
    const uas = await startUas(t, dir, { scenario: { file: standInPath('answer-hold-resume.xml') } });

    const result = await callUas(dir, uas.sipPort, { scenario: { file: scenarioPath(SCENARIO.holdResume) } });

    assertSucceeded(result, 'hold-resume');
    const requests = parseSippMessageLog(result.messageLog).filter((message) => message.direction === 'sent');
    const cseqs = requests.map((message) => /^CSeq: (.*?)\r?$/m.exec(message.text)?.[1]);
    assert.deepEqual(cseqs, ['1 INVITE', '1 ACK', '2 INVITE', '2 ACK', '3 INVITE', '3 ACK', '4 BYE']);
    assertSucceeded(await uas.done, 'answer-hold-resume stand-in');
  });

  test('hold-resume.xml fails when the hold is answered sendrecv', async (t) => {
    const dir = await createTempDir(t, 'sipp');
    const standIn = await prepareScenario({
      source: standInPath('answer-hold-resume.xml'),
      workDir: dir,
      replace: { 'a=recvonly': 'a=sendrecv' },
    });
    const uas = await startUas(t, dir, { scenario: { file: standIn } });

    const result = await callUas(dir, uas.sipPort, { scenario: { file: scenarioPath(SCENARIO.holdResume) } });

    assert.equal(result.failedCalls, 1, describeSippResult(result));
    assert.match(result.errorLog, /regexp|check/i);
  });

  test('options.xml accepts a 200 whose Allow lists the five methods', async (t) => {
    const dir = await createTempDir(t, 'sipp');
    const uas = await startUas(t, dir, { scenario: { file: standInPath('options-responder.xml') } });

    const result = await callUas(dir, uas.sipPort, { scenario: { file: scenarioPath(SCENARIO.options) } });

    assertSucceeded(result, 'options');
  });

  test('options.xml fails a 200 whose Allow lacks CANCEL and OPTIONS', async (t) => {
    const dir = await createTempDir(t, 'sipp');
    const standIn = await prepareScenario({
      source: standInPath('options-responder.xml'),
      workDir: dir,
      replace: { 'Allow: INVITE, ACK, BYE, CANCEL, OPTIONS': 'Allow: INVITE, ACK, BYE' },
    });
    const uas = await startUas(t, dir, { scenario: { file: standIn } });

    const result = await callUas(dir, uas.sipPort, { scenario: { file: scenarioPath(SCENARIO.options) } });

    assert.equal(result.failedCalls, 1, describeSippResult(result));
  });

  test('retransmitted-invite.xml repeats the INVITE while ringing and sees the 180 again and one 200', async (t) => {
    const dir = await createTempDir(t, 'sipp');
    const uas = await startUas(t, dir, {
      scenario: { file: standInPath('ring-then-answer.xml') },
      pauseMs: 1_000,
    });

    const result = await callUas(dir, uas.sipPort, {
      scenario: { file: scenarioPath(SCENARIO.retransmittedInvite) },
      extraArgs: ['-nr'],
    });

    assertSucceeded(result, 'retransmitted-invite');
    const messages = parseSippMessageLog(result.messageLog);
    const invites = messages.filter((m) => m.direction === 'sent' && m.startLine.startsWith('INVITE'));
    assert.equal(invites.length, 2);
    assert.equal(invites[0]?.text, invites[1]?.text);
    const received = messages.filter((m) => m.direction === 'received');
    assert.equal(received.filter((m) => m.startLine.startsWith('SIP/2.0 180')).length, 2);
    const toInvite = received.filter(
      (m) => /^CSeq: 1 INVITE/m.test(m.text) && m.startLine !== 'SIP/2.0 100 Trying',
    );
    assert.equal(toInvite.filter((m) => m.startLine.startsWith('SIP/2.0 200')).length, 1);
    assert.equal(
      new Set(toInvite.map(toTag)).size,
      1,
      'every 180 and 200 to the INVITE belongs to one dialog',
    );
    assertSucceeded(await uas.done, 'ring-then-answer stand-in');
  });
});
