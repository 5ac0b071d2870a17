/**
 * CDR search and analytics at scale (issue 6, part 7): a fresh database of one engine, migrated,
 * holding a month of 1,000,000 calls of one tenant (plus another tenant's calls and the tenant's
 * SMS), then every CDR and analytics read of core, each timed several times. The goal is every read
 * under a second.
 *
 * Rows are made by the database itself (a recursive CTE on SQLite, generate_series on PostgreSQL),
 * in chunks of one statement each, so the load takes seconds, not the minutes a million inserts
 * from JavaScript would. Values are spread by arithmetic on the row number: 50 DIDs, 20 apps,
 * 200,000 callers, 100,000 destinations, four in five calls answered.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { Tenant } from '../../src/core/accounts/types.js';
import type { Core } from '../../src/core/index.js';
import type { Db, OpenDatabase } from '../../src/db/database.js';
import { Cleanup } from '../harness/cleanup.js';
import { openBenchCore, type Engine } from '../harness/database.js';

export const CDR_QUERY_GOAL_MS = 1000;

export interface CdrQueryOptions {
  /** Calls of the measured tenant; 1,000,000 by default. */
  readonly calls?: number;
  /** Timed runs of each query, after one untimed run; 5 by default. */
  readonly runs?: number;
  /** Told of progress (loading, each query); silent by default. */
  readonly log?: (line: string) => void;
}

export interface CdrQueryTiming {
  readonly query: string;
  readonly medianMs: number;
  readonly maxMs: number;
  /** Hits, groups or buckets the query answered: proof it read the data. */
  readonly rows: number;
}

export type CdrQueryOutcome =
  | {
      readonly engine: Engine;
      readonly status: 'done';
      readonly calls: number;
      readonly otherTenantCalls: number;
      readonly sms: number;
      readonly loadSeconds: number;
      readonly timings: readonly CdrQueryTiming[];
    }
  | { readonly engine: Engine; readonly status: 'skipped'; readonly reason: string };

const MONTH_START_S = Date.parse('2026-10-01T00:00:00.000Z') / 1000;
const MONTH_S = 30 * 86_400;
const DIDS = 50;
const CHUNK = 100_000;

/** Engine-specific SQL pieces: the row numbers of a chunk and an epoch-seconds expression as stored time. */
interface Dialect {
  rows(first: number, last: number): ReturnType<typeof sql.raw>;
  time(seconds: string): string;
  hash8(n: string): string;
}

const SQLITE: Dialect = {
  rows: (first, last) =>
    sql.raw(`with recursive seq(n) as (select ${first} union all select n + 1 from seq where n < ${last}) `),
  time: (seconds) => `strftime('%Y-%m-%dT%H:%M:%fZ', ${seconds}, 'unixepoch')`,
  hash8: (n) => `printf('%08X', ${n})`,
};

