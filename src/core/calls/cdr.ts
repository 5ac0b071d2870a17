/**
 * Seed 04's call detail records, `CDR.In` and `CDR.Out`, from a call row: what CDR search answers
 * and what the `call.*_start` / `call.*_hangup` events carry. Voxgate bills nothing, so the billing
 * fields are zero amounts and an empty label; times are seed `datetime`s, and a time that has not
 * come (no answer yet, no hang-up yet) is null.
 */
import type { Selectable } from 'kysely';
import type { CallsTable } from '../../db/schema.js';
import { seedDatetime } from '../shared/seed-time.js';

/** The columns a CDR is made of; `did_hash` is the DID's (numbers.hash) of an inbound call. */
export const CDR_COLUMNS = [
  'id',
  'direction',
  'cli_number',
  'cli_name',
  'cli_pres',
  'cli_country',
  'number',
  'number_country',
  'scenario_id',
  'scenario_name',
  'package_name',
  'customer_field',
  'started_at',
  'answered_at',
  'ended_at',
  'duration',
  'duration_answered',
  'hangup_cause',
  'hangup_source',
] as const;

export type CdrRow = Pick<Selectable<CallsTable>, (typeof CDR_COLUMNS)[number]> & {
  readonly did_hash: string | null;
};

const NO_AMOUNT = '0.00';

/** Fields CDR.In and CDR.Out share. */
function common(row: CdrRow) {
  return {
    answer: seedDatetime(row.answered_at),
    billing_customer_cost_label: '',
    billing_customer_credit_eur: NO_AMOUNT,
    billing_customer_debit_eur: NO_AMOUNT,
    // Issued below 2^53 (CALLR-METHODS.md section 3), so a JSON number keeps it exact.
    callid: Number(row.id),
    cli_name: row.cli_name ?? '',
    cli_number: row.cli_number ?? '',
    cli_pres: row.cli_pres,
    customer_field: row.customer_field ?? '',
    duration: row.duration ?? 0,
    duration_answered: row.duration_answered ?? 0,
    // Nothing is billed, so the billed duration is the answered one (what a per-second plan bills).
    duration_billed: row.duration_answered ?? 0,
    hangup: seedDatetime(row.ended_at),
    hangupcause: row.hangup_cause ?? 0,
    hangupsource: row.hangup_source,
    package_name: row.package_name ?? '',
    scenario_hash: row.scenario_id ?? '',
    scenario_name: row.scenario_name ?? '',
    start: seedDatetime(row.started_at),
  };
}

export type CdrIn = ReturnType<typeof toCdrIn>;
export type CdrOut = ReturnType<typeof toCdrOut>;

export function toCdrIn(row: CdrRow) {
  return {
    ...common(row),
    cli_country_code: row.cli_country ?? '',
    cli_number_type: '',
    did_hash: row.did_hash ?? '',
    did_intl_number: row.number,
  };
}

export function toCdrOut(row: CdrRow) {
  return {
    ...common(row),
    callid_in: 0,
    dialstatus: row.answered_at === null ? 'NOANSWER' : 'ANSWER',
    number: row.number,
    number_country_code: row.number_country ?? '',
    number_type: '',
  };
}

/** The record of either direction. */
export function toCdr(row: CdrRow): CdrIn | CdrOut {
  return row.direction === 'inbound' ? toCdrIn(row) : toCdrOut(row);
}
