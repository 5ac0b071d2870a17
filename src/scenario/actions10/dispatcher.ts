/**
 * The dispatcher pattern of SCENARIO-LANGUAGE.md sections 1.1 and 10.4, which gives ACTIONS10's
 * `goto: {branch}` a canonical form: the script sets `__branch` to the entry branch and runs a Switch
 * on it (actionId 1) with one case per branch, each ending `"hangup"`; a `goto` sets `__branch` and
 * jumps back to the Switch (section 5.9 allows a Go To to target its enclosing Switch).
 */
import type { JsonObject } from './canonical-json.js';

export const DISPATCH_VARIABLE = '__branch';
export const DISPATCHER_ACTION_ID = 1;
/** The canonical maximum (section 5.9): a branch may be re-entered 100 times per goto. */
export const GOTO_LIMIT = 100;

export function selectBranch(name: string): JsonObject {
  return { setVariable: DISPATCH_VARIABLE, value: name };
}

/** `cases` is filled in afterwards, branch by branch. */
export function dispatcherSwitch(cases: JsonObject): JsonObject {
  return { switch: DISPATCH_VARIABLE, actionId: DISPATCHER_ACTION_ID, case: cases };
}

/** What one `goto: {branch: B}` becomes: select B, jump to the Switch, and stop if the jump is refused. */
export function gotoActions(branch: string): [JsonObject, JsonObject, 'hangup'] {
  return [selectBranch(branch), { goTo: DISPATCHER_ACTION_ID, options: { goToLimit: GOTO_LIMIT } }, 'hangup'];
}
