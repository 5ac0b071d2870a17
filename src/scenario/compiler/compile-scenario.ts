/**
 * The compiler of the canonical JSON script (SCENARIO-LANGUAGE.md sections 2
 * and 7): document -> frozen action tree, or every error at once. Pipeline:
 * size and nesting (iterative), per-action schemas, semantics (ids, Go To,
 * names, expressions, add-ons, literals), barge-in chains, lint.
 */
import type { Block, CompiledScenario } from '../ast/nodes.js';
import { toText } from '../expressions/index.js';
import { buildBlock } from './build-block.js';
import { BuildContext } from './build-context.js';
import { ALL_ADDONS, DEFAULT_COMPILER_LIMITS, type Addon, type CompilerLimits } from './compiler-limits.js';
import { deepFreeze } from './deep-freeze.js';
import { lintScenario } from './lint.js';
import { childPath } from './paths.js';
import { resolveBargeIn } from './resolve-barge-in.js';
import { resolveGoTos } from './resolve-goto.js';
import { IssueSink, type ScenarioIssue } from './scenario-issue.js';
import { checkStructure } from './structure-check.js';
import { checkVariableName } from './variable-names.js';

export interface ScenarioDocument {
  readonly script: unknown;
  readonly onHangup?: unknown;
  readonly variables?: unknown;
  readonly record?: unknown;
}

export interface CompileOptions {
  readonly limits?: Partial<CompilerLimits>;
  readonly addons?: readonly Addon[];
  /** Translators (ACTIONS10, campaign flows) may write `__` names. */
  readonly internalNames?: boolean;
}

export type CompileResult =
  | { readonly ok: true; readonly scenario: CompiledScenario; readonly warnings: readonly ScenarioIssue[] }
  | {
      readonly ok: false;
      readonly errors: readonly ScenarioIssue[];
      readonly warnings: readonly ScenarioIssue[];
    };

function initialVariables(ctx: BuildContext, raw: unknown): Map<string, string> {
  const variables = new Map<string, string>();
  if (raw === undefined || raw === null) return variables;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    ctx.sink.error('TYPE', 'variables', 'must be an object of name -> initial value');
    return variables;
  }
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    const path = childPath('variables', name);
    const check = checkVariableName(name, { internal: ctx.internalNames });
    if (check === 'invalid')
      ctx.sink.error('INVALID_VARIABLE_NAME', path, `"${name}" is not a valid variable name`);
    if (check === 'reserved') ctx.sink.error('RESERVED_VARIABLE', path, `"${name}" is set by the engine`);
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      variables.set(name, typeof value === 'string' ? value : toText(value));
    } else {
      ctx.sink.error('TYPE', path, 'must be a string, number or boolean');
    }
  }
  return variables;
}

function checkScriptArray(sink: IssueSink, script: unknown): boolean {
  if (!Array.isArray(script)) {
    sink.error('SCRIPT_NOT_ARRAY', 'script', 'must be an array of actions');
    return false;
  }
  if (script.length === 0) {
    sink.error('EMPTY_SCRIPT', 'script', 'must hold at least one action');
    return false;
  }
  return true;
}

export function compileScenario(document: ScenarioDocument, options: CompileOptions = {}): CompileResult {
  const limits = { ...DEFAULT_COMPILER_LIMITS, ...options.limits };
  const sink = new IssueSink();
  const fail = (): CompileResult => ({ ok: false, errors: sink.errors(), warnings: sink.warnings() });
  // A parsed body may be anything (`null`, a number): with no object there is no script.
  const submitted: unknown = document;
  const rawScript = typeof submitted === 'object' && submitted !== null ? document.script : undefined;
  if (!checkScriptArray(sink, rawScript)) return fail();
  const roots = [{ value: document.script, path: 'script' }];
  if (document.onHangup !== undefined && document.onHangup !== null)
    roots.push({ value: document.onHangup, path: 'onHangup' });
  const structure = checkStructure(roots, limits, sink);
  if (structure.bytes > limits.maxScriptBytes) {
    sink.error(
      'TOO_LARGE',
      'script',
      `the script is about ${structure.bytes} bytes, over ${limits.maxScriptBytes}`,
    );
  }
  if (!structure.buildable || sink.hasErrors) return fail();

  const ctx = new BuildContext(
    sink,
    limits,
    new Set(options.addons ?? ALL_ADDONS),
    options.internalNames === true,
  );
  const variables = initialVariables(ctx, document.variables);
  if (document.record !== undefined && typeof document.record !== 'boolean') {
    sink.error('TYPE', 'record', 'must be true or false');
  }
  const record = document.record === true;
  if (record) ctx.requireAddon('recording', 'record');
  const script = buildBlock(ctx, document.script, 'script', { chain: [], inHook: false, inOnAnswer: false });
  let onHangup: Block | null = null;
  if (document.onHangup !== undefined && document.onHangup !== null) {
    onHangup = buildBlock(ctx, document.onHangup, 'onHangup', { chain: [], inHook: true, inOnAnswer: false });
  }
  resolveGoTos(ctx);
  if (sink.hasErrors) return fail();
  resolveBargeIn(script);
  if (onHangup !== null) resolveBargeIn(onHangup);
  lintScenario(ctx, onHangup === null ? [script] : [script, onHangup], new Set(variables.keys()));
  const scenario: CompiledScenario = deepFreeze({
    script,
    onHangup,
    variables,
    record,
    actionCount: ctx.actionCount,
  });
  return { ok: true, scenario, warnings: sink.warnings() };
}
