/**
 * The real-time runner against a real HTTP app server on 127.0.0.1, through the guarded outbound
 * client, with the simulator's scripted caller as the far end (on a virtual clock: prompts and
 * waits cost no real time, HTTP exchanges are real and hold time still).
 */
import assert from 'node:assert/strict';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, type TestContext } from 'node:test';
import { LOOPBACK_ALLOWED } from '../../../test/helpers/outbound.js';
import { ClockDriver, RealWork, countedHttp } from '../../scenario/simulator/clock-driver.js';
import type { CallerScript } from '../../scenario/simulator/caller-script.js';
import { SimulatedCall } from '../../scenario/simulator/simulated-call.js';
import { VirtualClock } from '../../scenario/simulator/virtual-clock.js';
import type { RealtimeTarget } from '../apps/types.js';
import { AddressPolicy } from '../outbound/address-policy.js';
import { createHttpExchangeClient } from '../outbound/http-exchange-client.js';
import { runRealtimeCall, type RealtimeOutcome } from './realtime-call.js';
import type { RtRequest } from './rt-messages.js';

interface Answer {
  readonly status?: number;
  readonly body?: unknown;
  readonly delayMs?: number;
}

interface AppServer {
  readonly url: string;
  readonly requests: RtRequest[];
  readonly headers: IncomingHttpHeaders[];
}

