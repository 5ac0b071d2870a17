/**
 * `answerOnBranch` of `dial@v1` (section 1.1): the named branch becomes the Dial's `options.onAnswer`,
 * run on the callee's leg once it answers (section 5.4). Its last action `bridge@v1` ends the block,
 * which bridges; a branch without one ends in `"hangup"`, releasing the callee, because ACTIONS10
 * only connects the two legs on `bridge@v1`. A `startRecording@v1` in it sets `options.record`.
 * A Dial inside `onAnswer` is refused here (section 5.4 forbids it), which also stops a branch from
 * inlining itself forever.
 */
import { childPath } from '../../compiler/paths.js';
import type { BlockWriter } from '../block-writer.js';
import { createScope } from '../branch-scope.js';
import type { CanonicalAction, JsonObject } from '../canonical-json.js';
import type { ActionInput } from './action-spec.js';

/** Translates the branch named at `params.answerOnBranch` into `options` of the Dial at `dialPath`. */
export function inlineAnswerBranch(
  input: ActionInput,
  name: string,
  options: JsonObject,
  dialPath: string,
): void {
  const { ctx, scope, params, out } = input;
  const at = params.pathOf('answerOnBranch');
  if (scope.kind === 'onAnswer') {
    ctx.error('NOT_ALLOWED_IN_ON_ANSWER', input.path, 'an answerOnBranch branch cannot dial');
    return;
  }
  const branch = ctx.branch(name, at);
  if (branch === null) return;
  const optionsPath = childPath(dialPath, 'options');
  const onAnswer: CanonicalAction[] = [];
  const writer: BlockWriter = out.nested(childPath(optionsPath, 'onAnswer'), onAnswer, branch.actionsPath);
  const answerScope = createScope('onAnswer', scope.emitting);
  input.translateItems(branch.items, branch.actionsPath, writer, answerScope);
  if (!answerScope.bridged) writer.pushScaffold('hangup', branch.actionsPath);
  if (answerScope.record) {
    options['record'] = true;
    out.paths.set(childPath(optionsPath, 'record'), at);
  }
  if (onAnswer.length > 0) options['onAnswer'] = onAnswer;
}
