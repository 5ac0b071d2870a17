/**
 * The receptionist menu runner on a CallPort that plays in real time (prompts take real milliseconds,
 * the caller's keys arrive at real times), with action URLs sent through the real sender to real
 * servers on loopback.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import {
  createActionUrlSender,
  type ActionUrlResult,
} from '../../src/core/receptionists/action-url-sender.js';
import { runReceptionistMenu } from '../../src/core/receptionists/menu-runner.js';
import type { Menu } from '../../src/core/receptionists/service.js';
import type { ActionUrl, Receptionist } from '../../src/core/receptionists/types.js';
import type {
  CallInfo,
  CallPort,
  CallPortDelegate,
  PlayRequest,
  PromptEnd,
  SayRequest,
} from '../../src/scenario/call-port.js';
import { Timeline } from '../../src/scenario/interpreter/timeline.js';
import { serve } from '../helpers/http-test-server.js';
import { LOOPBACK_ALLOWED } from '../helpers/outbound.js';

interface CallerStep {
  /** Milliseconds after the port is attached. */
  readonly atMs: number;
  readonly keys?: string;
  readonly hangup?: true;
}

/** A caller on a real clock: the menu's CallPort. Only what a menu uses is implemented. */
class RealTimeCaller implements CallPort {
  readonly info: CallInfo;
  readonly log: string[] = [];
  readonly #promptMs: number;
  readonly #steps: readonly CallerStep[];
  readonly #timers: NodeJS.Timeout[] = [];

  constructor(info: Partial<CallInfo>, promptMs: number, steps: readonly CallerStep[]) {
    this.info = {
      callId: '77',
      direction: 'inbound',
      from: '+33612345678',
      to: '+33187654321',
      callerName: '',
      ...info,
    };
    this.#promptMs = promptMs;
    this.#steps = steps;
  }

  attach(delegate: CallPortDelegate): void {
    for (const step of this.#steps) {
      this.#timers.push(
        setTimeout(() => {
          for (const key of step.keys ?? '') delegate.onDigit(key);
          if (step.hangup === true) delegate.onHangup();
        }, step.atMs),
      );
    }
  }

  stop(): void {
    for (const timer of this.#timers) clearTimeout(timer);
  }

  answer(): Promise<void> {
    this.log.push('answer');
    return Promise.resolve();
  }

  #hold(signal: AbortSignal): Promise<PromptEnd> {
    return new Promise((resolve) => {
      if (signal.aborted) {
        resolve('aborted');
        return;
      }
      const timer = setTimeout(() => resolve('completed'), this.#promptMs);
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve('aborted');
      });
    });
  }

  say(request: SayRequest, signal: AbortSignal): Promise<PromptEnd> {
    this.log.push(`say ${request.language} ${request.text}`);
    return this.#hold(signal);
  }

  play(request: PlayRequest, signal: AbortSignal): Promise<PromptEnd> {
    this.log.push(`play ${request.url}`);
    return this.#hold(signal);
  }

  hangup(): Promise<void> {
    this.log.push('hangup');
    return Promise.resolve();
  }

  silence(): never {
    throw new Error('a menu plays no silence');
  }
  capture(): never {
    throw new Error('a menu captures no speech');
  }
  record(): never {
    throw new Error('a menu records nothing');
  }
  dial(): never {
    throw new Error('a menu dials nobody');
  }
  detectMachine(): never {
    throw new Error('a menu detects no machine');
  }
  awaitGreetingEnd(): never {
    throw new Error('a menu waits for no greeting');
  }
}

function receptionist(fields: Partial<Receptionist> = {}): Receptionist {
  return {
    id: '700551909773148160',
    accountId: 1,
    name: 'Front desk',
    greeting: { text: 'Press 1 for sales, 2 for support', language: 'en-US', voice: null, url: null },
    options: { '1': 'A'.repeat(32), '2': 'B'.repeat(32), '#': 'C'.repeat(32) },
    timeoutS: 1,
    maxRepeats: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...fields,
  };
}

