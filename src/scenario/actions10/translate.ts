/**
 * The ACTIONS10 translator (SCENARIO-LANGUAGE.md section 1.1; seed 04 `ACTIONS10`): YAML text in,
 * the canonical document of section 2 out, or every error with a path into the YAML
 * (`branches["inbound-call"].actions[2].params.url`). Section 10.4 is its worked example. The result
 * also carries the map from canonical paths back to YAML paths, which compile-actions10.ts uses to
 * move the canonical compiler's findings back onto the author's document.
 *
 * `defaults.autoAnswer` (default true) is returned, not written: the canonical compiler has no
 * internal `Answer` node yet, and the engine already answers an inbound call just before its first
 * media action (section 6.1), so the only difference is ringback rather than silence during actions
 * that precede the first prompt (a `fetch`). The caller of the translator passes it to the run.
 */
import type { ScenarioDocument } from '../compiler/index.js';
import type { ScenarioIssue } from '../compiler/scenario-issue.js';
import { createScope } from './branch-scope.js';
import {
  ENTRY_BRANCHES,
  gotoClosure,
  HANGUP_BRANCH,
  readBranches,
  type Actions10Start,
  type BranchTable,
} from './branch-table.js';
import type { CanonicalDocument } from './canonical-json.js';
import { IssueCollector } from './issue-collector.js';
import { buildMainScript } from './main-script.js';
import { SourcePathMap } from './source-paths.js';
import { TranslateContext } from './translate-context.js';
import { translateItems } from './translate-branch.js';
import { translateVariables } from './variables.js';
import { FieldReader } from './yaml-fields.js';
import { parseActions10Source } from './yaml-source.js';

export interface TranslateActions10Options {
  /** How the call began: `inbound` runs `inbound-call`, `api` runs `api-initiated`. Default `inbound`. */
  readonly start?: Actions10Start;
}

export type TranslateActions10Result =
  | {
      readonly ok: true;
      readonly document: ScenarioDocument;
      /** `defaults.autoAnswer`: answer the call before the first action (see the header). */
      readonly autoAnswer: boolean;
      readonly warnings: readonly ScenarioIssue[];
      readonly sourcePaths: SourcePathMap;
    }
  | {
      readonly ok: false;
      readonly errors: readonly ScenarioIssue[];
      readonly warnings: readonly ScenarioIssue[];
    };

const ROOT_KEYS = ['description', 'variables', 'defaults', 'branches'];

function readAutoAnswer(issues: IssueCollector, root: FieldReader): boolean {
  const defaults = root.mapping('defaults', ['autoAnswer']);
  const autoAnswer = defaults?.get('autoAnswer');
  if (autoAnswer === undefined) return true;
  if (typeof autoAnswer === 'boolean') return autoAnswer;
  issues.error('TYPE', 'defaults.autoAnswer', 'must be true or false');
  return true;
}

/**
 * Branches not written anywhere are still translated, to report their errors. A branch that neither
 * start reaches (not an entry branch, nor reached from one by goto, nor an answerOnBranch target)
 * is also a warning.
 */
function checkUnwritten(ctx: TranslateContext, written: ReadonlySet<string>): void {
  const answerTargets = new Set([...ctx.table.branches.values()].flatMap((branch) => branch.answerTargets));
  const reachable = new Set(answerTargets);
  for (const entry of Object.values(ENTRY_BRANCHES)) {
    if (ctx.table.branches.has(entry)) for (const name of gotoClosure(ctx.table, entry)) reachable.add(name);
  }
  for (const branch of ctx.table.branches.values()) {
    if (written.has(branch.name) || branch.name === HANGUP_BRANCH) continue;
    // An answerOnBranch target is checked where it is inlined, in the onAnswer scope.
    if (!answerTargets.has(branch.name)) {
      translateItems(
        ctx,
        branch.items,
        branch.actionsPath,
        ctx.scratch('script'),
        createScope('main', false),
      );
    }
    if (!reachable.has(branch.name) && written.size > 0) {
      ctx.issues.warn(
        'UNREACHABLE',
        branch.path,
        `no goto or answerOnBranch reaches branch "${branch.name}"`,
      );
    }
  }
}

function buildDocument(
  ctx: TranslateContext,
  table: BranchTable,
  start: Actions10Start,
): CanonicalDocument | null {
  const hangup = table.branches.get(HANGUP_BRANCH);
  if (hangup !== undefined)
    translateItems(ctx, hangup.items, hangup.actionsPath, ctx.hook, createScope('hook', true));
  const entryName = ENTRY_BRANCHES[start];
  const entry = table.branches.get(entryName);
  if (entry === undefined) {
    const how = start === 'api' ? 'started through the API' : 'that comes in';
    ctx.error(
      'A10_NO_ENTRY_BRANCH',
      'branches',
      `no "${entryName}" branch: a call ${how} has nothing to run`,
    );
    checkUnwritten(ctx, new Set());
    return null;
  }
  const main = buildMainScript(ctx, entry);
  checkUnwritten(ctx, main.written);
  const document: CanonicalDocument = { script: main.script };
  if (ctx.hook.actions.length > 0) document.onHangup = ctx.hook.actions;
  return document;
}

export function translateActions10(
  source: string,
  options: TranslateActions10Options = {},
): TranslateActions10Result {
  const parsed = parseActions10Source(source);
  const issues = new IssueCollector();
  if (!parsed.ok) {
    for (const issue of parsed.issues) issues.error(issue.code, issue.path, issue.message);
    return { ok: false, errors: issues.errors(), warnings: [] };
  }
  const root = FieldReader.of(issues, parsed.value, '', ROOT_KEYS);
  if (root === null) return { ok: false, errors: issues.errors(), warnings: [] };
  root.string('description');
  const paths = new SourcePathMap();
  const variables = translateVariables(issues, paths, root.get('variables'));
  const autoAnswer = readAutoAnswer(issues, root);
  const table = readBranches(issues, root.get('branches'));
  const ctx = new TranslateContext(issues, paths, table);
  const document = buildDocument(ctx, table, options.start ?? 'inbound');
  if (document === null || issues.hasErrors) {
    return { ok: false, errors: issues.errors(), warnings: issues.warnings() };
  }
  const withVariables: CanonicalDocument = variables === undefined ? document : { variables, ...document };
  return { ok: true, document: withVariables, autoAnswer, warnings: issues.warnings(), sourcePaths: paths };
}
