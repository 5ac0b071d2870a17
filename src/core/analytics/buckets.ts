/**
 * History buckets (CALLR-METHODS.md 2.10): hourly for a range up to 2 days, daily up to 92 days,
 * monthly beyond; a bucket's `date` is its start. Stored times are ISO-8601 UTC text, so a bucket is
 * a prefix of the text, which both engines cut the same way.
 */
import { sql, type RawBuilder } from 'kysely';
import type { TimeRange } from '../cdr/time-range.js';

export type BucketSize = 'hour' | 'day' | 'month';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const HOURLY_UP_TO_MS = 2 * DAY_MS;
const DAILY_UP_TO_MS = 92 * DAY_MS;

/** `2025-03-01T18`, `2025-03-01`, `2025-03`: the stored-time prefix of each size. */
const PREFIX_LENGTH: Readonly<Record<BucketSize, number>> = { hour: 13, day: 10, month: 7 };

/** The range's length counts its last second whole: 00:00:00 to 23:59:59 the next day is 2 days. */
export function bucketSizeOf(range: TimeRange): BucketSize {
  const span =
    Math.floor(range.to.getTime() / 1000) * 1000 + 1000 - Math.floor(range.from.getTime() / 1000) * 1000;
  if (span <= HOURLY_UP_TO_MS) return 'hour';
  if (span <= DAILY_UP_TO_MS) return 'day';
  return 'month';
}

/** The bucket of a stored-time column, as SQL text. */
export function bucketOf(size: BucketSize, column: string): RawBuilder<string> {
  return sql<string>`substr(${sql.ref(column)}, 1, ${sql.lit(PREFIX_LENGTH[size])})`;
}

/** A bucket's start as a seed `datetime`. */
export function bucketDate(size: BucketSize, prefix: string): string {
  switch (size) {
    case 'hour':
      return `${prefix.slice(0, 10)} ${prefix.slice(11, 13)}:00:00`;
    case 'day':
      return `${prefix} 00:00:00`;
    case 'month':
      return `${prefix}-01 00:00:00`;
  }
}
