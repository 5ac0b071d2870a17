/**
 * ACTIONS10 variables (SCENARIO-LANGUAGE.md section 1.1, seed 04 `ACTIONS10.Start.Options`): names
 * start with `$`, which the canonical names drop (`$support` -> `support`). The document's
 * `variables` become the scenario's initial values; start options override them at launch, as launch
 * parameters do (section 3). The rest of the name follows section 3, and `$__x` is refused: `__`
 * names belong to the translator (`__branch`, `__gather`).
 */
import { childPath } from '../compiler/paths.js';
import type { ScenarioIssue } from '../compiler/scenario-issue.js';
import { toText } from '../expressions/index.js';
import { IssueCollector } from './issue-collector.js';
import { resolveVariableName } from './reference-table.js';
import type { SourcePathMap } from './source-paths.js';
import { isMapping, ownEntries } from './yaml-fields.js';

export type VariableValue = string | number | boolean;

/** Each valid `$name: value` of `raw` (a mapping at `path`), canonical name first. */
function readVariables(
  issues: IssueCollector,
  raw: unknown,
  path: string,
  accept: (name: string, value: VariableValue, sourcePath: string) => void,
): void {
  if (raw === undefined || raw === null) return;
  if (!isMapping(raw)) {
    issues.error('TYPE', path, 'must be a mapping of $name -> value');
    return;
  }
  for (const [key, value] of ownEntries(raw)) {
    const at = childPath(path, key);
    if (!key.startsWith('$')) {
      issues.error('INVALID_VARIABLE_NAME', at, `"${key}" must start with $`);
      continue;
    }
    const name = resolveVariableName(key.slice(1));
    if (!name.ok) {
      issues.error(name.code, at, name.message);
      continue;
    }
    if (value === null || value === undefined) accept(name.text, '', at);
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      accept(name.text, value, at);
    else issues.error('TYPE', at, 'must be a string, number or boolean');
  }
}

/** The document's `variables` as the canonical `variables`, or undefined when there are none. */
export function translateVariables(
  issues: IssueCollector,
  paths: SourcePathMap,
  raw: unknown,
): Record<string, VariableValue> | undefined {
  const variables: Record<string, VariableValue> = {};
  readVariables(issues, raw, 'variables', (name, value, at) => {
    variables[name] = value;
    paths.set(childPath('variables', name), at);
  });
  return Object.keys(variables).length > 0 ? variables : undefined;
}

export type StartVariablesResult =
  | { readonly ok: true; readonly variables: Readonly<Record<string, string>> }
  | { readonly ok: false; readonly errors: readonly ScenarioIssue[] };

/** `ACTIONS10.Start.Options.variables` as the canonical overrides (values as strings, section 3). */
export function translateStartVariables(raw: unknown): StartVariablesResult {
  const issues = new IssueCollector();
  const variables: Record<string, string> = {};
  readVariables(issues, raw, 'variables', (name, value) => {
    variables[name] = typeof value === 'string' ? value : toText(value);
  });
  return issues.hasErrors ? { ok: false, errors: issues.errors() } : { ok: true, variables };
}