let nextId = 800000000000000000n;
function actionUrl(fields: Partial<ActionUrl>): ActionUrl {
  nextId += 1n;
  return {
    id: String(nextId),
    receptionistId: '700551909773148160',
    accountId: 1,
    name: null,
    enabled: true,
    type: 'DTMF',
    method: 'POST',
    headers: null,
    callerMask: null,
    dtmfMask: null,
    connectionTimeout: 2,
    requestTimeout: 10,
    auth: 'DISABLE',
    username: null,
    password: null,
    token: null,
    url: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...fields,
  };
}

interface Hit {
  readonly path: string;
  readonly body: { type: string; digits: string; caller: string };
  readonly at: number;
}

/** A receiver that answers each request only after `delayMs`. */
async function slowReceiver(t: TestContext, delayMs: number): Promise<{ url: string; hits: Hit[] }> {
  const hits: Hit[] = [];
  const server = await serve(t, (request, response) => {
    const path = `${request.url.pathname}${request.url.search}`;
    hits.push({ path, body: JSON.parse(request.body) as Hit['body'], at: Date.now() });
    setTimeout(() => response.end('ok'), delayMs);
  });
  return { url: server.url, hits };
}

function run(t: TestContext, caller: RealTimeCaller, menu: Menu, results: ActionUrlResult[] = []) {
  const sender = createActionUrlSender({ policy: LOOPBACK_ALLOWED, onResult: (r) => results.push(r) });
  const timeline = new Timeline(() => Date.now());
  t.after(async () => {
    caller.stop();
    await sender.close();
  });
  const started = Date.now();
  const outcome = runReceptionistMenu({ port: caller, menu, sender, timeline, entryGapMs: 300 }).then(
    (result) => ({ result, tookMs: Date.now() - started }),
  );
  return { outcome, timeline, sender };
}

function types(timeline: Timeline): string[] {
  return timeline.events.map((event) => event.type);
}

test('a slow action URL does not delay the menu: the option is chosen long before the URL answers', async (t) => {
  const receiver = await slowReceiver(t, 4000);
  const results: ActionUrlResult[] = [];
  // The caller barges in during the greeting with 1 then #.
  const caller = new RealTimeCaller({}, 2000, [
    { atMs: 100, keys: '1' },
    { atMs: 150, keys: '#' },
  ]);
  const menu: Menu = {
    receptionist: receptionist(),
    actionUrls: [
      actionUrl({ type: 'CALLER', callerMask: '+336*', url: `${receiver.url}/caller` }),
      actionUrl({ type: 'DTMF', dtmfMask: '1;5-9', url: `${receiver.url}/dtmf` }),
    ],
  };
  const { outcome, timeline, sender } = run(t, caller, menu, results);
  const { result, tookMs } = await outcome;
  assert.deepEqual(result, { kind: 'scenario', scenarioId: 'A'.repeat(32), key: '1' });
  assert.ok(tookMs < 1000, `the menu took ${tookMs} ms while its action URLs take 4 s to answer`);
  assert.equal(results.length, 0, 'no action URL had answered when the menu moved on');
  assert.deepEqual(caller.log, ['answer', 'say en-US Press 1 for sales, 2 for support']);
  assert.deepEqual(types(timeline), [
    'receptionist.started',
    'receptionist.action_url',
    'receptionist.greeting',
    'receptionist.input',
    'receptionist.action_url',
    'receptionist.chosen',
  ]);
  assert.equal(timeline.events[2]?.data['end'], 'aborted', 'the key interrupted the greeting');
  await sender.close();
  assert.deepEqual(
    results.map((r) => r.outcome),
    ['SUCCESS', 'SUCCESS'],
  );
  assert.deepEqual(receiver.hits.map((hit) => [hit.path, hit.body.type, hit.body.digits]).sort(), [
    ['/caller', 'CALLER', ''],
    ['/dtmf', 'DTMF', '1'],
  ]);
});

