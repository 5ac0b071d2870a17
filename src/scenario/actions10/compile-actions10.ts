/**
 * Compiles an ACTIONS10 document (SCENARIO-LANGUAGE.md section 7's pipeline: parse -> translate ->
 * the canonical compiler). The canonical compiler sees the translated tree, with the translator's
 * `__` names allowed; each of its errors and warnings is moved back to the YAML path the element came
 * from (`script[1].case.support[0].options.ringTimeout` -> `branches.support.actions[0].params
 * .targets[0].timeout`), so authors only ever see their own document. Lint warnings about generated
 * scaffolding (the dispatcher's Switch has no `__default`) are dropped: the author cannot act on them.
 */
import type { CompiledScenario } from '../ast/nodes.js';
import { compileScenario, type CompileOptions, type ScenarioDocument } from '../compiler/index.js';
import { IssueSink, type ScenarioIssue } from '../compiler/scenario-issue.js';
import type { Actions10Start } from './branch-table.js';
import type { SourcePathMap } from './source-paths.js';
import { translateActions10 } from './translate.js';

export interface CompileActions10Options extends CompileOptions {
  readonly start?: Actions10Start;
}

export type CompileActions10Result =
  | {
      readonly ok: true;
      readonly scenario: CompiledScenario;
      readonly document: ScenarioDocument;
      readonly autoAnswer: boolean;
      readonly warnings: readonly ScenarioIssue[];
    }
  | {
      readonly ok: false;
      readonly errors: readonly ScenarioIssue[];
      readonly warnings: readonly ScenarioIssue[];
    };

const ERROR_PREFIX = 'VG_ERR_SCENARIO_';
const WARNING_PREFIX = 'VG_WARN_SCENARIO_';
const TOO_MANY_ERRORS = `${ERROR_PREFIX}TOO_MANY_ERRORS`;

/** The compiler's errors on YAML paths, re-sorted; its own "too many errors" line stays last. */
function mapErrors(errors: readonly ScenarioIssue[], paths: SourcePathMap): readonly ScenarioIssue[] {
  const sink = new IssueSink(Number.MAX_SAFE_INTEGER);
  const overflow = errors.filter((issue) => issue.code === TOO_MANY_ERRORS);
  for (const issue of errors) {
    if (issue.code === TOO_MANY_ERRORS) continue;
    const source = paths.resolve(issue.path);
    sink.error(issue.code.slice(ERROR_PREFIX.length), source?.path ?? issue.path, issue.message);
  }
  return [...sink.errors(), ...overflow];
}

function mapWarnings(warnings: readonly ScenarioIssue[], paths: SourcePathMap): readonly ScenarioIssue[] {
  const sink = new IssueSink();
  for (const issue of warnings) {
    const source = paths.resolve(issue.path);
    if (source?.scaffold === true) continue;
    sink.warn(issue.code.slice(WARNING_PREFIX.length), source?.path ?? issue.path, issue.message);
  }
  return sink.warnings();
}

export function compileActions10(
  source: string,
  options: CompileActions10Options = {},
): CompileActions10Result {
  const { start, ...compileOptions } = options;
  const translated = translateActions10(source, start === undefined ? {} : { start });
  if (!translated.ok) return translated;
  const compiled = compileScenario(translated.document, { ...compileOptions, internalNames: true });
  const warnings = [...translated.warnings, ...mapWarnings(compiled.warnings, translated.sourcePaths)];
  if (!compiled.ok) {
    return { ok: false, errors: mapErrors(compiled.errors, translated.sourcePaths), warnings };
  }
  return {
    ok: true,
    scenario: compiled.scenario,
    document: translated.document,
    autoAnswer: translated.autoAnswer,
    warnings,
  };
}