const POSTGRES: Dialect = {
  rows: (first, last) =>
    sql.raw(`with seq(n) as (select generate_series(${first}::bigint, ${last}::bigint)) `),
  time: (seconds) => `to_char(to_timestamp(${seconds}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
  hash8: (n) => `lpad(upper(to_hex(${n})), 8, '0')`,
};

const TIMELINE = JSON.stringify(
  Array.from({ length: 4 }, (_, seq) => ({
    seq,
    at: '2026-10-01T00:00:00.000+0000',
    type: 'action.finished',
    path: `script[${seq}]`,
    data: { result: 'ok' },
  })),
);

function didNumber(index: string): string {
  return `'+3319000' || (1000 + ${index})`;
}

/** One chunk of calls of `accountId`, rows `first..last` of `total` spread over the month. */
async function insertCalls(
  db: Db,
  dialect: Dialect,
  accountId: number,
  firstNumberId: number,
  first: number,
  last: number,
  total: number,
): Promise<void> {
  const spacing = MONTH_S / total;
  const start = `(${MONTH_START_S} + n * ${spacing})`;
  const m = '(n / 2)';
  const answered = 'n % 5 <> 0';
  const talk = `((n * 7) % 600 + 1)`;
  const inbound = 'n % 2 = 0';
  const country = (v: string) =>
    `case ${v} % 10 when 0 then 'DE' when 1 then 'US' when 2 then 'GB' when 3 then 'GB' else 'FR' end`;
  const select = `
    insert into calls (account_id, direction, status, node_id, sip_call_id, cli_number, cli_name, cli_pres,
      number, number_id, scenario_id, scenario_name, started_at, answered_at, ended_at, duration,
      duration_answered, hangup_cause, hangup_source, timeline, customer_field, package_name, cli_country,
      number_country)
    select ${accountId},
      case when ${inbound} then 'inbound' else 'outbound' end,
      'ended', 'bench', 'bench-' || n,
      case when ${inbound} then '+336' || (10000000 + (n * 7919) % 200000) else ${didNumber(`${m} % ${DIDS}`)} end,
      null, 'allowed_passed_screen',
      case when ${inbound} then ${didNumber(`${m} % ${DIDS}`)} else '+44' || (7700000000 + (${m} * 104729) % 100000) end,
      case when ${inbound} then ${firstNumberId} + ${m} % ${DIDS} else null end,
      '0000000000000000000000000000' || (1000 + ${m} % 20),
      'App ' || (${m} % 20),
      ${dialect.time(start)},
      case when ${answered} then ${dialect.time(`${start} + 3`)} else null end,
      case when ${answered} then ${dialect.time(`${start} + 3 + ${talk}`)} else ${dialect.time(`${start} + 20`)} end,
      case when ${answered} then 3 + ${talk} else 20 end,
      case when ${answered} then ${talk} else 0 end,
      16, 'CALLER', '${TIMELINE}', null, 'ACTIONS10',
      case when ${inbound} then ${country(m)} else 'FR' end,
      case when ${inbound} then 'FR' else ${country(`(${m} * 3)`)} end
    from seq`;
  await sql`${dialect.rows(first, last)}${sql.raw(select)}`.execute(db);
}

async function insertSms(db: Db, dialect: Dialect, accountId: number, total: number): Promise<void> {
  const spacing = MONTH_S / total;
  const at = dialect.time(`(${MONTH_START_S} + n * ${spacing})`);
  const select = `
    insert into sms_messages (id, account_id, type, from_address, to_number, text, encoding, parts, status,
      status_error, nature, call_id, user_data, created_at, updated_at, sent_at, received_at)
    select ${dialect.hash8('n')}, ${accountId},
      case when n % 4 = 0 then 'IN' else 'OUT' end, 'SMS', '+33612' || (100000 + n % 50000), 'Hello',
      'GSM', 1 + n % 3,
      case n % 7 when 0 then 'ERROR' when 1 then 'PENDING' else 'SENT' end,
      null, 'ALERTING', null, null, ${at}, ${at}, null, null
    from seq`;
  await sql`${dialect.rows(1, total)}${sql.raw(select)}`.execute(db);
}

async function addDids(db: Db, accountId: number): Promise<number> {
  const now = new Date().toISOString();
  await db
    .insertInto('numbers')
    .values(
      Array.from({ length: DIDS }, (_, i) => ({
        number: `+3319000${1000 + i}`,
        hash: `B${String(i).padStart(7, '0')}`,
        account_id: accountId,
        scenario_id: null,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  const first = await db
    .selectFrom('numbers')
    .select((eb) => eb.fn.min<number>('id').as('id'))
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  return Number(first.id);
}

async function load(
  database: OpenDatabase,
  core: Core,
  calls: number,
  log: (line: string) => void,
): Promise<{ tenant: Tenant; otherTenantCalls: number; sms: number }> {
  const dialect = database.dialect === 'sqlite' ? SQLITE : POSTGRES;
  const account = await core.accounts.createAccount('bench');
  const other = await core.accounts.createAccount('other');
  const firstNumberId = await addDids(database.db, account.id);
  for (let first = 1; first <= calls; first += CHUNK) {
    const last = Math.min(calls, first + CHUNK - 1);
    await insertCalls(database.db, dialect, account.id, firstNumberId, first, last, calls);
    log(`  ${last.toLocaleString('en')} calls`);
  }
  // The other tenant's calls interleave in time with the measured tenant's, so every range holds both.
  const otherTenantCalls = Math.ceil(calls / 10);
  await insertCalls(database.db, dialect, other.id, firstNumberId, 1, otherTenantCalls, otherTenantCalls);
  const sms = Math.ceil(calls / 10);
  await insertSms(database.db, dialect, account.id, sms);
  // PostgreSQL's autovacuum would get here on its own: the visibility map lets scans stay in the index.
  if (database.dialect === 'postgres') await sql`vacuum analyze`.execute(database.db);
  return { tenant: { accountId: account.id, parentId: null }, otherTenantCalls, sms };
}

function range(fromS: number, seconds: number) {
  return { from: new Date(fromS * 1000), to: new Date((fromS + seconds - 1) * 1000) };
}

/** Each query with how many rows (hits, groups, buckets) it answered. */
function queries(core: Core, tenant: Tenant, calls: number): readonly [string, () => Promise<number>][] {
  // 10,000 at a million calls: a page deep in the month.
  const deep = Math.floor(calls / 100);
  const month = range(MONTH_START_S, MONTH_S);
  const day = range(MONTH_START_S + 14 * 86_400, 86_400);
  const twoDays = range(MONTH_START_S + 14 * 86_400, 2 * 86_400);
  const top = { ...month, sort: 'count', limit: 100 } as const;
  const page = { offset: 0, quantity: 50 };
  const counted = async (promise: Promise<{ hits: readonly unknown[]; total: number }>) => {
    const result = await promise;
    if (result.hits.length === 0) throw new Error('a benchmark search found nothing');
    return result.total;
  };
  const { cdr, analytics } = core;
  return [
    ['cdr search IN, month, page 1', () => counted(cdr.search(tenant, { type: 'IN', ...month }, page))],
    [
      `cdr search IN, month, page at offset ${deep.toLocaleString('en')}`,
      () => counted(cdr.search(tenant, { type: 'IN', ...month }, { offset: deep, quantity: 50 })),
    ],
    ['cdr search OUT, one day', () => counted(cdr.search(tenant, { type: 'OUT', ...day }, page))],
    [
      'cdr search IN by DID, month',
      () => counted(cdr.search(tenant, { type: 'IN', did: 'B0000007', ...month }, page)),
    ],
    [
      'cdr search OUT by app, month',
      () =>
        counted(cdr.search(tenant, { type: 'OUT', app: '00000000000000000000000000001003', ...month }, page)),
    ],
    [
      'cdr get IN by DID, one day',
      async () => (await cdr.get(tenant, { type: 'IN', did: 'B0000007', ...day })).length,
    ],
    ['calls summary, month', async () => (await analytics.calls.summary(tenant, month)).IN.count],
    ['calls history, month (daily)', async () => (await analytics.calls.history(tenant, month)).IN.length],
    [
      'calls history, 2 days (hourly)',
      async () => (await analytics.calls.history(tenant, twoDays)).IN.length,
    ],
    ['calls top apps IN, month', async () => (await analytics.calls.topApps(tenant, 'IN', top)).length],
    [
      'calls top apps OUT by aloc, month',
      async () => (await analytics.calls.topApps(tenant, 'OUT', { ...top, sort: 'aloc' })).length,
    ],
    ['calls inbound DIDs, month', async () => (await analytics.calls.inboundDids(tenant, top)).length],
    [
      'calls outbound countries, month',
      async () => (await analytics.calls.outboundCountries(tenant, top)).length,
    ],
    [
      'calls outbound destinations by duration, month',
      async () => (await analytics.calls.outboundDestinations(tenant, { ...top, sort: 'duration' })).length,
    ],
    ['calls CLI countries, month', async () => (await analytics.calls.cliCountries(tenant, top)).length],
    ['sms summary, month', async () => Number((await analytics.sms.summary(tenant, month)).OUT.count)],
    ['sms history, month (daily)', async () => (await analytics.sms.history(tenant, month)).OUT.length],
    [
      'sms summary out by status, month',
      async () => Object.keys(await analytics.sms.summaryOutByStatus(tenant, month)).length,
    ],
    [
      'sms history out by status, month',
      async () => Object.keys(await analytics.sms.historyOutByStatus(tenant, month)).length,
    ],
  ];
}

async function time(run: () => Promise<number>, runs: number): Promise<Omit<CdrQueryTiming, 'query'>> {
  const rows = await run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return {
    medianMs: samples[Math.floor(samples.length / 2)] ?? Number.NaN,
    maxMs: samples.at(-1) ?? Number.NaN,
    rows,
  };
}

export async function benchCdrQueries(
  engine: Engine,
  options: CdrQueryOptions = {},
): Promise<CdrQueryOutcome> {
  const calls = options.calls ?? 1_000_000;
  const runs = options.runs ?? 5;
  const log = options.log ?? (() => undefined);
  const cleanup = new Cleanup();
  const releaseSignals = cleanup.onSignals();
  try {
    const opened = await openBenchCore(engine, cleanup);
    if (!opened.ok) return { engine, status: 'skipped', reason: opened.skipped };
    const { database, core } = opened;
    log(`[${engine}] loading ${calls.toLocaleString('en')} calls`);
    const loadStarted = performance.now();
    const loaded = await load(database, core, calls, log);
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const timings: CdrQueryTiming[] = [];
    for (const [query, run] of queries(core, loaded.tenant, calls)) {
      const timing = { query, ...(await time(run, runs)) };
      log(`[${engine}] ${query}: median ${timing.medianMs.toFixed(1)} ms, max ${timing.maxMs.toFixed(1)} ms`);
      timings.push(timing);
    }
    return {
      engine,
      status: 'done',
      calls,
      otherTenantCalls: loaded.otherTenantCalls,
      sms: loaded.sms,
      loadSeconds,
      timings,
    };
  } finally {
    releaseSignals();
    await cleanup.run();
  }
}
