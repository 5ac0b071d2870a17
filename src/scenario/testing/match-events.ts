/**
 * How a scenario test compares what happened with what it expects. A subset
 * match finds each expected event, in order, among the actual ones, where
 * every field the test gives matches (objects recursively, by the fields
 * given); an exact match compares the two lists event by event.
 */
import type { TimelineEvent } from '../interpreter/timeline.js';

/** True when `actual` has every field of `expected` with a matching value. */
export function matchesSubset(expected: unknown, actual: unknown): boolean {
  if (typeof expected !== 'object' || expected === null) {
    // Numbers and strings compare by text, so a YAML `2` matches the variable "2".
    if (typeof expected === 'number' && typeof actual === 'string') return String(expected) === actual;
    return Object.is(expected, actual);
  }
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((item, i) => matchesSubset(item, actual[i]))
    );
  }
  if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return false;
  return Object.entries(expected).every(([key, value]) =>
    matchesSubset(value, (actual as Record<string, unknown>)[key]),
  );
}

export interface EventMismatch {
  /** Index of the expected event that failed. */
  readonly expectedIndex: number;
  readonly expected: unknown;
  /** The nearest actual event: the same type after the last match, or the event at that index. */
  readonly closest: TimelineEvent | null;
  readonly reason: string;
}

function comparable(event: TimelineEvent, expected: unknown): Record<string, unknown> {
  const keep = typeof expected === 'object' && expected !== null ? expected : {};
  const { seq, at, ...rest } = event;
  return { ...rest, ...('seq' in keep ? { seq } : {}), ...('at' in keep ? { at } : {}) };
}

export function matchEvents(
  expected: readonly unknown[],
  actual: readonly TimelineEvent[],
  mode: 'subset' | 'exact',
): EventMismatch | null {
  if (mode === 'exact') {
    for (let i = 0; i < Math.max(expected.length, actual.length); i += 1) {
      const want = expected[i];
      const got = actual[i];
      if (want === undefined || got === undefined) {
        return {
          expectedIndex: i,
          expected: want ?? null,
          closest: got ?? null,
          reason: want === undefined ? 'an extra event happened' : 'the event did not happen',
        };
      }
      const shown = comparable(got, want);
      if (!matchesSubset(want, shown) || !matchesSubset(shown, want)) {
        return { expectedIndex: i, expected: want, closest: got, reason: 'the event differs' };
      }
    }
    return null;
  }
  let cursor = 0;
  for (const [index, want] of expected.entries()) {
    const found = actual.findIndex((event, i) => i >= cursor && matchesSubset(want, event));
    if (found === -1) {
      const type = (want as { type?: unknown } | null)?.type;
      const closest = actual.find((event, i) => i >= cursor && event.type === type) ?? actual[cursor] ?? null;
      return { expectedIndex: index, expected: want, closest, reason: `not found after event #${cursor}` };
    }
    cursor = found + 1;
  }
  return null;
}