test('masks pick which action URLs fire: entries, ranges and the caller', async (t) => {
  const receiver = await slowReceiver(t, 0);
  // Entry 3500# (invalid, repeats the greeting), then 2 (the gap ends it).
  const caller = new RealTimeCaller({ from: '+4420123' }, 100, [
    { atMs: 50, keys: '3500#' },
    { atMs: 400, keys: '2' },
  ]);
  const menu: Menu = {
    receptionist: receptionist(),
    actionUrls: [
      actionUrl({ dtmfMask: '1000;2000;3000-4000', url: `${receiver.url}/range` }),
      actionUrl({ dtmfMask: '1000', url: `${receiver.url}/thousand` }),
      actionUrl({ dtmfMask: '2', url: `${receiver.url}/two`, enabled: false }),
      actionUrl({ dtmfMask: '2', url: null }),
      actionUrl({ type: 'CALLER', callerMask: '336*', url: `${receiver.url}/french` }),
      actionUrl({ type: 'CALLER', callerMask: '4420000-4429999', url: `${receiver.url}/london` }),
      actionUrl({ type: null, url: `${receiver.url}/untyped` }),
      actionUrl({ url: `${receiver.url}/any-entry` }),
    ],
  };
  const { outcome, timeline, sender } = run(t, caller, menu);
  const { result } = await outcome;
  assert.deepEqual(result, { kind: 'scenario', scenarioId: 'B'.repeat(32), key: '2' });
  await sender.close();
  assert.deepEqual(receiver.hits.map((hit) => `${hit.path} ${hit.body.digits}`).sort(), [
    '/any-entry 2',
    '/any-entry 3500',
    '/london ',
    '/range 3500',
  ]);
  assert.deepEqual(
    timeline.events
      .filter((e) => e.type === 'receptionist.invalid' || e.type === 'receptionist.input')
      .map((e) => [e.type, e.data['digits']]),
    [
      ['receptionist.input', '3500'],
      ['receptionist.invalid', '3500'],
      ['receptionist.input', '2'],
    ],
  );
});

test('with no DTMF action URL a single option key is taken at once; # alone is the # option', async (t) => {
  const single = new RealTimeCaller({}, 5000, [{ atMs: 50, keys: '2' }]);
  const quick = await run(t, single, { receptionist: receptionist(), actionUrls: [] }).outcome;
  assert.deepEqual(quick.result, { kind: 'scenario', scenarioId: 'B'.repeat(32), key: '2' });
  assert.ok(quick.tookMs < 250, `took ${quick.tookMs} ms: no wait for a gap or #`);
  const hash = new RealTimeCaller({}, 50, [{ atMs: 100, keys: '#' }]);
  const chosen = await run(t, hash, { receptionist: receptionist(), actionUrls: [] }).outcome;
  assert.deepEqual(chosen.result, { kind: 'scenario', scenarioId: 'C'.repeat(32), key: '#' });
});

test('no input, then an invalid key: the greeting repeats max_repeats times, then the menu hangs up', async (t) => {
  const caller = new RealTimeCaller({}, 50, [{ atMs: 1200, keys: '9' }]);
  const menu: Menu = {
    receptionist: receptionist({
      greeting: { text: null, language: 'en-US', voice: null, url: 'https://media.example/hello.wav' },
    }),
    actionUrls: [],
  };
  const { outcome, timeline } = run(t, caller, menu);
  const { result } = await outcome;
  assert.deepEqual(result, { kind: 'hangup', reason: 'no_choice' });
  assert.deepEqual(caller.log, [
    'answer',
    'play https://media.example/hello.wav',
    'play https://media.example/hello.wav',
    'hangup',
  ]);
  assert.deepEqual(types(timeline), [
    'receptionist.started',
    'receptionist.greeting',
    'receptionist.no_input',
    'receptionist.greeting',
    'receptionist.input',
    'receptionist.invalid',
    'receptionist.exhausted',
  ]);
});

test('the caller hanging up during the greeting ends the menu at once, without hanging up again', async (t) => {
  const caller = new RealTimeCaller({}, 5000, [{ atMs: 100, hangup: true }]);
  const { outcome, timeline } = run(t, caller, { receptionist: receptionist(), actionUrls: [] });
  const { result, tookMs } = await outcome;
  assert.deepEqual(result, { kind: 'hangup', reason: 'caller_hangup' });
  assert.ok(tookMs < 1000, `took ${tookMs} ms`);
  assert.ok(!caller.log.includes('hangup'));
  assert.equal(types(timeline).at(-1), 'receptionist.hangup');
});
