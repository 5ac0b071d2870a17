/**
 * An item `goto: {branch: B}` (section 1.1), written with the dispatcher (dispatcher.ts). Only the
 * main flow has the dispatcher: in the `hangup` branch (`onHangup`) or an `answerOnBranch` branch
 * (`onAnswer`) a goto would leave that block, so it is `GOTO_OUT_OF_SCOPE` (section 5.9's code).
 */
import type { BlockWriter } from './block-writer.js';
import type { BranchScope } from './branch-scope.js';
import { gotoActions } from './dispatcher.js';
import type { TranslateContext } from './translate-context.js';
import type { FieldReader } from './yaml-fields.js';

const OUT_OF_SCOPE = {
  hook: 'the hangup branch runs after the call: it cannot goto another branch',
  onAnswer: "an answerOnBranch branch runs on the callee's leg: it cannot goto another branch",
} as const;

export function translateGoto(
  ctx: TranslateContext,
  item: FieldReader,
  out: BlockWriter,
  scope: BranchScope,
): void {
  if (item.has('params')) ctx.error('UNKNOWN_FIELD', item.pathOf('params'), 'a goto takes no params');
  const goto = item.mapping('goto', ['branch']);
  if (goto === null) return;
  const name = goto.string('branch', true);
  if (name === undefined) return;
  const at = goto.pathOf('branch');
  if (scope.kind !== 'main') {
    ctx.error('GOTO_OUT_OF_SCOPE', at, OUT_OF_SCOPE[scope.kind]);
    return;
  }
  if (ctx.branch(name, at) === null) return;
  const [select, jump, stop] = gotoActions(name);
  out.push(select, goto.path, [{ at: ['value'], source: at }]);
  out.push(jump, goto.path);
  out.push(stop, goto.path);
}
