/**
 * Reads what `ivr-call.xml` logs for each call that got its BYE (`-trace_logs`):
 *
 *   call=17 digit=2 ack_to_bye_ms=5492.63 digit_to_bye_ms=3485.26
 *
 * and checks each call's digit-to-BYE time against its digit's branch. SIPp already fails a call
 * whose BYE falls outside the window; counting here as well gives the "digits recognised" figure
 * from the calls' own timings, and how late the prompts ended under load.
 */
import { LONG_PROMPT_MS, SHORT_PROMPT_MS } from './prompt-wavs.js';
import type { BenchDigit } from './caller-audio.js';

export interface IvrCallTiming {
  readonly call: number;
  readonly digit: string;
  readonly ackToByeMs: number;
  readonly digitToByeMs: number;
}

/** The final prompt each digit's branch plays. */
export const BRANCH_PROMPT_MS: Readonly<Record<BenchDigit, number>> = {
  '1': SHORT_PROMPT_MS,
  '2': LONG_PROMPT_MS,
};
/** The BYE window around a branch's prompt; ivr-call.xml's `<pause>` (prompt - 200) and `timeout` (1200) say the same. */
export const BYE_EARLY_MS = 200;
export const BYE_LATE_MS = 1000;

const LINE = /call=(\d+) digit=(\S+) ack_to_bye_ms=(-?[\d.]+) digit_to_bye_ms=(-?[\d.]+)/g;

export function parseIvrCallLog(logText: string): IvrCallTiming[] {
  return [...logText.matchAll(LINE)].map((match) => ({
    call: Number(match[1]),
    digit: match[2]!,
    ackToByeMs: Number(match[3]),
    digitToByeMs: Number(match[4]),
  }));
}

function isBenchDigit(digit: string): digit is BenchDigit {
  return Object.hasOwn(BRANCH_PROMPT_MS, digit);
}

/**
 * How much later than its branch's prompt length the BYE came (negative: earlier), or null when
 * the time is outside the branch's window: the digit was not heard as sent.
 */
export function promptLatenessMs(timing: IvrCallTiming): number | null {
  if (!isBenchDigit(timing.digit)) return null;
  const lateness = timing.digitToByeMs - BRANCH_PROMPT_MS[timing.digit];
  return lateness >= -BYE_EARLY_MS && lateness <= BYE_LATE_MS ? lateness : null;
}
