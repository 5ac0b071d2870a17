/**
 * Writes call records for the telephony layer: one insert when the call
 * starts, one update when it is answered, one when it ends. The row says
 * `live` from the first write, so a node that crashes mid-call leaves rows
 * that say so; {@link CallRecordService.closeOrphans} ends them when the node
 * starts again, before it takes calls.
 */
import type { Db } from '../../db/database.js';
import { toE164 } from '../numbers/e164.js';
import { toStoredTime, type Clock } from '../shared/clock.js';
import { callKey } from './call-key.js';
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
}

/** Q.850 cause 41, "temporary failure": what a call cut by its node stopping is recorded with. */
export const ORPHAN_HANGUP_CAUSE = 41;
/** Longest caller user part kept when it is not an E.164 number. */
const MAX_CLI_CHARS = 64;
/** Scenarios whose last usage date this node has written today (bounded; a miss costs one update). */
const MAX_USAGE_MEMO = 10_000;

/** Start and answer of the calls this node has open, so ending one needs no read. */
interface LiveTimes {
  readonly startedMs: number;
  answeredMs: number | null;
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

export function createCallRecordService({ db, clock, nodeId }: CallRecordServiceOptions) {
  const live = new Map<string, LiveTimes>();
  const usageWritten = new Map<string, string>();

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
      .select(['started_at', 'answered_at'])
      .where('id', '=', key)
      .executeTakeFirst();
    if (row === undefined) return null;
    return {
      startedMs: Date.parse(row.started_at),
      answeredMs: row.answered_at === null ? null : Date.parse(row.answered_at),
    };
  }

  return {
    /** Records a new live call; resolves its id, the `callId` the scenario and the API see. */
    async open(call: CallOpening): Promise<string> {
      const startedMs = millis(call.startedAt);
      // Before the insert, so a failure here leaves no row the caller cannot name.
      if (call.scenarioId !== null) await noteUsage(call.scenarioId, startedMs);
      const row = await db
        .insertInto('calls')
        .values({
          account_id: call.accountId,
          direction: call.direction,
          status: CallStatus.live,
          node_id: nodeId,
          sip_call_id: call.sipCallId,
          cli_number: cliNumberOf(call.from),
          cli_name: call.callerName === '' ? null : call.callerName,
          cli_pres: call.presentation ?? CliPresentation.allowed,
          number: toE164(call.to) ?? call.to,
          number_id: call.numberId ?? null,
          scenario_id: call.scenarioId,
          scenario_name: call.scenarioName,
          started_at: toStoredTime(new Date(startedMs)),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const id = String(row.id);
      live.set(id, { startedMs, answeredMs: null });
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
      const result = await db
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
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
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
          .select(['id', 'started_at', 'answered_at'])
          .where('node_id', '=', orphanNodeId)
          .where('status', '=', CallStatus.live)
          .execute();
        for (const orphan of orphans) {
          const answeredMs = orphan.answered_at === null ? null : Date.parse(orphan.answered_at);
          await trx
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
            .execute();
          live.delete(String(orphan.id));
        }
        return orphans.length;
      });
    },
  };
}
