/**
 * A call's variables (section 3): one flat namespace of strings, with the
 * built-ins read live, and the per-call limits. Backed by a Map, so a name
 * such as `constructor` is just an unset variable.
 */
import type { VariableReader } from '../expressions/index.js';

export interface VariableLimits {
  readonly maxVariables: number;
  readonly maxValueLength: number;
  readonly maxTotalBytes: number;
}

export const DEFAULT_VARIABLE_LIMITS: VariableLimits = Object.freeze({
  maxVariables: 256,
  maxValueLength: 4096,
  maxTotalBytes: 64 * 1024,
});

/** How a write went: stored whole, stored cut to the value limit, or refused by the per-call limits. */
export type WriteOutcome = 'stored' | 'truncated' | 'refused';

/** What Object.fromEntries gives each property. */
const OWN_DATA = Object.freeze({ enumerable: true, writable: true, configurable: true });

export class VariableStore implements VariableReader {
  readonly #values = new Map<string, string>();
  readonly #builtIns: (name: string) => string | undefined;
  readonly #limits: VariableLimits;
  #bytes = 0;

  constructor(
    builtIns: (name: string) => string | undefined,
    limits: VariableLimits = DEFAULT_VARIABLE_LIMITS,
  ) {
    this.#builtIns = builtIns;
    this.#limits = limits;
  }

  get(name: string): string | undefined {
    return this.#builtIns(name) ?? this.#values.get(name);
  }

  /** Writes a variable; the compiler already refused scripts that write built-ins. */
  set(name: string, value: string): WriteOutcome {
    const cut =
      value.length > this.#limits.maxValueLength ? value.slice(0, this.#limits.maxValueLength) : value;
    const previous = this.#values.get(name);
    const nextBytes =
      this.#bytes - (previous === undefined ? 0 : name.length + previous.length) + name.length + cut.length;
    if (previous === undefined && this.#values.size >= this.#limits.maxVariables) return 'refused';
    if (nextBytes > this.#limits.maxTotalBytes) return 'refused';
    this.#values.set(name, cut);
    this.#bytes = nextBytes;
    return cut.length === value.length ? 'stored' : 'truncated';
  }

  /** The variables the script holds (built-ins excluded), for reports and the simulator. */
  snapshot(): Record<string, string> {
    // As Object.fromEntries would, without an entry array per variable.
    const values: Record<string, string> = {};
    this.#values.forEach((value, name) => {
      if (name === '__proto__') Object.defineProperty(values, name, { value, ...OWN_DATA });
      else values[name] = value;
    });
    return values;
  }
}
