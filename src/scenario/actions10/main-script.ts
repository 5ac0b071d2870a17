/**
 * The canonical `script` of an ACTIONS10 document (SCENARIO-LANGUAGE.md sections 1.1 and 10.4). When
 * the entry branch has no `goto`, nothing can reach another branch, so the entry branch's actions
 * are the script itself. Otherwise the script is the dispatcher: `__branch` set to the entry branch,
 * then a Switch with a case per branch `goto` can reach (document order), each ending `"hangup"`
 * (unless it already does), so no case ever falls through into what follows the Switch.
 */
import { childPath } from '../compiler/paths.js';
import { BlockWriter } from './block-writer.js';
import { createScope } from './branch-scope.js';
import { gotoClosure, type Branch } from './branch-table.js';
import { setField, type CanonicalAction, type JsonObject } from './canonical-json.js';
import { dispatcherSwitch, selectBranch } from './dispatcher.js';
import type { TranslateContext } from './translate-context.js';
import { translateItems } from './translate-branch.js';

export interface MainScript {
  readonly script: CanonicalAction[];
  /** Branches written into the script (the entry branch, and the dispatcher's cases). */
  readonly written: ReadonlySet<string>;
}

function directScript(ctx: TranslateContext, entry: Branch): MainScript {
  const out = new BlockWriter('script', ctx.paths);
  ctx.paths.set('script', entry.actionsPath);
  translateItems(ctx, entry.items, entry.actionsPath, out, createScope('main', true));
  // An empty entry branch does nothing: the call is hung up, as the end of a script would.
  if (out.actions.length === 0) out.pushScaffold('hangup', entry.actionsPath);
  return { script: out.actions, written: new Set([entry.name]) };
}

function dispatcherScript(ctx: TranslateContext, entry: Branch): MainScript {
  const reached = gotoClosure(ctx.table, entry.name);
  const out = new BlockWriter('script', ctx.paths);
  ctx.paths.set('script', 'branches');
  out.pushScaffold(selectBranch(entry.name), 'branches');
  const cases: JsonObject = {};
  const switchPath = out.pushScaffold(dispatcherSwitch(cases), 'branches');
  for (const branch of ctx.table.branches.values()) {
    if (!reached.has(branch.name)) continue;
    const actions: CanonicalAction[] = [];
    setField(cases, branch.name, actions);
    const casePath = childPath(childPath(switchPath, 'case'), branch.name);
    const writer = out.nested(casePath, actions, branch.actionsPath);
    translateItems(ctx, branch.items, branch.actionsPath, writer, createScope('main', true));
    if (writer.lastAction !== 'hangup') writer.pushScaffold('hangup', branch.actionsPath);
  }
  return { script: out.actions, written: reached };
}

export function buildMainScript(ctx: TranslateContext, entry: Branch): MainScript {
  return entry.gotoTargets.length === 0 ? directScript(ctx, entry) : dispatcherScript(ctx, entry);
}
