/**
 * A tenant's call records: the list with its filters, one record with its
 * timeline, and hanging up a live call through the {@link LiveCallControl}
 * port. A record of another account answers "not found", as everywhere.
 */
import type { Selectable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { CallsTable } from '../../db/schema.js';
import type { TimelineEvent } from '../../scenario/interpreter/timeline.js';
import type { Tenant } from '../accounts/types.js';
import { toE164 } from '../numbers/e164.js';
import { toStoredTime } from '../shared/clock.js';
import type { Page } from '../shared/paging.js';
import { callKey } from './call-key.js';
import { CallEnded, CallNotFound, CallNotHere } from './errors.js';
import type { LiveCallControl } from './live-call-control.js';
import { CallStatus, type CallDetail, type CallListQuery, type CallRecord } from './types.js';

export interface CallsServiceOptions {
  readonly db: Db;
  readonly liveCalls: LiveCallControl;
}

/** Every column but the timeline, which only the single-record read returns. */
const RECORD_COLUMNS = [
  'id',
  'account_id',
  'direction',
  'status',
  'node_id',
  'sip_call_id',
  'cli_number',
  'cli_name',
  'cli_pres',
  'number',
  'number_id',
  'scenario_id',
  'scenario_name',
  'started_at',
  'answered_at',
  'ended_at',
  'duration',
  'duration_answered',
  'hangup_cause',
  'hangup_source',
] as const;

type RecordRow = Pick<Selectable<CallsTable>, (typeof RECORD_COLUMNS)[number]>;

function toCallRecord(row: RecordRow): CallRecord {
  return {
    id: String(row.id),
    accountId: row.account_id,
    direction: row.direction,
    status: row.status,
    nodeId: row.node_id,
    sipCallId: row.sip_call_id,
    cliNumber: row.cli_number,
    cliName: row.cli_name,
    cliPres: row.cli_pres,
    number: row.number,
    numberId: row.number_id,
    scenarioId: row.scenario_id,
    scenarioName: row.scenario_name,
    startedAt: row.started_at,
    answeredAt: row.answered_at,
    endedAt: row.ended_at,
    duration: row.duration,
    durationAnswered: row.duration_answered,
    hangupCause: row.hangup_cause,
    hangupSource: row.hangup_source,
  };
}

export type CallsService = ReturnType<typeof createCallsService>;

export function createCallsService({ db, liveCalls }: CallsServiceOptions) {
  function filtered(tenant: Tenant, query: CallListQuery) {
    let select = db.selectFrom('calls').where('account_id', '=', tenant.accountId);
    // Stored times are ISO-8601 UTC of one length, so text order is time order.
    if (query.from !== undefined) select = select.where('started_at', '>=', toStoredTime(query.from));
    if (query.to !== undefined) select = select.where('started_at', '<=', toStoredTime(query.to));
    if (query.direction !== undefined) select = select.where('direction', '=', query.direction);
    if (query.number !== undefined)
      select = select.where('number', '=', toE164(query.number) ?? query.number);
    if (query.cli !== undefined) select = select.where('cli_number', '=', toE164(query.cli) ?? query.cli);
    if (query.scenarioId !== undefined)
      select = select.where('scenario_id', '=', query.scenarioId.toUpperCase());
    if (query.hangupSource !== undefined) select = select.where('hangup_source', '=', query.hangupSource);
    if (query.live !== undefined)
      select = select.where('status', '=', query.live ? CallStatus.live : CallStatus.ended);
    return select;
  }

  async function find(tenant: Tenant, id: string) {
    const key = callKey(id);
    if (key === null) throw CallNotFound();
    const row = await db
      .selectFrom('calls')
      .select([...RECORD_COLUMNS, 'timeline'])
      .where('id', '=', key)
      .where('account_id', '=', tenant.accountId)
      .executeTakeFirst();
    if (row === undefined) throw CallNotFound();
    return row;
  }

  return {
    /** Newest first. */
    async list(tenant: Tenant, query: CallListQuery): Promise<Page<CallRecord>> {
      const base = filtered(tenant, query);
      const [rows, count] = await Promise.all([
        base
          .select(RECORD_COLUMNS)
          .orderBy('started_at', 'desc')
          .orderBy('id', 'desc')
          .limit(query.limit)
          .offset(query.offset)
          .execute(),
        base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return {
        items: rows.map(toCallRecord),
        total: Number(count.n),
        limit: query.limit,
        offset: query.offset,
      };
    },

    async get(tenant: Tenant, id: string): Promise<CallDetail> {
      const row = await find(tenant, id);
      const timeline = row.timeline === null ? null : (JSON.parse(row.timeline) as TimelineEvent[]);
      return { ...toCallRecord(row), timeline };
    },

    /**
     * Hangs up a live call of the tenant's. The record is ended by the call itself once the
     * hang-up is done, so it may still read `live` for a moment after this resolves.
     */
    async hangup(tenant: Tenant, id: string): Promise<void> {
      const row = await find(tenant, id);
      if (row.status === CallStatus.ended) throw CallEnded();
      if (await liveCalls.hangup(String(row.id))) return;
      // Not on this node: it ended meanwhile, or it runs elsewhere, or its node stopped.
      const again = await find(tenant, id);
      if (again.status === CallStatus.ended) throw CallEnded();
      throw CallNotHere({ details: { nodeId: again.node_id } });
    },
  };
}