/** An app server answering each request with `answer(request, index)`. */
async function startAppServer(
  t: TestContext,
  answer: (request: RtRequest, index: number) => Answer,
): Promise<AppServer> {
  const requests: RtRequest[] = [];
  const headers: IncomingHttpHeaders[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as RtRequest;
      const index = requests.length;
      requests.push(body);
      headers.push(req.headers);
      const reply = answer(body, index);
      const send = (): void => {
        const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
        res.writeHead(reply.status ?? 200, { 'content-type': 'application/json' }).end(text);
      };
      if (reply.delayMs === undefined) send();
      else {
        const timer = setTimeout(send, reply.delayMs);
        timers.add(timer);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(async () => {
    for (const timer of timers) clearTimeout(timer);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/rt`, requests, headers };
}

const START_MS = Date.parse('2026-03-02T10:00:03.000Z');

interface Driven {
  readonly outcome: RealtimeOutcome;
  readonly call: SimulatedCall;
  readonly elapsedMs: number;
}

/** Runs one real-time call of `target` with a scripted caller; waits for the HANGUP request too. */
async function drive(
  t: TestContext,
  target: Partial<RealtimeTarget> & { url: string },
  caller: CallerScript = {},
  options: { policy?: AddressPolicy; responseTimeoutMs?: number } = {},
): Promise<Driven> {
  const client = createHttpExchangeClient({ policy: options.policy ?? LOOPBACK_ALLOWED });
  t.after(() => client.close());
  const clock = new VirtualClock(START_MS);
  const call = new SimulatedCall(
    {
      callId: '5710399020',
      direction: 'inbound',
      from: '+33612345678',
      to: '+33123456789',
      callerName: 'Ann',
    },
    clock,
    caller,
  );
  const real = new RealWork();
  const driver = new ClockDriver(clock, real);
  const running = runRealtimeCall({
    port: call,
    app: { hash: '4346423A', name: 'Survey', login: null, password: null, ...target },
    callId: '5710399020',
    startedAt: START_MS,
    http: countedHttp(real, client),
    clock,
    ...(options.responseTimeoutMs === undefined ? {} : { responseTimeoutMs: options.responseTimeoutMs }),
  }).finally(() => {
    driver.finished = true;
  });
  driver.checkAfterDrain();
  await driver.driven;
  const outcome = await running;
  await outcome.lastRequest;
  return { outcome, call, elapsedMs: clock.now() - START_MS };
}

const types = (outcome: RealtimeOutcome): string[] => outcome.timeline.map((event) => event.type);

const pick = (request: RtRequest) => ({
  call_status: request.call_status,
  command: request.command,
  command_id: request.command_id,
  command_result: request.command_result,
  command_error: request.command_error,
  variables: request.variables,
});

test('play, read a key and hang up: each request reports the last command and echoes its id and variables', async (t) => {
  const steps: Answer[] = [
    {
      body: {
        command: 'play',
        command_id: 'hello',
        params: { media_id: 'TTS|TTS_EN-GB_SERENA|Welcome' },
        variables: { step: 1 },
      },
    },
    {
      body: {
        command: 'read',
        command_id: 'ask',
        params: {
          media_id: 'TTS|TTS_EN-GB_SERENA|Rate us from 1 to 5',
          max_digits: 1,
          attempts: 2,
          timeout_ms: 5000,
        },
        variables: { step: 2 },
      },
    },
    { body: { command: 'hangup', command_id: 'end', params: [], variables: { step: 3, score: '4' } } },
    { body: 'ignored' },
  ];
  const app = await startAppServer(t, (_request, index) => steps[index] ?? { status: 500 });
  // The key comes 6 s into the call: after the welcome, while the read waits.
  const { outcome } = await drive(
    t,
    { url: app.url, login: 'survey', password: 's3cret' },
    { events: [{ at: 6000, press: '4' }] },
  );

  assert.deepEqual(app.requests.map(pick), [
    {
      call_status: 'INCOMING_CALL',
      command: '',
      command_id: 0,
      command_result: '',
      command_error: '',
      variables: {},
    },
    {
      call_status: 'UP',
      command: 'play',
      command_id: 'hello',
      command_result: '',
      command_error: '',
      variables: { step: 1 },
    },
    {
      call_status: 'UP',
      command: 'read',
      command_id: 'ask',
      command_result: '4',
      command_error: '',
      variables: { step: 2 },
    },
    {
      call_status: 'HANGUP',
      command: 'hangup',
      command_id: 'end',
      command_result: '',
      command_error: '',
      variables: { step: 3, score: '4' },
    },
  ]);
  const [first] = app.requests;
  assert.deepEqual(
    first && [
      first.app,
      first.callid,
      first.request_hash,
      first.cli_number,
      first.cli_name,
      first.number,
      first.date_started,
    ],
    ['4346423A', 5710399020, null, '+33612345678', 'Ann', '+33123456789', '2026-03-02 10:00:03'],
  );
  const basic = `Basic ${Buffer.from('survey:s3cret').toString('base64')}`;
  assert.deepEqual(
    app.headers.map((h) => [h.authorization, h['content-type']]),
    app.headers.map(() => [basic, 'application/json']),
  );
  assert.equal(outcome.end, 'app');
  assert.ok(types(outcome).includes('call.answered'));
  assert.deepEqual(
    outcome.timeline.filter((e) => e.type === 'dtmf.received').map((e) => e.data['digit']),
    ['4'],
  );
});

test('hangup as the first answer rejects the call unanswered', async (t) => {
  const app = await startAppServer(t, () => ({ body: { command: 'hangup', command_id: 1 } }));
  const { outcome } = await drive(t, { url: app.url });
  assert.equal(outcome.end, 'app');
  assert.ok(!types(outcome).includes('call.answered'), types(outcome).join(', '));
  assert.deepEqual(
    app.requests.map((r) => r.call_status),
    ['INCOMING_CALL', 'HANGUP'],
  );
  assert.equal(app.headers[0]?.authorization, undefined, 'no login, no Authorization');
});

test('an app that does not answer in time is asked once more, then the call ends with the reason', async (t) => {
  const app = await startAppServer(t, (request) =>
    request.call_status === 'HANGUP' ? { body: {} } : { delayMs: 1500, body: { command: 'hangup' } },
  );
  const { outcome, elapsedMs } = await drive(t, { url: app.url }, {}, { responseTimeoutMs: 300 });
  assert.equal(outcome.end, 'app-failure');
  assert.deepEqual(
    app.requests.map((r) => r.call_status),
    ['INCOMING_CALL', 'INCOMING_CALL', 'HANGUP'],
  );
  assert.equal(app.requests[2]?.command_error, 'APP_UNREACHABLE');
  const failures = outcome.timeline
    .filter((e) => e.type === 'realtime.request_failed')
    .map((e) => e.data['reason']);
  assert.deepEqual(failures, ['TIMEOUT: no answer within 300 ms', 'TIMEOUT: no answer within 300 ms']);
  const ended = outcome.timeline.find((e) => e.type === 'realtime.app_failed');
  assert.equal(ended?.data['reason'], 'TIMEOUT: no answer within 300 ms');
  assert.equal(elapsedMs, 1000, 'the retry waits one second (virtual), the exchanges hold time still');
});

test('an answer that is no RT.Response, or names an unknown command, fails the app; a good retry recovers', async (t) => {
  const answers: Answer[] = [
    { body: '<html>not json</html>' },
    { body: { command: 'wait', command_id: 'w', params: { seconds: 2 } } },
    { body: { command: 'dance' } },
    { status: 500 },
    { body: {} },
  ];
  const app = await startAppServer(t, (_request, index) => answers[index] ?? { body: {} });
  const { outcome, elapsedMs } = await drive(t, { url: app.url });
  assert.equal(outcome.end, 'app-failure');
  assert.deepEqual(
    outcome.timeline.filter((e) => e.type === 'realtime.request_failed').map((e) => e.data['reason']),
    [
      'INVALID_ANSWER: the answer is not JSON',
      'INVALID_ANSWER: unknown command "dance"',
      'HTTP_ERROR: status 500',
    ],
  );
  assert.deepEqual(
    app.requests.map((r) => [r.call_status, r.command, r.command_error]),
    [
      ['INCOMING_CALL', '', ''],
      ['INCOMING_CALL', '', ''],
      ['UP', 'wait', ''],
      ['UP', 'wait', ''],
      ['HANGUP', 'wait', 'APP_UNREACHABLE'],
    ],
  );
  // Two retry delays and the wait's two seconds.
  assert.equal(elapsedMs, 4000);
});

test('commands the port cannot carry out, or params out of range, report a command_error and the call goes on', async (t) => {
  const answers: Answer[] = [
    { body: { command: 'read', command_id: 1, params: { max_digits: 21 } } },
    { body: { command: 'send_dtmf', command_id: 2, params: { digits: '12#' } } },
    { body: { command: 'play', command_id: 3, params: { media_id: 42 } } },
    { body: { command: 'record', command_id: 4, params: { max_duration: 10 } } },
    { body: { command: 'play_record', command_id: 5, params: { media_file: 'someone-elses' } } },
    { body: { command: 'conference', command_id: 6, params: { id: 'room' } } },
    {
      body: {
        command: 'dialout',
        command_id: 7,
        params: { targets: [{ number: '+33699999999', timeout: 5 }] },
      },
    },
    { body: { command: 'hangup', command_id: 8 } },
    { body: {} },
  ];
  const app = await startAppServer(t, (_request, index) => answers[index] ?? { body: {} });
  const { outcome } = await drive(t, { url: app.url }, { recordingDurationS: 3 });
  assert.equal(outcome.end, 'app');
  assert.deepEqual(
    app.requests.slice(1).map((r) => [r.command, r.command_result, r.command_error]),
    [
      ['read', '', 'INVALID_PARAMS'],
      ['send_dtmf', '', 'UNAVAILABLE'],
      ['play', '', 'MEDIA_NOT_FOUND'],
      ['record', 'sim-rec-1', ''],
      ['play_record', '', 'MEDIA_NOT_FOUND'],
      ['conference', '', 'UNAVAILABLE'],
      ['dialout', 'NOANSWER', ''],
      ['hangup', '', ''],
    ],
  );
  const invalid = outcome.timeline.find((e) => e.type === 'realtime.invalid_params');
  assert.equal(invalid?.data['reason'], 'max_digits must be <= 20 (maximum)');
});

test('the caller hanging up during a command ends the exchange: the HANGUP request names that command', async (t) => {
  const app = await startAppServer(t, (request) =>
    request.call_status === 'HANGUP'
      ? { body: {} }
      : { body: { command: 'wait', command_id: 'long', params: { seconds: 30 }, variables: { n: 1 } } },
  );
  const { outcome, elapsedMs } = await drive(t, { url: app.url }, { events: [{ at: 12_000, hangup: true }] });
  assert.equal(outcome.end, 'caller');
  assert.equal(elapsedMs, 12_000);
  assert.deepEqual(app.requests.map(pick).at(-1), {
    call_status: 'HANGUP',
    command: 'wait',
    command_id: 'long',
    command_result: '',
    command_error: '',
    variables: { n: 1 },
  });
  assert.equal(app.requests.length, 2);
});

test('the app URL goes through the outbound guard: loopback is refused unless the operator allows it', async (t) => {
  const app = await startAppServer(t, () => ({ body: { command: 'hangup' } }));
  const { outcome } = await drive(t, { url: app.url }, {}, { policy: new AddressPolicy() });
  assert.equal(outcome.end, 'app-failure');
  assert.equal(app.requests.length, 0, 'the canary app server saw nothing');
  assert.match(
    String(outcome.timeline.find((e) => e.type === 'realtime.app_failed')?.data['reason']),
    /^BLOCKED/,
  );
});
