/**
 * Turns the API benchmark's outcomes into the three forms it is read in: a
 * terminal table, a Markdown page, and a JSON document for later comparison.
 */
import type { Engine } from '../harness/database.js';
import type { MachineFacts } from '../harness/machine.js';
import type { LogEntry } from '../harness/server-log.js';
import { markdownTable, textTable, type Table } from '../harness/table.js';
import {
  GOAL_CASE_ID,
  GOAL_MIN_RATE_SHARE,
  GOAL_P99_MS,
  GOAL_RATE_PER_SECOND,
  describeCase,
  type ApiCase,
} from './cases.js';
import type { LoadSettings, Measurement } from './load.js';

export interface CaseResult {
  readonly apiCase: ApiCase;
  readonly measurement: Measurement;
  /** False when any answer was not 2xx or a connection failed. */
  readonly passed: boolean;
  /** Only on the goal's case. */
  readonly goal: 'met' | 'not met' | null;
}

export interface ServerFacts {
  readonly pinnedCpus: string | null;
  readonly build: 'dist' | 'sources';
}

export type EngineOutcome =
  | {
      readonly engine: Engine;
      readonly status: 'measured';
      readonly server: ServerFacts;
      readonly serverLog: readonly LogEntry[];
      readonly cases: readonly CaseResult[];
    }
  | { readonly engine: Engine; readonly status: 'skipped'; readonly reason: string }
  | {
      readonly engine: Engine;
      readonly status: 'failed';
      readonly error: string;
      readonly serverLog: readonly LogEntry[];
      readonly cases: readonly CaseResult[];
    };

export interface ApiReport {
  readonly machine: MachineFacts;
  readonly settings: LoadSettings & { readonly rateLimitPerMinute: number };
  readonly outcomes: readonly EngineOutcome[];
}

export const GOAL_TEXT = `GET /voxgate/v1/account p99 < ${GOAL_P99_MS} ms at ${GOAL_RATE_PER_SECOND.toLocaleString('en-US')} req/s`;

export function outcomeFailed(outcome: EngineOutcome): boolean {
  if (outcome.status === 'skipped') return false;
  return outcome.status === 'failed' || outcome.cases.some((result) => !result.passed);
}

const ms = (value: number): string => (Number.isNaN(value) ? '-' : value.toFixed(2));

function caseRow(engine: Engine, result: CaseResult): string[] {
  const m = result.measurement;
  return [
    engine,
    describeCase(result.apiCase),
    String(m.requestsPerSecond),
    ms(m.latencyMs.p50),
    ms(m.latencyMs.p90),
    ms(m.latencyMs.p99),
    String(m.non2xx),
    String(m.errors),
    result.goal ?? '',
    result.passed ? 'ok' : 'FAILED',
  ];
}

function resultsTable(outcomes: readonly EngineOutcome[]): Table {
  const rows: string[][] = [];
  for (const outcome of outcomes) {
    if (outcome.status === 'skipped') {
      rows.push([outcome.engine, '(skipped)', '', '', '', '', '', '', 'not measured', 'skipped']);
      continue;
    }
    rows.push(...outcome.cases.map((result) => caseRow(outcome.engine, result)));
    if (outcome.status === 'failed')
      rows.push([outcome.engine, '(run aborted)', '', '', '', '', '', '', '', 'FAILED']);
  }
  return {
    headers: ['engine', 'case', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'non-2xx', 'errors', 'goal', 'result'],
    rows,
    numeric: new Set([2, 3, 4, 5, 6, 7]),
  };
}

function placement(outcomes: readonly EngineOutcome[]): string {
  const measured = outcomes.find((outcome) => outcome.status === 'measured');
  if (measured === undefined) return 'No server ran.';
  const { pinnedCpus, build } = measured.server;
  const how = `\`node bin/voxgate.js serve\` (${build === 'dist' ? 'the dist build' : 'the sources through tsx'})`;
  return pinnedCpus === null
    ? `Server: ${how}, not pinned (taskset unavailable), so it shares every core with autocannon.`
    : `Server: ${how}, pinned to CPU ${pinnedCpus} with taskset. autocannon runs unpinned in the benchmark ` +
        'process and so shares the other core (with the PostgreSQL server too, on that engine).';
}

