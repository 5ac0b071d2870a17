/**
 * Collect (section 5.3): reads digits with the type-ahead buffer and the
 * first-digit and inter-digit timers of section 6.3. Timers start when the
 * Collect starts, never during the prompt before it.
 */
import type { CollectNode } from '../../ast/nodes.js';
import { NEXT } from '../flow.js';
import { MASKED_VALUE, type RunContext } from '../run-context.js';
import type { ActionHandler } from './action-handler.js';

export type CollectStatus = 'OK' | 'TIMEOUT' | 'EMPTY';

export interface DigitsRead {
  readonly digits: string;
  readonly status: CollectStatus;
  readonly hangup: boolean;
}

/**
 * Steps 1 to 4 of section 5.3: buffered digits first (`#` ends, the maximum
 * length ends and leaves later digits buffered), then new keypresses under
 * the timers.
 */
export async function readDigits(
  run: RunContext,
  options: { maxInputLength: number; timeoutMs: number; interDigitTimeoutMs: number },
): Promise<DigitsRead> {
  let digits = '';
  let endedByHash = false;
  while (digits.length < options.maxInputLength) {
    // The run ends the wait itself when it stops: no listener on its signal per digit.
    const wait = await run.digits.next(
      digits === '' ? options.timeoutMs : options.interDigitTimeoutMs,
      run.services.clock,
      run.signal,
      false,
    );
    if (wait.kind === 'aborted') return { digits, status: digits === '' ? 'TIMEOUT' : 'OK', hangup: true };
    if (wait.kind === 'timeout') break;
    if (wait.digit === '#') {
      endedByHash = true;
      break;
    }
    digits += wait.digit;
  }
  const status: CollectStatus = digits !== '' ? 'OK' : endedByHash ? 'EMPTY' : 'TIMEOUT';
  return { digits, status, hangup: false };
}

export const collect: ActionHandler<CollectNode> = {
  needsCall: true,
  async run(node, run) {
    const read = await readDigits(run, node);
    if (read.hangup) return NEXT;
    const masked = node.sendToReports !== 'ALWAYS';
    let meaning: string | null = null;
    if (node.mappedValues !== null) {
      const mapped = node.mappedValues.get(read.digits);
      meaning = mapped === undefined ? '' : run.render(mapped, node);
    }
    run.setVariable(node.variable, read.digits, node, { masked });
    if (meaning !== null) run.setVariable(`${node.variable}_Meaning`, meaning, node);
    run.setStatus('collectStatus', read.status);
    if (node.sendToReports !== 'NEVER') {
      run.timeline.add(
        'input.collected',
        { variable: node.variable, value: masked ? MASKED_VALUE : read.digits, meaning, status: read.status },
        node,
      );
    }
    return NEXT;
  },
};
