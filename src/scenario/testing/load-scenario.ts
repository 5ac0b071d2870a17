/**
 * Reads a scenario file for the CLI and scenario tests: canonical JSON (a
 * document with `script`, or a bare script array), the same in YAML, or an
 * ACTIONS10 app (YAML with `branches`). Compiles it, or returns every issue.
 */
import { parse } from 'yaml';
import { compileActions10 } from '../actions10/index.js';
import type { CompiledScenario } from '../ast/nodes.js';
import { compileScenario, type ScenarioIssue } from '../compiler/index.js';

export type LoadedScenario =
  | {
      readonly ok: true;
      readonly scenario: CompiledScenario;
      readonly warnings: readonly ScenarioIssue[];
      readonly dialect: string;
    }
  | { readonly ok: false; readonly errors: readonly ScenarioIssue[] };

function parsed(text: string, name: string): unknown {
  return name.endsWith('.json') ? JSON.parse(text) : parse(text, { maxAliasCount: 20 });
}

/** Compiles a document already parsed (an inline `scenario:` of a test file). */
export function compileDocument(document: unknown): LoadedScenario {
  const body = Array.isArray(document) ? { script: document } : (document as Record<string, unknown> | null);
  if (typeof body !== 'object' || body === null) {
    return {
      ok: false,
      errors: [{ code: 'VG_ERR_SCENARIO_SCRIPT_NOT_ARRAY', path: 'script', message: 'no script found' }],
    };
  }
  const result = compileScenario({
    script: body['script'],
    onHangup: body['onHangup'],
    variables: body['variables'],
    record: body['record'],
  });
  return result.ok
    ? { ok: true, scenario: result.scenario, warnings: result.warnings, dialect: 'json' }
    : result;
}

/** Compiles the text of a scenario file; `name` (the file name) tells JSON from YAML. */
export function loadScenario(text: string, name: string): LoadedScenario {
  let document: unknown;
  try {
    document = parsed(text, name);
  } catch (error) {
    const code = name.endsWith('.json') ? 'VG_ERR_SCENARIO_INVALID_JSON' : 'VG_ERR_SCENARIO_INVALID_YAML';
    return {
      ok: false,
      errors: [{ code, path: '', message: error instanceof Error ? error.message : 'unreadable' }],
    };
  }
  if (typeof document === 'object' && document !== null && 'branches' in document) {
    const result = compileActions10(text);
    return result.ok
      ? { ok: true, scenario: result.scenario, warnings: result.warnings, dialect: 'actions10' }
      : result;
  }
  return compileDocument(document);
}
