/**
 * What the compiler reports: errors refuse a script, warnings (lint) never do.
 * Codes are section 7's, `VG_ERR_SCENARIO_*` and `VG_WARN_SCENARIO_*`; paths
 * point into the submitted document (`script[3].options.maxInputLength`).
 */

export interface ScenarioIssue {
  readonly code: string;
  readonly path: string;
  readonly message: string;
}

export const MAX_REPORTED_ERRORS = 100;

/** Collects issues while a script compiles; errors are capped as section 7 says. */
export class IssueSink {
  readonly #errors: ScenarioIssue[] = [];
  readonly #warnings: ScenarioIssue[] = [];
  readonly #maxErrors: number;

  constructor(maxErrors = MAX_REPORTED_ERRORS) {
    this.#maxErrors = maxErrors;
  }

  error(code: string, path: string, message: string): void {
    this.#errors.push({ code: `VG_ERR_SCENARIO_${code}`, path, message });
  }

  warn(code: string, path: string, message: string): void {
    this.#warnings.push({ code: `VG_WARN_SCENARIO_${code}`, path, message });
  }

  get hasErrors(): boolean {
    return this.#errors.length > 0;
  }

  /** Errors sorted by path, at most the cap, then TOO_MANY_ERRORS when some were left out. */
  errors(): readonly ScenarioIssue[] {
    const sorted = [...this.#errors].sort(compareIssues);
    if (sorted.length <= this.#maxErrors) return sorted;
    return [
      ...sorted.slice(0, this.#maxErrors),
      {
        code: 'VG_ERR_SCENARIO_TOO_MANY_ERRORS',
        path: '',
        message: `${sorted.length - this.#maxErrors} more errors not shown`,
      },
    ];
  }

  warnings(): readonly ScenarioIssue[] {
    return [...this.#warnings].sort(compareIssues);
  }
}

/** Orders paths as a reader walks the document: `script[2]` before `script[10]`. */
function compareIssues(a: ScenarioIssue, b: ScenarioIssue): number {
  const left = pathKey(a.path);
  const right = pathKey(b.path);
  for (let i = 0; i < Math.min(left.length, right.length); i += 1) {
    const x = left[i] as string | number;
    const y = right[i] as string | number;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return left.length - right.length || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

function pathKey(path: string): (string | number)[] {
  const key: (string | number)[] = [];
  for (const match of path.matchAll(/\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|\.?([A-Za-z_$][\w$-]*)/g)) {
    if (match[1] !== undefined) key.push(Number(match[1]));
    else key.push(match[2] ?? match[3] ?? '');
  }
  return key;
}
