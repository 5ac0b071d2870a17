/**
 * Writes call records for the telephony layer: one insert when the call
 * starts, one update when it is answered, one when it ends. The row says
 * `live` from the first write, so a node that crashes mid-call leaves rows
 * that say so; {@link CallRecordService.closeOrphans} ends them when the node
 * starts again, before it takes calls.
 */
import type { Transaction } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import type { Outbox } from '../events/outbox.js';
import { toE164 } from '../numbers/e164.js';
import { countryOf } from '../numbers/number-facts.js';
import { toStoredTime, type Clock } from '../shared/clock.js';
import { callKey } from './call-key.js';
import { CDR_COLUMNS, toCdr, type CdrRow } from './cdr.js';
import {
  CallStatus,
  CliPresentation,
  HangupSource,
  type CallEnding,
  type CallOpening,
  type CallTime,
} from './types.js';

export interface CallRecordServiceOptions {
  readonly db: Db;
  readonly clock: Clock;
  /** This node's id, written on each record it opens. */
  readonly nodeId: string;
  /** Where `call.*_start` and `call.*_hangup` are written, in the record's own transaction. */
  readonly outbox: Outbox;
}

/** Q.850 cause 41, "temporary failure": what a call cut by its node stopping is recorded with. */
export const ORPHAN_HANGUP_CAUSE = 41;
/** Longest caller user part kept when it is not an E.164 number. */
const MAX_CLI_CHARS = 64;
/** Scenarios whose last usage date this node has written today (bounded; a miss costs one update). */
const MAX_USAGE_MEMO = 10_000;

/** Start and answer of the calls this node has open, and their DID's hash, so ending one needs no read. */
interface LiveTimes {
  readonly startedMs: number;
  answeredMs: number | null;
  readonly didHash: string | null;
}

/** The package of a call that runs a scenario: seed 04's scripted app, which a scenario is. */
export const SCENARIO_PACKAGE = 'ACTIONS10';

function startEventType(direction: 'inbound' | 'outbound'): string {
  return direction === 'inbound' ? 'call.inbound_start' : 'call.outbound_start';
}

function hangupEventType(direction: 'inbound' | 'outbound'): string {
  return direction === 'inbound' ? 'call.inbound_hangup' : 'call.outbound_hangup';
}

function millis(time: CallTime): number {
  return typeof time === 'number' ? time : time.getTime();
}

/** Whole seconds, rounded to the nearest (a negative span, from a clock step back, is 0). */
function seconds(fromMs: number, toMs: number): number {
  return Math.max(0, Math.round((toMs - fromMs) / 1000));
}

function cliNumberOf(from: string): string | null {
  if (from === '') return null;
  return toE164(from) ?? from.slice(0, MAX_CLI_CHARS);
}

export type CallRecordService = ReturnType<typeof createCallRecordService>;

