/**
 * Errors and warnings of one ACTIONS10 translation. Every error is collected (section 7), each once:
 * a branch translated twice (in the main flow and as a Dial's onAnswer) reports its defects once.
 * Sorting and the 100-error cap are the compiler's IssueSink's.
 */
import { IssueSink, type ScenarioIssue } from '../compiler/scenario-issue.js';

/** Codes without their `VG_ERR_SCENARIO_` / `VG_WARN_SCENARIO_` prefix, as IssueSink takes them. */
export class IssueCollector {
  readonly #sink = new IssueSink();
  readonly #seen = new Set<string>();

  error(code: string, path: string, message: string): void {
    if (this.#first(`E ${code} ${path} ${message}`)) this.#sink.error(code, path, message);
  }

  warn(code: string, path: string, message: string): void {
    if (this.#first(`W ${code} ${path} ${message}`)) this.#sink.warn(code, path, message);
  }

  get hasErrors(): boolean {
    return this.#sink.hasErrors;
  }

  errors(): readonly ScenarioIssue[] {
    return this.#sink.errors();
  }

  warnings(): readonly ScenarioIssue[] {
    return this.#sink.warnings();
  }

  #first(key: string): boolean {
    if (this.#seen.has(key)) return false;
    this.#seen.add(key);
    return true;
  }
}