function problems(outcomes: readonly EngineOutcome[]): string[] {
  const lines: string[] = [];
  for (const outcome of outcomes) {
    if (outcome.status === 'skipped') lines.push(`${outcome.engine}: skipped: ${outcome.reason}`);
    if (outcome.status === 'failed') lines.push(`${outcome.engine}: run aborted: ${outcome.error}`);
    if (outcome.status === 'skipped') continue;
    for (const result of outcome.cases.filter((r) => !r.passed)) {
      const m = result.measurement;
      lines.push(
        `${outcome.engine}: ${describeCase(result.apiCase)} FAILED: ${m.non2xx} non-2xx, ${m.errors} errors ` +
          `(${m.timeouts} timeouts); status codes ${JSON.stringify(m.statusCodes)}`,
      );
    }
    for (const entry of outcome.serverLog) {
      const when = entry.firstAt === null ? '' : `, first at ${entry.firstAt}`;
      lines.push(`${outcome.engine}: server log: ${entry.count} × ${entry.message}${when}`);
    }
  }
  return lines;
}

function goalLines(outcomes: readonly EngineOutcome[]): string[] {
  return outcomes.map((outcome) => {
    if (outcome.status === 'skipped') return `${outcome.engine}: not measured`;
    const result = outcome.cases.find((r) => r.apiCase.id === GOAL_CASE_ID);
    if (result === undefined) return `${outcome.engine}: not measured`;
    const m = result.measurement;
    return `${outcome.engine}: ${result.goal ?? 'not measured'} (p99 ${ms(m.latencyMs.p99)} ms at ${m.requestsPerSecond} req/s)`;
  });
}

function settingsLine(report: ApiReport): string {
  const s = report.settings;
  return (
    `Load: autocannon, ${s.connections} connections; each case ${s.warmupSeconds} s warm-up (discarded), ` +
    `then ${s.durationSeconds} s measured. Server rate limit raised to ${s.rateLimitPerMinute.toLocaleString('en-US')}/min.`
  );
}

function machineLine(machine: MachineFacts): string {
  return (
    `Machine: ${machine.cpuCount} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, ${machine.os}; ` +
    `Node ${machine.node}; ${machine.date}; load average ${machine.loadAverage1m} at start`
  );
}

export function renderText(report: ApiReport): string {
  const lines = [
    machineLine(report.machine),
    settingsLine(report),
    placement(report.outcomes),
    '',
    textTable(resultsTable(report.outcomes)),
    '',
    `Goal (${GOAL_TEXT}):`,
    ...goalLines(report.outcomes).map((line) => `  ${line}`),
  ];
  const found = problems(report.outcomes);
  if (found.length > 0) lines.push('', 'Problems:', ...found.map((line) => `  ${line}`));
  return `${lines.join('\n')}\n`;
}

export function renderMarkdown(report: ApiReport): string {
  const m = report.machine;
  const found = problems(report.outcomes);
  return [
    `# API benchmark, ${m.date}`,
    '',
    `- CPU: ${m.cpuCount} × ${m.cpuModel}`,
    `- Memory: ${m.memoryGiB} GiB; OS: ${m.os}; Node: ${m.node}`,
    `- Load average (1 min) at start: ${m.loadAverage1m}`,
    `- ${settingsLine(report)}`,
    `- ${placement(report.outcomes)}`,
    '- Latency: every response timed individually, nearest-rank percentiles, in milliseconds. ' +
      'req/s is autocannon’s mean of its per-second counts.',
    `- Goal: ${GOAL_TEXT}, measured on the fixed-rate row (met only when at least ` +
      `${GOAL_MIN_RATE_SHARE * 100} % of that rate was sustained with no non-2xx answers). ` +
      'autocannon meets a rate as a quota per second: each second’s requests are sent back-to-back on ' +
      'all connections and the rest of the second is idle, so that row measures bursts at full concurrency.',
    '',
    markdownTable(resultsTable(report.outcomes)),
    '',
    '## Goal',
    '',
    ...goalLines(report.outcomes).map((line) => `- ${line}`),
    ...(found.length === 0
      ? []
      : ['', '## Problems', '', ...found.map((line) => `- ${line.replaceAll('\n', '\n  ')}`)]),
    '',
  ].join('\n');
}

export function toJson(report: ApiReport): unknown {
  return {
    benchmark: 'api',
    machine: report.machine,
    settings: report.settings,
    goal: {
      text: GOAL_TEXT,
      caseId: GOAL_CASE_ID,
      p99Ms: GOAL_P99_MS,
      ratePerSecond: GOAL_RATE_PER_SECOND,
      minimumRateShare: GOAL_MIN_RATE_SHARE,
    },
    engines: report.outcomes.map((outcome) =>
      outcome.status === 'skipped'
        ? outcome
        : {
            ...outcome,
            cases: outcome.cases.map((result) => ({
              id: result.apiCase.id,
              case: describeCase(result.apiCase),
              ...result.measurement,
              passed: result.passed,
              goal: result.goal,
            })),
          },
    ),
  };
}
