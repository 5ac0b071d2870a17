/**
 * `Analytics.SMS.*`: a tenant's outbound SMS over a time range (by creation time), totalled and per
 * bucket, in all or by status. Inbound SMS have no figures in the seed (`IN` is `{}` / `[]`).
 * Voxgate bills nothing: credit and debit are zero `amount_4`s.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Tenant } from '../accounts/types.js';
import { storedBounds, type StoredBounds, type TimeRange } from '../cdr/time-range.js';
import { bucketDate, bucketOf, bucketSizeOf } from './buckets.js';
import { NO_AMOUNT_4 } from './figures.js';

export interface SmsAnalyticsOptions {
  readonly db: Db;
}

/** The properties of `Analytics.SMS.Summary.OUT` that `fields` may keep. */
export const SMS_FIELDS = ['count', 'credit', 'debit', 'parts'] as const;
export type SmsField = (typeof SMS_FIELDS)[number];

export interface SmsFigures {
  readonly count: number;
  readonly credit: string;
  readonly debit: string;
  readonly parts: number;
}

interface SmsAggregateRow {
  readonly messages: number | string;
  readonly parts: number | string | null;
}

function smsFigures(row: SmsAggregateRow | undefined): SmsFigures {
  return {
    count: Number(row?.messages ?? 0),
    credit: NO_AMOUNT_4,
    debit: NO_AMOUNT_4,
    parts: Number(row?.parts ?? 0),
  };
}

/** Keeps the named properties; null or absent `fields` keeps all. */
function trimmed(figures: SmsFigures, fields: readonly SmsField[] | undefined): Partial<SmsFigures> {
  if (fields === undefined) return figures;
  return Object.fromEntries(SMS_FIELDS.filter((f) => fields.includes(f)).map((f) => [f, figures[f]]));
}

export type SmsAnalytics = ReturnType<typeof createSmsAnalytics>;

export function createSmsAnalytics({ db }: SmsAnalyticsOptions) {
  function outbound(tenant: Tenant, range: TimeRange) {
    const bounds = storedBounds(range) as StoredBounds;
    return db
      .selectFrom('sms_messages')
      .where('account_id', '=', tenant.accountId)
      .where('type', '=', 'OUT')
      .where('created_at', '>=', bounds.from)
      .where('created_at', '<', bounds.toExclusive);
  }

  const aggregates = [
    sql<number | string>`count(*)`.as('messages'),
    sql<number | string | null>`sum(parts)`.as('parts'),
  ] as const;

  async function totals(tenant: Tenant, range: TimeRange): Promise<SmsFigures> {
    return smsFigures(await outbound(tenant, range).select(aggregates).executeTakeFirst());
  }

  async function buckets(tenant: Tenant, range: TimeRange): Promise<(SmsFigures & { date: string })[]> {
    const size = bucketSizeOf(range);
    const bucket = bucketOf(size, 'created_at');
    const rows = await outbound(tenant, range)
      .select([bucket.as('bucket'), ...aggregates])
      .groupBy(bucket)
      .orderBy(bucket)
      .execute();
    return rows.map((row) => ({ ...smsFigures(row), date: bucketDate(size, row.bucket) }));
  }

  return {
    /** `Analytics.SMS.Summary`. */
    async summary(tenant: Tenant, range: TimeRange) {
      return { IN: {}, OUT: await totals(tenant, range) };
    },
    /** `Analytics.SMS.History`: non-empty buckets, oldest first. */
    async history(tenant: Tenant, range: TimeRange) {
      return { IN: [], OUT: await buckets(tenant, range) };
    },
    /** `Analytics.SMS.Summary.OUT`, trimmed to `fields`. */
    async summaryOut(tenant: Tenant, range: TimeRange, fields?: readonly SmsField[]) {
      return trimmed(await totals(tenant, range), fields);
    },
    /** `Analytics.SMS.History.OUT[]`, trimmed to `fields`; the date stays, a bucket without it says nothing. */
    async historyOut(tenant: Tenant, range: TimeRange, fields?: readonly SmsField[]) {
      return (await buckets(tenant, range)).map(({ date, ...figures }) => ({
        ...trimmed(figures, fields),
        date,
      }));
    },
    /** `{status: Analytics.SMS.Summary.OUT}` for each status some message has. */
    async summaryOutByStatus(tenant: Tenant, range: TimeRange): Promise<Record<string, SmsFigures>> {
      const rows = await outbound(tenant, range)
        .select(['status', ...aggregates])
        .groupBy('status')
        .orderBy('status')
        .execute();
      return Object.fromEntries(rows.map((row) => [row.status, smsFigures(row)]));
    },
    /** `{status: Analytics.SMS.History.OUT[]}`: each status's non-empty buckets, oldest first. */
    async historyOutByStatus(tenant: Tenant, range: TimeRange) {
      const size = bucketSizeOf(range);
      const bucket = bucketOf(size, 'created_at');
      const rows = await outbound(tenant, range)
        .select(['status', bucket.as('bucket'), ...aggregates])
        .groupBy(['status', bucket])
        .orderBy('status')
        .orderBy(bucket)
        .execute();
      const byStatus: Record<string, (SmsFigures & { date: string })[]> = {};
      for (const row of rows)
        (byStatus[row.status] ??= []).push({ ...smsFigures(row), date: bucketDate(size, row.bucket) });
      return byStatus;
    },
  };
}
