/**
 * Reads `branches` (SCENARIO-LANGUAGE.md section 1.1): each named branch and its `actions`, plus,
 * read ahead of translation, the branches its items `goto` and the ones its dials name in
 * `answerOnBranch`, so the translator knows the dispatcher's cases before it writes any of them.
 */
import { childPath } from '../compiler/paths.js';
import type { IssueCollector } from './issue-collector.js';
import { FieldReader, isMapping, ownEntries } from './yaml-fields.js';

export const ENTRY_BRANCHES = { inbound: 'inbound-call', api: 'api-initiated' } as const;
export type Actions10Start = keyof typeof ENTRY_BRANCHES;
export const HANGUP_BRANCH = 'hangup';

/** Vendor branches Voxgate does not run (SMS is not a call). */
export const UNSUPPORTED_BRANCHES: ReadonlySet<string> = new Set(['inbound-sms']);

/** Names that would collide with the dispatcher's Switch (`__default` is its fallback case). */
const RESERVED_BRANCHES: ReadonlySet<string> = new Set(['__default']);

export interface Branch {
  readonly name: string;
  readonly path: string;
  readonly actionsPath: string;
  readonly items: readonly unknown[];
  /** Branch names of its `goto` items, as written (they may not exist). */
  readonly gotoTargets: readonly string[];
  /** Branch names of its dials' `answerOnBranch`, as written. */
  readonly answerTargets: readonly string[];
}

export interface BranchTable {
  readonly branches: ReadonlyMap<string, Branch>;
  readonly unsupported: ReadonlySet<string>;
}

function scanTargets(items: readonly unknown[]): { gotoTargets: string[]; answerTargets: string[] } {
  const gotoTargets: string[] = [];
  const answerTargets: string[] = [];
  for (const item of items) {
    if (!isMapping(item)) continue;
    const goto = Object.hasOwn(item, 'goto') ? item['goto'] : undefined;
    if (isMapping(goto) && typeof goto['branch'] === 'string') gotoTargets.push(goto['branch']);
    const action = Object.hasOwn(item, 'action') ? item['action'] : undefined;
    const params = Object.hasOwn(item, 'params') ? item['params'] : undefined;
    if (typeof action === 'string' && action.startsWith('dial@') && isMapping(params)) {
      const answer = params['answerOnBranch'];
      if (typeof answer === 'string') answerTargets.push(answer);
    }
  }
  return { gotoTargets, answerTargets };
}

function readBranch(issues: IssueCollector, name: string, raw: unknown, path: string): Branch | null {
  const fields = FieldReader.of(issues, raw, path, ['actions']);
  if (fields === null) return null;
  const actionsPath = childPath(path, 'actions');
  const items = fields.get('actions');
  if (items === undefined) {
    issues.error('REQUIRED_FIELD', actionsPath, 'a branch needs "actions"');
    return null;
  }
  if (!Array.isArray(items)) {
    issues.error('TYPE', actionsPath, 'must be a list of actions');
    return null;
  }
  return { name, path, actionsPath, items, ...scanTargets(items) };
}

export function readBranches(issues: IssueCollector, raw: unknown): BranchTable {
  const branches = new Map<string, Branch>();
  const unsupported = new Set<string>();
  if (raw === undefined || raw === null) return { branches, unsupported };
  if (!isMapping(raw)) {
    issues.error('TYPE', 'branches', 'must be a mapping of branch name -> { actions }');
    return { branches, unsupported };
  }
  for (const [name, value] of ownEntries(raw)) {
    const path = childPath('branches', name);
    if (UNSUPPORTED_BRANCHES.has(name) || RESERVED_BRANCHES.has(name)) {
      const why = UNSUPPORTED_BRANCHES.has(name)
        ? 'is not supported: Voxgate runs calls only'
        : 'is reserved';
      issues.error('A10_UNSUPPORTED_BRANCH', path, `branch "${name}" ${why}`);
      unsupported.add(name);
      continue;
    }
    const branch = readBranch(issues, name, value, path);
    if (branch !== null) branches.set(name, branch);
  }
  return { branches, unsupported };
}

/** The entry branch and every branch its `goto`s reach, transitively (never `hangup`). */
export function gotoClosure(table: BranchTable, entry: string): ReadonlySet<string> {
  const reached = new Set<string>([entry]);
  const pending = [entry];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    for (const target of table.branches.get(name)?.gotoTargets ?? []) {
      if (target === HANGUP_BRANCH || reached.has(target) || !table.branches.has(target)) continue;
      reached.add(target);
      pending.push(target);
    }
  }
  return reached;
}
