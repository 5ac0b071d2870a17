/**
 * The figures every `Analytics.Calls.*` object carries (aloc, count, credit, debit, duration), from
 * SQL aggregates, and how tops are sorted. Voxgate bills nothing: credit and debit are zero
 * `amount_4`s.
 */
import { sql, type RawBuilder } from 'kysely';

export const NO_AMOUNT_4 = '0.0000';

/** `sort` of the tops (CALLR-METHODS.md 2.10): largest first. */
export const TOP_SORTS = ['count', 'duration', 'aloc', 'credit', 'debit'] as const;
export type TopSort = (typeof TOP_SORTS)[number];

export const TOP_LIMIT_MIN = 1;
export const TOP_LIMIT_MAX = 100;
export const TOP_LIMIT_DEFAULT = 10;

/** What SQL answers per group; PostgreSQL's count and sum arrive as strings. */
export interface CallAggregateRow {
  readonly calls: number | string;
  readonly answered: number | string;
  readonly duration: number | string | null;
}

/**
 * `count` is every call that started in the range; `duration` the answered seconds of those that
 * ended; `answered` how many were answered and have ended, what `aloc` averages over.
 */
export const callAggregates = {
  calls: sql<number | string>`count(*)`.as('calls'),
  answered: sql<number | string>`count(case when answered_at is not null then duration_answered end)`.as(
    'answered',
  ),
  duration: sql<number | string | null>`sum(duration_answered)`.as('duration'),
} as const;

/** The sort key of a top in SQL; credit and debit are zero for all, so the count decides. */
export function topSortExpression(sort: TopSort): RawBuilder<unknown> {
  switch (sort) {
    case 'duration':
      return sql`coalesce(sum(duration_answered), 0)`;
    case 'aloc':
      return sql`case when count(case when answered_at is not null then duration_answered end) = 0 then 0 else sum(duration_answered) * 1.0 / count(case when answered_at is not null then duration_answered end) end`;
    case 'count':
    case 'credit':
    case 'debit':
      return sql`count(*)`;
  }
}

export interface CallFigures {
  readonly aloc: number;
  readonly count: number;
  readonly credit: string;
  readonly debit: string;
  readonly duration: number;
}

/** `aloc`: the average answered duration, rounded to whole seconds; 0 when none was answered. */
export function callFigures(row: CallAggregateRow | undefined): CallFigures {
  const count = Number(row?.calls ?? 0);
  const answered = Number(row?.answered ?? 0);
  const duration = Number(row?.duration ?? 0);
  return {
    aloc: answered === 0 ? 0 : Math.round(duration / answered),
    count,
    credit: NO_AMOUNT_4,
    debit: NO_AMOUNT_4,
    duration,
  };
}
