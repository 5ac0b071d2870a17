/**
 * `Analytics.Calls.*`: a tenant's calls over a time range, totalled (summary), per bucket (history)
 * and grouped (tops by app, DID, country, destination). The database aggregates; no call row is
 * read into memory. A call belongs to the range its start is in, like a CDR.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Tenant } from '../accounts/types.js';
import { countryOf } from '../numbers/number-facts.js';
import { storedBounds, type StoredBounds, type TimeRange } from '../cdr/time-range.js';
import { CdrType } from '../cdr/types.js';
import { bucketDate, bucketOf, bucketSizeOf } from './buckets.js';
import {
  callAggregates,
  callFigures,
  topSortExpression,
  type CallAggregateRow,
  type CallFigures,
  type TopSort,
} from './figures.js';
import { billingLabel } from './labels.js';

export interface CallAnalyticsOptions {
  readonly db: Db;
}

/** What every top takes: `sort` largest first, at most `limit` groups. */
export interface TopQuery extends TimeRange {
  readonly sort: TopSort;
  readonly limit: number;
}

type Direction = 'inbound' | 'outbound';
/** The columns a top groups by (all in the analytics index, so the index alone answers). */
type GroupColumn = 'scenario_id' | 'number' | 'number_country' | 'cli_country';

export type CallAnalytics = ReturnType<typeof createCallAnalytics>;

export function createCallAnalytics({ db }: CallAnalyticsOptions) {
  function scope(tenant: Tenant, direction: Direction, range: TimeRange) {
    const bounds = storedBounds(range) as StoredBounds;
    return db
      .selectFrom('calls')
      .where('account_id', '=', tenant.accountId)
      .where('direction', '=', direction)
      .where('started_at', '>=', bounds.from)
      .where('started_at', '<', bounds.toExclusive);
  }

  async function history(tenant: Tenant, direction: Direction, range: TimeRange) {
    const size = bucketSizeOf(range);
    const bucket = bucketOf(size, 'started_at');
    const rows = await scope(tenant, direction, range)
      .select([bucket.as('bucket'), callAggregates.calls, callAggregates.answered, callAggregates.duration])
      .groupBy(bucket)
      .orderBy(bucket)
      .execute();
    return rows.map((row) => {
      const { aloc, count, credit, debit, duration } = callFigures(row);
      return { aloc, count, credit, date: bucketDate(size, row.bucket), debit, duration };
    });
  }

  /** The busiest groups, each with its key (null: calls the column says nothing of). */
  async function top(
    tenant: Tenant,
    direction: Direction,
    column: GroupColumn,
    query: TopQuery,
  ): Promise<{ key: string | null; figures: CallFigures }[]> {
    let select = scope(tenant, direction, query);
    // A call no app ran (an unrouted number) is in no app's figures.
    if (column === 'scenario_id') select = select.where('scenario_id', 'is not', null);
    const rows = await select
      .select([
        sql<string | null>`${sql.ref(column)}`.as('key'),
        callAggregates.calls,
        callAggregates.answered,
        callAggregates.duration,
      ])
      .groupBy(column)
      .orderBy(topSortExpression(query.sort), 'desc')
      .orderBy(sql`count(*)`, 'desc')
      .orderBy(column)
      .limit(query.limit)
      .execute();
    return rows.map((row: CallAggregateRow & { key: string | null }) => ({
      key: row.key,
      figures: callFigures(row),
    }));
  }

  /** Inbound: by DID number, then each DID's hash (when it is still the tenant's number). */
  async function inboundDids(tenant: Tenant, query: TopQuery) {
    const groups = await top(tenant, 'inbound', 'number', query);
    const numbers = groups.map((group) => group.key).filter((key): key is string => key !== null);
    const owned =
      numbers.length === 0
        ? []
        : await db
            .selectFrom('numbers')
            .select(['number', 'hash'])
            .where('account_id', '=', tenant.accountId)
            .where('number', 'in', numbers)
            .execute();
    const hashOf = new Map(owned.map((row) => [row.number, row.hash ?? '']));
    return groups.map(({ key, figures }) => ({
      ...figures,
      billing_label: billingLabel(countryOf(key)),
      hash: key === null ? '' : (hashOf.get(key) ?? ''),
      intl: key ?? '',
    }));
  }

  return {
    /** `Analytics.Calls.Summary`; `unique_callers` counts distinct caller numbers (a withheld one is none). */
    async summary(tenant: Tenant, range: TimeRange) {
      const figures = [callAggregates.calls, callAggregates.answered, callAggregates.duration] as const;
      const [inbound, callers, outbound] = await Promise.all([
        scope(tenant, 'inbound', range).select(figures).executeTakeFirst(),
        // Grouping first lets PostgreSQL hash the callers; count(distinct) would sort them all.
        db
          .selectFrom(
            scope(tenant, 'inbound', range)
              .select('cli_number')
              .where('cli_number', 'is not', null)
              .groupBy('cli_number')
              .as('callers'),
          )
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .executeTakeFirst(),
        scope(tenant, 'outbound', range).select(figures).executeTakeFirst(),
      ]);
      return {
        IN: { ...callFigures(inbound), unique_callers: Number(callers?.n ?? 0) },
        OUT: callFigures(outbound),
      };
    },

    /** `Analytics.Calls.History`: each direction's non-empty buckets, oldest first. */
    async history(tenant: Tenant, range: TimeRange) {
      const [inbound, outbound] = await Promise.all([
        history(tenant, 'inbound', range),
        history(tenant, 'outbound', range),
      ]);
      return { IN: inbound, OUT: outbound };
    },

    /** `Analytics.Calls.App[]`: `hash` is the app (scenario) id. */
    async topApps(tenant: Tenant, type: CdrType, query: TopQuery) {
      const groups = await top(tenant, type === CdrType.in ? 'inbound' : 'outbound', 'scenario_id', query);
      return groups.map(({ key, figures }) => ({ ...figures, hash: key ?? '' }));
    },

    /** `Analytics.Calls.DID[]`. */
    inboundDids,

    /** `Analytics.Calls.Country[]` by the destination's country; `""` when unknown. */
    async outboundCountries(tenant: Tenant, query: TopQuery) {
      const groups = await top(tenant, 'outbound', 'number_country', query);
      return groups.map(({ key, figures }) => ({ ...figures, country_code: key ?? '' }));
    },

    /** `Analytics.Calls.Destination[]`: the billing destination is the country (labels.ts). */
    async outboundDestinations(tenant: Tenant, query: TopQuery) {
      const groups = await top(tenant, 'outbound', 'number_country', query);
      return groups.map(({ key, figures }) => ({ ...figures, billing_label: billingLabel(key) }));
    },

    /** `Analytics.Calls.Country[]` by the caller's country; `""` when unknown or withheld. */
    async cliCountries(tenant: Tenant, query: TopQuery) {
      const groups = await top(tenant, 'inbound', 'cli_country', query);
      return groups.map(({ key, figures }) => ({ ...figures, country_code: key ?? '' }));
    },
  };
}
