/**
 * Capture (section 5.2): speech matched against key phrases, or DTMF when
 * digits are buffered or pressed before the utterance ends (then it reads
 * like a Collect, with `timeout` as the inter-digit timeout).
 */
import { ENGINE_ABORT } from '../abort-reason.js';
import type { CaptureNode } from '../../ast/nodes.js';
import { NEXT } from '../flow.js';
import { MASKED_VALUE, type RunContext } from '../run-context.js';
import type { ActionHandler } from './action-handler.js';
import { readDigits } from './collect.js';

type CaptureStatus = 'MATCHED' | 'NO_MATCH' | 'DTMF' | 'TIMEOUT' | 'UNAVAILABLE';

/** Lower case, punctuation stripped, spaces collapsed: how transcripts and phrases are compared. */
export function normalizeSpeech(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The first key phrase (list order) found in the transcript as a whole-word sequence. */
export function matchKeyPhrase(transcript: string, phrases: readonly string[]): string | null {
  const heard = ` ${normalizeSpeech(transcript)} `;
  return phrases.find((phrase) => heard.includes(` ${normalizeSpeech(phrase)} `)) ?? null;
}

function finish(
  node: CaptureNode,
  run: RunContext,
  value: string,
  full: string,
  meaning: string,
  status: CaptureStatus,
): void {
  const masked = node.sendToReports !== 'ALWAYS';
  run.setVariable(node.variable, value, node, { masked });
  run.setVariable(`${node.variable}_Full`, full, node, { masked });
  run.setVariable(`${node.variable}_Meaning`, meaning, node);
  run.setStatus('captureStatus', status);
  if (node.sendToReports !== 'NEVER') {
    run.timeline.add(
      'speech.recognized',
      { transcript: masked ? MASKED_VALUE : full, match: masked ? MASKED_VALUE : value, status },
      node,
    );
  }
}

async function captureDigits(node: CaptureNode, run: RunContext): Promise<void> {
  const read = await readDigits(run, {
    maxInputLength: node.maxInputLength,
    timeoutMs: node.timeoutMs,
    interDigitTimeoutMs: node.timeoutMs,
  });
  if (read.hangup) return;
  const mapped = node.mappedValues?.get(read.digits);
  finish(
    node,
    run,
    read.digits,
    read.digits,
    mapped === undefined ? '' : run.render(mapped, node),
    read.digits === '' ? 'TIMEOUT' : 'DTMF',
  );
}

export const capture: ActionHandler<CaptureNode> = {
  needsCall: true,
  async run(node, run) {
    if (run.signal.aborted) return NEXT;
    if (run.digits.size > 0) {
      await captureDigits(node, run);
      return NEXT;
    }
    const listening = new AbortController();
    const onHangup = (): void => listening.abort(ENGINE_ABORT);
    run.signal.addEventListener('abort', onHangup, { once: true });
    let pressed = false;
    const unwatch = run.digits.watch(() => {
      pressed = true;
      listening.abort(ENGINE_ABORT);
    });
    try {
      const heard = await run.call.capture(
        { language: node.language, timeoutMs: node.timeoutMs, maxSilenceMs: node.maxSilenceMs },
        listening.signal,
      );
      unwatch();
      if (run.signal.aborted) return NEXT;
      if (pressed) {
        await captureDigits(node, run);
        return NEXT;
      }
      if (heard.status === 'UNAVAILABLE') finish(node, run, '', '', '', 'UNAVAILABLE');
      else if (heard.transcript === null || heard.status === 'TIMEOUT')
        finish(node, run, '', '', '', 'TIMEOUT');
      else if (node.keyPhrases === null) {
        const text = normalizeSpeech(heard.transcript);
        finish(node, run, text, heard.transcript, '', 'MATCHED');
      } else {
        const match = matchKeyPhrase(heard.transcript, node.keyPhrases);
        finish(node, run, match ?? '', heard.transcript, '', match === null ? 'NO_MATCH' : 'MATCHED');
      }
      return NEXT;
    } finally {
      unwatch();
      run.signal.removeEventListener('abort', onHangup);
    }
  },
};
