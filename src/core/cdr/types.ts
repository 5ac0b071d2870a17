/** Seed 04's `CDR.SearchFilters` and `Search.Options` / `Search.Results`, in core's terms. */
import type { TimeRange } from './time-range.js';

export const CdrType = { in: 'IN', out: 'OUT' } as const;
export type CdrType = (typeof CdrType)[keyof typeof CdrType];

export interface CdrFilters extends Partial<TimeRange> {
  /** IN: inbound calls (`CDR.In`); OUT: outbound calls (`CDR.Out`). */
  readonly type: CdrType;
  /** An app (scenario) id, matched case-insensitively. */
  readonly app?: string;
  /**
   * A DID hash of the tenant's: inbound calls to that number (IN), outbound calls that presented it
   * as the caller id (OUT). A hash the tenant does not own matches nothing.
   */
  readonly did?: string;
  /** The number called, E.164: the DID of an inbound call, the destination of an outbound one. */
  readonly number?: string;
}

export interface CdrPage {
  readonly offset: number;
  readonly quantity: number;
}

export const CDR_DEFAULT_QUANTITY = 50;
export const CDR_MAX_QUANTITY = 200;
/** `cdr.get` answers at most this many records (CALLR-METHODS.md 2.3). */
export const CDR_GET_LIMIT = 10_000;

/** `Search.Results`: `has_more` is `offset + hits.length < total`. */
export interface SearchResults<T> {
  readonly offset: number;
  readonly total: number;
  readonly has_more: boolean;
  readonly hits: T[];
}
