/**
 * What the SIP end-to-end tests of Voxgate share: SIPp pointed at a running Voxgate with one
 * call's injection row, a web service slow enough to keep a call ringing, and a look into a call
 * record's timeline. The test files beside this one prove issue 5 case by case.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestContext } from 'node:test';
import type { CallDetail } from '../../src/core/calls/types.js';
import type { TimelineEvent } from '../../src/scenario/interpreter/timeline.js';
import { runSipp, startSipp, type SippOptions, type SippProcess, type SippResult } from '../helpers/sipp.js';
import {
  headerValue,
  parseSippMessageLog,
  SIPP_DIRECTION,
  type SippLoggedMessage,
} from '../helpers/sipp-message-log.js';
import type { TelephonyFixture } from '../helpers/telephony-server.js';

/** Where SIPp calls: a running Voxgate's SIP port. */
export type SipTarget = Pick<TelephonyFixture, 'sipPort'>;

/** The caller every test presents (From), E.164 with its `+`. */
export const CALLER = '+33612345678';

/** A SIPp run's bound, well above any call here, under the suite's patience. */
export const SIPP_TIMEOUT_MS = 40_000;

export type VoxgateCallOptions = Partial<SippOptions> & Pick<SippOptions, 'scenario' | 'workDir'>;

/** The options of one SIPp UAC call to `number` on Voxgate (the dialled number without its `+`). */
export function voxgateCall(voxgate: SipTarget, number: string, options: VoxgateCallOptions): SippOptions {
  return {
    target: { host: '127.0.0.1', port: voxgate.sipPort },
    injection: [[number.replace(/^\+/, ''), CALLER.slice(1)]],
    timeoutMs: SIPP_TIMEOUT_MS,
    ...options,
  };
}

/** Runs one SIPp UAC call to `number` on Voxgate to its end. */
export function callVoxgate(
  voxgate: SipTarget,
  number: string,
  options: VoxgateCallOptions,
): Promise<SippResult> {
  return runSipp(voxgateCall(voxgate, number, options));
}

/** Starts one SIPp UAC call in the background; the test stops it with `t.after` if it is still up. */
export async function startVoxgateCall(
  t: TestContext,
  voxgate: SipTarget,
  number: string,
  options: VoxgateCallOptions,
): Promise<SippProcess> {
  const sipp = await startSipp(voxgateCall(voxgate, number, options));
  t.after(() => sipp.stop());
  return sipp;
}

/** The messages SIPp received, in order. */
export function receivedMessages(result: SippResult): SippLoggedMessage[] {
  return parseSippMessageLog(result.messageLog).filter(
    (message) => message.direction === SIPP_DIRECTION.received,
  );
}

/** What SIPp received, one line each: `SIP/2.0 487 Request Terminated (1 INVITE)`, `BYE sip:... (1 BYE)`. */
export function receivedSummary(result: SippResult): string[] {
  return receivedMessages(result).map(
    (message) => `${message.startLine} (${headerValue(message, 'CSeq') ?? 'no CSeq'})`,
  );
}

/** A web service whose every answer takes `delayMs`: a Call API to it keeps the call ringing. */
export interface SlowWebService {
  /** `http://127.0.0.1:<port>/slow` */
  readonly url: string;
  /** Requests received so far. */
  readonly requests: number;
}

/**
 * Starts a loopback HTTP server answering `{}` after `delayMs`. A scenario that begins with a Call
 * API to it is admitted, rings (180) and stays unanswered meanwhile: Call API needs no answered call
 * (docs/scenario-language.md, "the caller hears silence or ringing meanwhile"), whereas every
 * prompt, Pause included, answers first. No other action can hold the answer back.
 */
export async function startSlowWebService(t: TestContext, delayMs: number): Promise<SlowWebService> {
  let requests = 0;
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((request, response) => {
    requests += 1;
    request.resume();
    const timer = setTimeout(() => {
      timers.delete(timer);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    }, delayMs);
    timers.add(timer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(async () => {
    for (const timer of timers) clearTimeout(timer);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/slow`,
    get requests() {
      return requests;
    },
  };
}

/** The events of a call record's timeline, in order (empty when it has none). */
export function timelineOf(call: CallDetail): readonly TimelineEvent[] {
  return call.timeline ?? [];
}

/** The value each `variable.set` of the timeline gave `name`, in order. */
export function valuesSet(call: CallDetail, name: string): unknown[] {
  return timelineOf(call)
    .filter((event) => event.type === 'variable.set' && event.data['name'] === name)
    .map((event) => event.data['value']);
}

/** The timeline's event types, for assertion messages. */
export function describeTimeline(call: CallDetail): string {
  return timelineOf(call)
    .map((event) => event.type)
    .join(', ');
}

/** Polls `check` every 50 ms until it holds; fails after `timeoutMs` with `what`. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
