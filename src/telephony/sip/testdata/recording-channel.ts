/**
 * A transaction channel that keeps what it was asked to send instead of writing to a socket, and
 * can be told to fail, as a broken transport would (RFC 3261 sections 17.1.4 and 17.2.4).
 */
import type { SipMessage, SipRequest, SipResponse } from '../message/index.js';
import type { ManualTimerClock } from '../transaction/manual-timer-clock.js';
import type { RequestChannel, ResponseChannel } from '../transaction/transaction-channel.js';

export class RecordingChannel implements ResponseChannel, RequestChannel {
  readonly reliable: boolean;
  readonly sent: SipMessage[] = [];
  /** While true, every send fails and records nothing. */
  failing = false;

  constructor(options: { readonly reliable?: boolean } = {}) {
    this.reliable = options.reliable ?? false;
  }

  send(message: SipRequest | SipResponse): boolean {
    if (this.failing) return false;
    this.sent.push(message);
    return true;
  }

  /** The status of each response sent, in order. */
  get statuses(): number[] {
    return this.sent.flatMap((message) => (message.kind === 'response' ? [message.status] : []));
  }

  /** The responses sent, in order. */
  get responses(): SipResponse[] {
    return this.sent.flatMap((message) => (message.kind === 'response' ? [message] : []));
  }

  /** The last response sent; fails the test when there is none. */
  get lastResponse(): SipResponse {
    const last = this.responses.at(-1);
    if (last === undefined) throw new Error('no response was sent');
    return last;
  }
}

/** Advances the clock in 100 ms steps until `untilMs` and answers when the channel sent something. */
export function sendTimes(clock: ManualTimerClock, channel: RecordingChannel, untilMs: number): number[] {
  const times: number[] = [];
  let seen = channel.sent.length;
  while (clock.now < untilMs) {
    clock.advance(100);
    for (; seen < channel.sent.length; seen++) times.push(clock.now);
  }
  return times;
}