export function createCallRecordService({ db, clock, nodeId, outbox }: CallRecordServiceOptions) {
  const live = new Map<string, LiveTimes>();
  const usageWritten = new Map<string, string>();

  /** The `call.*_hangup` event of an ended record, in the transaction that ended it. */
  async function recordHangup(
    trx: Transaction<Database>,
    row: Omit<CdrRow, 'did_hash'> & { readonly account_id: number },
    didHash: string | null,
  ): Promise<void> {
    await outbox.record(trx, {
      accountId: row.account_id,
      type: hangupEventType(row.direction),
      data: toCdr({ ...row, did_hash: didHash }),
    });
  }

  /** Seed 02's lastUsageDate: written at most once a day per scenario per node. */
  async function noteUsage(scenarioId: string, startedMs: number): Promise<void> {
    const day = new Date(startedMs).toISOString().slice(0, 10);
    if (usageWritten.get(scenarioId) === day) return;
    if (usageWritten.size >= MAX_USAGE_MEMO) usageWritten.clear();
    usageWritten.set(scenarioId, day);
    await db
      .updateTable('scenarios')
      .set({ last_usage_date: day })
      .where('id', '=', scenarioId)
      .where((eb) => eb.or([eb('last_usage_date', 'is', null), eb('last_usage_date', '<', day)]))
      .execute();
  }

  async function timesOf(callId: string, key: number | string): Promise<LiveTimes | null> {
    const known = live.get(callId);
    if (known !== undefined) return known;
    const row = await db
      .selectFrom('calls')
      .leftJoin('numbers', 'numbers.id', 'calls.number_id')
      .select(['calls.started_at', 'calls.answered_at', 'numbers.hash'])
      .where('calls.id', '=', key)
      .executeTakeFirst();
    if (row === undefined) return null;
    return {
      startedMs: Date.parse(row.started_at),
      answeredMs: row.answered_at === null ? null : Date.parse(row.answered_at),
      didHash: row.hash,
    };
  }

  return {
    /** Records a new live call; resolves its id, the `callId` the scenario and the API see. */
    async open(call: CallOpening): Promise<string> {
      const startedMs = millis(call.startedAt);
      // Before the insert, so a failure here leaves no row the caller cannot name.
      if (call.scenarioId !== null) await noteUsage(call.scenarioId, startedMs);
      const cliNumber = cliNumberOf(call.from);
      const number = toE164(call.to) ?? call.to;
      const values = {
        account_id: call.accountId,
        direction: call.direction,
        status: CallStatus.live,
        node_id: nodeId,
        sip_call_id: call.sipCallId,
        cli_number: cliNumber,
        cli_name: call.callerName === '' ? null : call.callerName,
        cli_pres: call.presentation ?? CliPresentation.allowed,
        cli_country: countryOf(cliNumber),
        number,
        number_country: countryOf(number),
        number_id: call.numberId ?? null,
        scenario_id: call.scenarioId,
        scenario_name: call.scenarioName,
        package_name: call.packageName ?? (call.scenarioId === null ? null : SCENARIO_PACKAGE),
        customer_field: call.customerField ?? null,
        started_at: toStoredTime(new Date(startedMs)),
      };
      const { id, didHash } = await db.transaction().execute(async (trx) => {
        const row = await trx.insertInto('calls').values(values).returning('id').executeTakeFirstOrThrow();
        const hash =
          call.numberHash !== undefined || values.number_id === null
            ? (call.numberHash ?? null)
            : ((
                await trx
                  .selectFrom('numbers')
                  .select('hash')
                  .where('id', '=', values.number_id)
                  .executeTakeFirst()
              )?.hash ?? null);
        await outbox.record(trx, {
          accountId: call.accountId,
          type: startEventType(call.direction),
          data: toCdr({
            ...values,
            id: row.id,
            did_hash: hash,
            answered_at: null,
            ended_at: null,
            duration: null,
            duration_answered: null,
            hangup_cause: null,
            hangup_source: null,
          }),
        });
        return { id: String(row.id), didHash: hash };
      });
      live.set(id, { startedMs, answeredMs: null, didHash });
      return id;
    },

    /** The call was answered; false when the record is unknown, ended, or already answered. */
    async answered(callId: string, at: CallTime): Promise<boolean> {
      const key = callKey(callId);
      if (key === null) return false;
      const answeredMs = millis(at);
      const result = await db
        .updateTable('calls')
        .set({ answered_at: toStoredTime(new Date(answeredMs)) })
        .where('id', '=', key)
        .where('status', '=', CallStatus.live)
        .where('answered_at', 'is', null)
        .executeTakeFirst();
      const times = live.get(callId);
      if (times !== undefined && times.answeredMs === null) times.answeredMs = answeredMs;
      return Number(result.numUpdatedRows) > 0;
    },

    /** The call ended: durations, cause, source and timeline; false when unknown or already ended. */
    async ended(callId: string, ending: CallEnding): Promise<boolean> {
      const key = callKey(callId);
      if (key === null) return false;
      const times = await timesOf(callId, key);
      live.delete(callId);
      if (times === null) return false;
      const endedMs = millis(ending.at);
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('calls')
          .set({
            status: CallStatus.ended,
            ended_at: toStoredTime(new Date(endedMs)),
            duration: seconds(times.startedMs, endedMs),
            duration_answered: times.answeredMs === null ? 0 : seconds(times.answeredMs, endedMs),
            hangup_cause: ending.hangupCause,
            hangup_source: ending.hangupSource,
            timeline: JSON.stringify(ending.timeline),
          })
          .where('id', '=', key)
          .where('status', '=', CallStatus.live)
          .returning([...CDR_COLUMNS, 'account_id'])
          .executeTakeFirst();
        if (row === undefined) return false;
        await recordHangup(trx, row, times.didHash);
        return true;
      });
    },

    /**
     * Ends the records `nodeId` left live: call it when the node starts, before it takes calls.
     * Their hang-up time is now (the crash time is unknown), source GATEWAY, cause 41, no timeline.
     * Resolves how many it closed.
     */
    async closeOrphans(orphanNodeId: string = nodeId): Promise<number> {
      const now = clock.now();
      const nowMs = now.getTime();
      return db.transaction().execute(async (trx) => {
        const orphans = await trx
          .selectFrom('calls')
          .leftJoin('numbers', 'numbers.id', 'calls.number_id')
          .select(['calls.id', 'calls.started_at', 'calls.answered_at', 'numbers.hash as did_hash'])
          .where('calls.node_id', '=', orphanNodeId)
          .where('calls.status', '=', CallStatus.live)
          .execute();
        for (const orphan of orphans) {
          const answeredMs = orphan.answered_at === null ? null : Date.parse(orphan.answered_at);
          const row = await trx
            .updateTable('calls')
            .set({
              status: CallStatus.ended,
              ended_at: toStoredTime(now),
              duration: seconds(Date.parse(orphan.started_at), nowMs),
              duration_answered: answeredMs === null ? 0 : seconds(answeredMs, nowMs),
              hangup_cause: ORPHAN_HANGUP_CAUSE,
              hangup_source: HangupSource.gateway,
            })
            .where('id', '=', orphan.id)
            .where('status', '=', CallStatus.live)
            .returning([...CDR_COLUMNS, 'account_id'])
            .executeTakeFirst();
          if (row !== undefined) await recordHangup(trx, row, orphan.did_hash);
          live.delete(String(orphan.id));
        }
        return orphans.length;
      });
    },
  };
}
