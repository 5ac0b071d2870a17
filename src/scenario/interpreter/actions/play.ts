/** Play (section 5.14), Play From Recording (5.15) and Pause (5.13). */
import type { PauseNode, PlayFromRecordingNode, PlayNode } from '../../ast/nodes.js';
import type { ActionHandler } from './action-handler.js';
import { finishPrompt, playPrompt } from './prompt.js';

/** A URL as the timeline shows it: without its query, which may hold secrets. */
export function withoutQuery(url: string): string {
  const cut = url.search(/[?#]/);
  return cut === -1 ? url : url.slice(0, cut);
}

export const play: ActionHandler<PlayNode> = {
  needsCall: true,
  async run(node, run) {
    const url = run.render(node.url, node);
    const started = run.services.clock.now();
    const status = await playPrompt(node, run, (signal) => run.call.play({ url }, signal));
    if (status === 'PLAYED' || status === 'INTERRUPTED') {
      run.timeline.add(
        'prompt.played',
        {
          url: withoutQuery(url),
          durationMs: run.services.clock.now() - started,
          interrupted: status === 'INTERRUPTED',
        },
        node,
      );
    }
    return finishPrompt(node, run, status);
  },
};

export const playFromRecording: ActionHandler<PlayFromRecordingNode> = {
  needsCall: true,
  async run(node, run) {
    const reference = node.reference;
    let recordingId: string | null | undefined;
    if (reference.kind === 'last') recordingId = run.recordings.at(-1);
    else if (reference.kind === 'index') recordingId = run.recordings[reference.index - 1];
    else
      recordingId =
        (await run.services.recordings?.findByIdentifier(run.render(reference.template, node))) ?? null;
    if (recordingId === undefined || recordingId === null) return finishPrompt(node, run, 'NOT_FOUND');
    const url = `recording:${recordingId}`;
    const started = run.services.clock.now();
    const status = await playPrompt(node, run, (signal) => run.call.play({ url }, signal));
    if (status === 'PLAYED' || status === 'INTERRUPTED') {
      run.timeline.add(
        'prompt.played',
        { url, durationMs: run.services.clock.now() - started, interrupted: status === 'INTERRUPTED' },
        node,
      );
    }
    return finishPrompt(node, run, status);
  },
};

export const pause: ActionHandler<PauseNode> = {
  needsCall: true,
  async run(node, run) {
    const status = await playPrompt(node, run, (signal) => run.call.silence(node.durationMs, signal));
    // Pause plays silence; it sets no mediaStatus of its own.
    return status === 'FAILED' ? finishPrompt(node, run, status) : { kind: 'next' };
  },
};
