/**
 * CDR search (`cdr.search`, paged) and the unpaged read (`cdr.get`): a tenant's call records of one
 * direction as seed 04's `CDR.In` / `CDR.Out`, newest start first. Every read is bounded by the
 * tenant's account; a DID hash of another account matches nothing, as an unknown one does.
 */
import type { Db } from '../../db/database.js';
import type { Tenant } from '../accounts/types.js';
import { CDR_COLUMNS, toCdrIn, toCdrOut, type CdrIn, type CdrOut, type CdrRow } from '../calls/cdr.js';
import { toE164 } from '../numbers/e164.js';
import { CdrTooMany } from './errors.js';
import { storedBounds } from './time-range.js';
import { CDR_GET_LIMIT, CdrType, type CdrFilters, type CdrPage, type SearchResults } from './types.js';

export interface CdrServiceOptions {
  readonly db: Db;
}

export type CdrService = ReturnType<typeof createCdrService>;

const SELECTED = [
  ...CDR_COLUMNS.map((column) => `calls.${column}` as const),
  'numbers.hash as did_hash',
] as const;

export function createCdrService({ db }: CdrServiceOptions) {
  /** The DID's number when the tenant owns the hash; null matches nothing. */
  async function didNumber(tenant: Tenant, hash: string): Promise<string | null> {
    const row = await db
      .selectFrom('numbers')
      .select('number')
      .where('hash', '=', hash.toUpperCase())
      .where('account_id', '=', tenant.accountId)
      .executeTakeFirst();
    return row?.number ?? null;
  }

  /** The matching calls, or null when a filter can match nothing. */
  async function matching(tenant: Tenant, filters: CdrFilters) {
    const direction = filters.type === CdrType.in ? 'inbound' : 'outbound';
    let query = db
      .selectFrom('calls')
      .where('calls.account_id', '=', tenant.accountId)
      .where('calls.direction', '=', direction);
    const bounds = storedBounds(filters);
    // Stored times are ISO-8601 UTC of one length, so text order is time order.
    if (bounds.from !== undefined) query = query.where('calls.started_at', '>=', bounds.from);
    if (bounds.toExclusive !== undefined) query = query.where('calls.started_at', '<', bounds.toExclusive);
    if (filters.app !== undefined) query = query.where('calls.scenario_id', '=', filters.app.toUpperCase());
    if (filters.number !== undefined)
      query = query.where('calls.number', '=', toE164(filters.number) ?? filters.number);
    if (filters.did !== undefined) {
      const did = await didNumber(tenant, filters.did);
      if (did === null) return null;
      // An inbound call's DID is the number it called; an outbound call shows the DID as its caller id.
      query = query.where(filters.type === CdrType.in ? 'calls.number' : 'calls.cli_number', '=', did);
    }
    return query;
  }

  function rowsOf(query: NonNullable<Awaited<ReturnType<typeof matching>>>) {
    return query
      .leftJoin('numbers', 'numbers.id', 'calls.number_id')
      .select(SELECTED)
      .orderBy('calls.started_at', 'desc')
      .orderBy('calls.id', 'desc');
  }

  function toRecord(type: CdrType) {
    return (row: CdrRow): CdrIn | CdrOut => (type === CdrType.in ? toCdrIn(row) : toCdrOut(row));
  }

  return {
    /** `cdr.search`: one page of the matching records and how many match in all. */
    async search(tenant: Tenant, filters: CdrFilters, page: CdrPage): Promise<SearchResults<CdrIn | CdrOut>> {
      const query = await matching(tenant, filters);
      if (query === null) return { offset: page.offset, total: 0, has_more: false, hits: [] };
      const [rows, count] = await Promise.all([
        rowsOf(query).limit(page.quantity).offset(page.offset).execute(),
        query.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      const total = Number(count.n);
      return {
        offset: page.offset,
        total,
        has_more: page.offset + rows.length < total,
        hits: rows.map(toRecord(filters.type)),
      };
    },

    /** `cdr.get`: every matching record, newest first; more than {@link CDR_GET_LIMIT} is an error. */
    async get(tenant: Tenant, filters: CdrFilters): Promise<(CdrIn | CdrOut)[]> {
      const query = await matching(tenant, filters);
      if (query === null) return [];
      const rows = await rowsOf(query)
        .limit(CDR_GET_LIMIT + 1)
        .execute();
      if (rows.length > CDR_GET_LIMIT) throw CdrTooMany({ details: { limit: CDR_GET_LIMIT } });
      return rows.map(toRecord(filters.type));
    },
  };
}
