/** What the benchmarks' command lines share: the error for wrong arguments and the count rule. */

/** The arguments were wrong; the message says which, and the benchmark's usage text says how. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** `raw` as a whole number above 0, `fallback` when absent; a UsageError naming `flag` otherwise. */
export function positiveInteger(raw: string | undefined, flag: string, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^[1-9]\d*$/.test(raw)) throw new UsageError(`${flag} must be a whole number above 0, got "${raw}"`);
  return Number(raw);
}
