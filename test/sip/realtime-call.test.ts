/**
 * A REALTIME10 call over real SIP and RTP (issue 6, part 6): SIPp calls a number routed to a
 * real-time app, and a test HTTP server on loopback drives the call: play, read (the key comes from
 * SIPp as an RFC 4733 telephone-event), hangup. A second app answers only after 6 s, past the 5 s
 * the exchange allows: Voxgate asks once more, then hangs up by itself (a BYE, GATEWAY in the call
 * record) with the reason in the timeline. A third app sends the caller keys (send_dtmf), which
 * reach the caller's media socket as RFC 4733 events.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test, type TestContext } from 'node:test';
import type { Tenant } from '../../src/core/accounts/types.js';
import type { RtRequest } from '../../src/core/realtime/rt-messages.js';
import { skipUnlessInstalled } from '../helpers/installed-tool.js';
import { describeSippResult } from '../helpers/sipp.js';
import { prepareScenario, rfc4733DigitPcap, SCENARIO, scenarioPath } from '../helpers/sipp-scenario.js';
import { readLoggedValues } from '../helpers/sipp-statistics.js';
import { captureRtp } from '../helpers/rtp-capture.js';
import { createTempDir } from '../helpers/temp-dir.js';
import { startTelephony, type TelephonyFixture } from '../helpers/telephony-server.js';
import { callVoxgate, describeTimeline, timelineOf, waitFor } from './voxgate-peer.js';

const NO_SIPP = skipUnlessInstalled('sipp', 'sip-tester');
// SIPp replays pcaps through a raw socket.
const NO_PCAP_PLAY =
  NO_SIPP || (process.getuid?.() === 0 ? false : 'SIPp needs root (CAP_NET_RAW) to replay pcaps');

interface AppServer {
  readonly url: string;
  readonly requests: RtRequest[];
}

/** A real-time app on loopback: `answer(request)` gives each reply's body and delay. */
async function startApp(
  t: TestContext,
  answer: (request: RtRequest) => { readonly body: unknown; readonly delayMs?: number },
): Promise<AppServer> {
  const requests: RtRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as RtRequest;
      requests.push(request);
      const reply = answer(request);
      const send = (): void => {
        if (!res.destroyed)
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
      };
      if (reply.delayMs === undefined) send();
      else timers.add(setTimeout(send, reply.delayMs));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(async () => {
    for (const timer of timers) clearTimeout(timer);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/rt`, requests };
}

let numberSeq = 0;

/** An account whose number is routed to a REALTIME10 app at `url`. */
async function routeToApp(
  voxgate: TelephonyFixture,
  url: string,
): Promise<{ number: string; tenant: Tenant; hash: string }> {
  numberSeq += 1;
  const core = voxgate.server.core;
  const number = `+3318${String(process.pid % 10_000).padStart(4, '0')}${String(numberSeq).padStart(3, '0')}`;
  const account = await core.accounts.createAccount(`Realtime ${numberSeq}`);
  const tenant: Tenant = { accountId: account.id, parentId: null };
  const app = await core.apps.create(tenant, {
    name: 'Survey',
    package: 'REALTIME10',
    params: { url, login: 'rt', password: 'pw' },
  });
  await core.numbers.add(account.id, number);
  await core.numbers.route(tenant, number, { kind: 'app', hash: app.hash });
  return { number, tenant, hash: app.hash };
}

describe('REALTIME10 call over SIP', { skip: NO_PCAP_PLAY, concurrency: true }, () => {
  test('an app drives the call through play, read (an RFC 4733 key from SIPp) and hangup', async (t) => {
    const voxgate = await startTelephony(t);
    const dir = await createTempDir(t, 'sipp-');
    const app = await startApp(t, (request) => {
      if (request.call_status === 'INCOMING_CALL')
        return {
          body: {
            command: 'play',
            command_id: 1,
            params: { media_id: 'TTS|TTS_EN-GB_SERENA|Welcome' },
            variables: { step: 1 },
          },
        };
      if (request.command === 'play')
        return {
          body: {
            command: 'read',
            command_id: 'ask',
            params: {
              media_id: 'TTS|TTS_EN-GB_SERENA|Rate us from 1 to 5',
              max_digits: 1,
              attempts: 1,
              timeout_ms: 10_000,
            },
            variables: { step: 2 },
          },
        };
      return {
        body: {
          command: 'hangup',
          command_id: 'end',
          params: {},
          variables: { step: 3, score: request.command_result },
        },
      };
    });
    const routed = await routeToApp(voxgate, app.url);
    const scenario = await prepareScenario({
      source: scenarioPath(SCENARIO.ivrRfc4733Digit),
      workDir: dir,
      replace: { '/usr/share/sip-tester/dtmf_2833_1.pcap': rfc4733DigitPcap('4') },
    });

    const result = await callVoxgate(voxgate, routed.number, { scenario: { file: scenario }, workDir: dir });

    assert.equal(result.ok, true, describeSippResult(result));
    const call = await voxgate.endedCall(routed.tenant);
    await waitFor(() => app.requests.length === 4, 'the HANGUP request');
    assert.deepEqual(
      app.requests.map((r) => [r.call_status, r.command, r.command_id, r.command_result, r.command_error]),
      [
        ['INCOMING_CALL', '', 0, '', ''],
        ['UP', 'play', 1, '', ''],
        ['UP', 'read', 'ask', '4', ''],
        ['HANGUP', 'hangup', 'end', '', ''],
      ],
    );
    assert.deepEqual(app.requests[3]?.variables, { step: 3, score: '4' });
    assert.equal(app.requests[0]?.number, routed.number);
    assert.equal(app.requests[0]?.callid, Number(call.id));
    assert.equal(call.hangupSource, 'GATEWAY', 'Voxgate hung up, as the app asked');
    assert.equal(call.scenarioId, routed.hash, 'the call record names the app');
    assert.ok(call.answeredAt !== null, 'the play answered the call');
    const keys = timelineOf(call)
      .filter((e) => e.type === 'dtmf.received')
      .map((e) => e.data['digit']);
    assert.deepEqual(keys, ['4'], describeTimeline(call));
  });

  test('an app that answers after 6 s: Voxgate asks once more, then hangs up cleanly with the reason', async (t) => {
    const voxgate = await startTelephony(t);
    const dir = await createTempDir(t, 'sipp-');
    const app = await startApp(t, (request) =>
      request.call_status === 'INCOMING_CALL'
        ? { body: { command: 'play', command_id: 1, params: { media_id: 'TTS|TTS_EN-GB_SERENA|Hello' } } }
        : { body: { command: 'hangup' }, delayMs: 6000 },
    );
    const routed = await routeToApp(voxgate, app.url);

    const result = await callVoxgate(voxgate, routed.number, {
      scenario: { file: scenarioPath(SCENARIO.hangupByVoxgate) },
      workDir: dir,
    });

    assert.equal(result.ok, true, describeSippResult(result));
    const [ackToByeMs] = readLoggedValues(result.logText, 'ack_to_bye_ms');
    // The play, then two tries of 5 s with a second between them; the 6 s answer never counts.
    assert.ok(
      ackToByeMs !== undefined && ackToByeMs >= 11_000 && ackToByeMs < 16_000,
      `BYE ${ackToByeMs} ms after the ACK`,
    );
    const call = await voxgate.endedCall(routed.tenant);
    assert.equal(call.hangupSource, 'GATEWAY');
    const failed = timelineOf(call).find((e) => e.type === 'realtime.app_failed');
    assert.equal(failed?.data['reason'], 'TIMEOUT: no answer within 5000 ms', describeTimeline(call));
    assert.equal(timelineOf(call).filter((e) => e.type === 'realtime.request_failed').length, 2);
    await waitFor(() => app.requests.some((r) => r.call_status === 'HANGUP'), 'the HANGUP request');
    assert.deepEqual(
      app.requests.map((r) => [r.call_status, r.command, r.command_error]),
      [
        ['INCOMING_CALL', '', ''],
        ['UP', 'play', ''],
        ['UP', 'play', ''],
        ['HANGUP', 'play', 'APP_UNREACHABLE'],
      ],
    );
  });

  test('send_dtmf reaches the caller as RFC 4733 events, key after key', async (t) => {
    const voxgate = await startTelephony(t);
    const dir = await createTempDir(t, 'sipp-');
    // The caller's SDP names this socket as its media: what Voxgate sends the caller lands here.
    const rtp = await captureRtp(t);
    const app = await startApp(t, (request) =>
      request.call_status === 'INCOMING_CALL'
        ? {
            body: {
              command: 'send_dtmf',
              command_id: 'keys',
              params: { digits: '19#', duration_ms: 100, timeout_ms: 100 },
            },
          }
        : { body: { command: 'hangup', command_id: 'end' } },
    );
    const routed = await routeToApp(voxgate, app.url);
    const scenario = await prepareScenario({
      source: scenarioPath(SCENARIO.hangupByVoxgate),
      workDir: dir,
      replace: { 'm=audio [media_port]': `m=audio ${rtp.port}` },
    });

    const result = await callVoxgate(voxgate, routed.number, { scenario: { file: scenario }, workDir: dir });

    assert.equal(result.ok, true, describeSippResult(result));
    await waitFor(() => app.requests.length === 3, 'the HANGUP request');
    assert.deepEqual(
      app.requests.map((r) => [r.call_status, r.command, r.command_result, r.command_error]),
      [
        ['INCOMING_CALL', '', '', ''],
        ['UP', 'send_dtmf', '', ''],
        ['HANGUP', 'hangup', '', ''],
      ],
    );
    // RFC 4733 section 2.3: the event code is the payload's first byte (# is 11); one key per
    // distinct RTP timestamp, its packets repeating it.
    const events = rtp.packets.filter((packet) => packet.payloadType === 101);
    const keys: number[] = [];
    let lastTimestamp = -1;
    for (const packet of events) {
      if (packet.timestamp === lastTimestamp) continue;
      lastTimestamp = packet.timestamp;
      keys.push(packet.payload[0] ?? -1);
    }
    assert.deepEqual(keys, [1, 9, 11], `${events.length} telephone-event packets`);
  });
});
