/**
 * The outcome of parsing one wire value: the value, or the reason it was refused.
 *
 * Parsers of SIP input never throw on hostile bytes (STYLE.md section 4); they return this.
 */
export type ParseResult<T> = { readonly ok: true; readonly value: T } | ParseFailure;

/** A refused value; `reason` is short enough to go into a Reason-Phrase. */
export interface ParseFailure {
  readonly ok: false;
  readonly reason: string;
}

/** Wraps a parsed value. */
export function parsed<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

/** Builds a refusal. */
export function refused(reason: string): ParseFailure {
  return { ok: false, reason };
}
