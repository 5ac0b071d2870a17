/**
 * Say, Play, Play From Recording and Pause share one lifecycle (section 6.3):
 * an interruptible prompt does not start when a digit is already buffered
 * (SKIPPED) and stops at the next keypress (INTERRUPTED); the digit stays
 * buffered for the input that follows.
 */
import type { PauseNode, PlayFromRecordingNode, PlayNode, SayNode } from '../../ast/nodes.js';
import type { PromptEnd } from '../../call-port.js';
import { NEXT, type Flow } from '../flow.js';
import type { RunContext } from '../run-context.js';

type PromptNode = SayNode | PlayNode | PlayFromRecordingNode | PauseNode;

/** Silence that ends an answering machine's greeting when no beep comes (section 5.12). */
export const GREETING_SILENCE_MS = 1800;

export type MediaStatus = 'PLAYED' | 'INTERRUPTED' | 'SKIPPED' | 'FAILED' | 'NOT_FOUND';

/** Plays `start` under the barge-in rules and sets mediaStatus; returns how it ended. */
export async function playPrompt(
  node: PromptNode,
  run: RunContext,
  start: (signal: AbortSignal) => Promise<PromptEnd>,
): Promise<MediaStatus | 'hangup'> {
  // The caller may have hung up while the action started (or awaited a lookup): nothing plays.
  if (run.signal.aborted) return 'hangup';
  if (node.interruptible && run.digits.size > 0) {
    run.timeline.add('action.skipped', { reason: 'bargeIn' }, node);
    return 'SKIPPED';
  }
  if (run.greetingPending && node.kind !== 'pause') {
    // A message left on a machine must start after its greeting, or its start is lost (section 5.12).
    run.greetingPending = false;
    const end = await run.call.awaitGreetingEnd(
      { silenceMs: GREETING_SILENCE_MS, maxMs: run.settings.amdGreetingMaxMs },
      run.signal,
    );
    run.timeline.add('machine.greeting.ended', { by: end }, node);
    if (run.signal.aborted) return 'hangup';
  }
  if (!node.interruptible) {
    // Only a hang-up can stop it: the call's own signal is enough, no controller of its own.
    const end = await start(run.signal);
    if (run.signal.aborted) return 'hangup';
    return end === 'failed' ? 'FAILED' : 'PLAYED';
  }
  // Aborted at hang-up by the run itself, at a keypress by the digit buffer: once the hang-up
  // is ruled out, an aborted prompt is an interrupted one.
  const prompt = run.startPrompt();
  run.digits.abortOnKey(prompt);
  try {
    const end = await start(prompt.signal);
    if (run.signal.aborted) return 'hangup';
    if (end === 'failed') return 'FAILED';
    return prompt.signal.aborted ? 'INTERRUPTED' : 'PLAYED';
  } finally {
    run.digits.abortOnKey(null);
    run.endPrompt(prompt);
  }
}

/** Common tail: the status variable, and the flow (hang-up stops the script). */
export function finishPrompt(node: PromptNode, run: RunContext, status: MediaStatus | 'hangup'): Flow {
  if (status === 'hangup') return NEXT;
  run.setStatus('mediaStatus', status);
  if (status === 'FAILED')
    run.error(
      node.kind === 'say' ? 'VG_RT_TTS_FAILED' : 'VG_RT_MEDIA_FAILED',
      'the prompt could not be played',
      node,
    );
  return NEXT;
}
