/**
 * Reads one YAML mapping of an ACTIONS10 document with strict field checking: a key the mapping does
 * not define is `UNKNOWN_FIELD` (section 2's Voxgate decision, "strict, to catch typos", applied to
 * the YAML too). Only own keys are read, so a branch named `constructor` is just a name. A YAML
 * `null` (`voice:` with nothing after it) counts as absent.
 */
import { childPath } from '../compiler/paths.js';
import type { IssueCollector } from './issue-collector.js';

export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The entries of a mapping, own keys only, in document order. */
export function ownEntries(value: Record<string, unknown>): [string, unknown][] {
  return Object.keys(value).map((key) => [key, value[key]]);
}

export class FieldReader {
  readonly path: string;
  readonly #issues: IssueCollector;
  readonly #values: ReadonlyMap<string, unknown>;

  constructor(issues: IssueCollector, raw: Record<string, unknown>, path: string, known: readonly string[]) {
    this.#issues = issues;
    this.path = path;
    const values = new Map<string, unknown>();
    for (const [key, value] of ownEntries(raw)) {
      if (!known.includes(key)) {
        const expected = known.length === 0 ? 'none are defined' : `expected ${known.join(', ')}`;
        issues.error('UNKNOWN_FIELD', childPath(path, key), `unknown field "${key}"; ${expected}`);
      } else if (value !== null && value !== undefined) {
        values.set(key, value);
      }
    }
    this.#values = values;
  }

  /** A reader for `raw` when it is a mapping; otherwise `TYPE` at `path` (absent is an empty mapping). */
  static of(
    issues: IssueCollector,
    raw: unknown,
    path: string,
    known: readonly string[],
  ): FieldReader | null {
    if (raw === undefined || raw === null) return new FieldReader(issues, {}, path, known);
    if (!isMapping(raw)) {
      issues.error('TYPE', path, 'must be a mapping');
      return null;
    }
    return new FieldReader(issues, raw, path, known);
  }

  has(key: string): boolean {
    return this.#values.has(key);
  }

  get(key: string): unknown {
    return this.#values.get(key);
  }

  pathOf(key: string): string {
    return childPath(this.path, key);
  }

  /** A string field; `TYPE` when it is something else, `REQUIRED_FIELD` when required and absent. */
  string(key: string, required = false): string | undefined {
    const value = this.#values.get(key);
    if (value === undefined) {
      if (required) this.#issues.error('REQUIRED_FIELD', this.pathOf(key), `"${key}" is required`);
      return undefined;
    }
    if (typeof value !== 'string') {
      this.#issues.error('TYPE', this.pathOf(key), 'must be a string');
      return undefined;
    }
    return value;
  }

  /** A nested mapping read with its own known keys; null when absent or not a mapping. */
  mapping(key: string, known: readonly string[]): FieldReader | null {
    const value = this.#values.get(key);
    if (value === undefined) return null;
    return FieldReader.of(this.#issues, value, this.pathOf(key), known);
  }
}
