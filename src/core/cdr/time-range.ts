/**
 * The time ranges CDR search and analytics take: seed `datetime`s, to the second, both ends
 * inclusive (CALLR-METHODS.md section 3). A call is in the range when its start, as its CDR shows it
 * (cut to the second), is; so `to` covers its whole second.
 */
import { toStoredTime } from '../shared/clock.js';

export interface TimeRange {
  readonly from: Date;
  readonly to: Date;
}

/** Stored-time bounds of a range: `started_at >= from` and `started_at < toExclusive`. */
export interface StoredBounds {
  readonly from: string;
  readonly toExclusive: string;
}

function wholeSecond(date: Date): number {
  return Math.floor(date.getTime() / 1000) * 1000;
}

export function storedBounds(range: Partial<TimeRange>): Partial<StoredBounds> {
  return {
    ...(range.from === undefined ? {} : { from: toStoredTime(new Date(wholeSecond(range.from))) }),
    ...(range.to === undefined ? {} : { toExclusive: toStoredTime(new Date(wholeSecond(range.to) + 1000)) }),
  };
}

/** Seed `datetime` (`2025-03-01 18:02:10`) or RFC 3339 in UTC (`2025-03-01T18:02:10.000Z`). */
export const RANGE_TIME_PATTERN =
  '^[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,3})?Z?$';

/**
 * A range end as the API takes it, or null when it names no real instant (February 30th, hour 24).
 * Both forms are UTC; the seed form has no zone letter, so one is added before parsing.
 */
export function parseRangeTime(text: string): Date | null {
  if (!new RegExp(RANGE_TIME_PATTERN).test(text)) return null;
  const iso = `${text.replace(' ', 'T').replace(/Z$/, '')}Z`;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  // Date rolls February 30th over to March 2nd; a real date prints back as written.
  if (date.toISOString().slice(0, 19) !== iso.slice(0, 19)) return null;
  return date;
}
