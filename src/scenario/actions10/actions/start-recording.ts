/**
 * `startRecording@v1 {transcription.language}` with `events.ready` (section 1.1). In an
 * `answerOnBranch` branch it sets the Dial's `options.record` (the bridge is recorded); elsewhere
 * the canonical form needs the internal `CallRecording` node, which the compiler does not have yet,
 * so it is refused with `A10_RECORDING_CONTEXT` (a Voxgate code of the `A10_*` family). It cannot be
 * conditional, since `record` is a static option of the Dial.
 *
 * `events.ready` (a list of items, or `{actions: [...]}` as a branch writes it) moves to `onHangup`,
 * guarded by `recordingId != ''` so it runs only once a file exists. The canonical language has no
 * transcription: `transcription.language` is accepted and ignored with a warning.
 */
import { childPath } from '../../compiler/paths.js';
import { createScope } from '../branch-scope.js';
import type { CanonicalAction } from '../canonical-json.js';
import { FieldReader, isMapping } from '../yaml-fields.js';
import type { ActionInput, ActionSpec } from './action-spec.js';

export const READY_GUARD = "${recordingId != ''}";

/** The items of `events.ready` and their YAML path, or null when there are none. */
function readyItems(input: ActionInput): { items: unknown; path: string } | null {
  const events = input.item.mapping('events', ['ready']);
  if (events === null || !events.has('ready')) return null;
  const ready = events.get('ready');
  const path = events.pathOf('ready');
  if (Array.isArray(ready) || !isMapping(ready)) return { items: ready, path };
  const wrapped = new FieldReader(input.ctx.issues, ready, path, ['actions']);
  return { items: wrapped.get('actions') ?? [], path: wrapped.pathOf('actions') };
}

/** Writes `events.ready` into `onHangup` once, or only checks it when this scope emits nothing. */
function moveReadyToHook(input: ActionInput, writes: boolean): void {
  const ready = readyItems(input);
  if (ready === null) return;
  const { ctx } = input;
  const hookScope = createScope('hook', writes);
  if (!writes || !ctx.claimReady(ready.path)) {
    input.translateItems(ready.items, ready.path, ctx.scratch('onHangup'), hookScope);
    return;
  }
  const then: CanonicalAction[] = [];
  const guardPath = ctx.hook.push({ if: READY_GUARD, then }, ready.path);
  const writer = ctx.hook.nested(childPath(guardPath, 'then'), then, ready.path);
  input.translateItems(ready.items, ready.path, writer, hookScope);
  if (then.length === 0) ctx.hook.dropLast();
}

export const startRecordingAction: ActionSpec = {
  versions: ['v1'],
  params: ['transcription'],
  itemKeys: ['events'],
  ownsCondition: true,
  translate(input) {
    const { ctx, scope, params, path } = input;
    const transcription = params.mapping('transcription', ['language']);
    if (transcription?.string('language') !== undefined) {
      const at = transcription.pathOf('language');
      ctx.issues.warn('A10_PARAM_IGNORED', at, 'recordings are not transcribed; the language is ignored');
    }
    let recorded = false;
    if (scope.kind !== 'onAnswer') {
      ctx.error(
        'A10_RECORDING_CONTEXT',
        path,
        "startRecording@v1 is supported only in a dial's answerOnBranch branch, where it records the bridge",
      );
    } else if (input.item.has('if')) {
      ctx.error('A10_RECORDING_CONTEXT', childPath(path, 'if'), 'startRecording@v1 cannot be conditional');
    } else {
      scope.record = true;
      recorded = true;
    }
    moveReadyToHook(input, recorded && scope.emitting);
  },
};
