/**
 * Turns the scenario benchmark's figures into the three forms it is read in:
 * a terminal table, a Markdown page, and a JSON document for later
 * comparison. The goals are reported as met or not met, never asserted.
 */
import type { MachineFacts } from '../harness/machine.js';
import { markdownTable, textTable, type Table } from '../harness/table.js';
import type { CrmStats } from './crm-server.js';
import type { MemoryResult } from './memory.js';
import type { ScenarioOptions } from './options.js';
import type { CallFacts } from './simulation.js';
import type { PhaseResult } from './throughput.js';

/** The goals: 5,000 simulated calls/s on one core; under 20 KB per call in flight. */
export const GOAL_CALLS_PER_SECOND = 5_000;
/** 20 KB read as 20,000 bytes, the stricter reading (20 KiB would be 20,480). */
export const GOAL_BYTES_PER_CALL = 20_000;
/** The row the calls/s goal is judged on: the scenario as written, its Call API against the local server. */
export const GOAL_ROW_ID = 'real-http';

export interface ThroughputRow {
  readonly id: 'real-http' | 'fake-http';
  readonly label: string;
  readonly warmup: PhaseResult;
  /** Every measured phase, in the order run. */
  readonly rounds: readonly PhaseResult[];
  /** The round with the median calls/s: the row's figure. */
  readonly measured: PhaseResult;
}

/** The round with the median calls/s (the lower middle one of an even count). */
export function medianRound(rounds: readonly PhaseResult[]): PhaseResult {
  const sorted = [...rounds].sort((a, b) => a.callsPerSecond - b.callsPerSecond);
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  if (median === undefined) throw new Error('a throughput row needs at least one round');
  return median;
}

export interface Placement {
  /** CPUs the simulations run on, or null when unpinned. */
  readonly benchCpus: string | null;
  /** CPUs of the local CRM's process, or null when it floats. */
  readonly serverCpus: string | null;
}

export interface ScenarioFacts {
  /** The compiler's actionCount: actions in the script at every level. */
  readonly actionCount: number;
  readonly warnings: readonly string[];
  /** One call of the scripted path. */
  readonly perCall: CallFacts;
}

export interface ScenarioReport {
  readonly machine: MachineFacts;
  readonly options: ScenarioOptions;
  readonly httpConnections: number;
  readonly placement: Placement;
  readonly scenario: ScenarioFacts | null;
  readonly rows: readonly ThroughputRow[];
  readonly memory: MemoryResult | null;
  readonly crm: (CrmStats & { readonly expectedRequests: number }) | null;
  /** Why the run stopped early, when it did. */
  readonly aborted: string | null;
}

type Goal = 'met' | 'not met' | 'not measured';

const whole = (value: number): string => Math.round(value).toLocaleString('en-US');
const fixed = (value: number, digits: number): string => value.toFixed(digits);
const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} KB`;
const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

export function callsGoal(report: ScenarioReport): Goal {
  const row = report.rows.find((r) => r.id === GOAL_ROW_ID);
  if (row === undefined || row.measured.failed > 0) return 'not measured';
  return row.measured.callsPerSecond >= GOAL_CALLS_PER_SECOND ? 'met' : 'not met';
}

export function memoryGoal(report: ScenarioReport): Goal {
  const m = report.memory;
  if (m === null || m.parked < m.inFlight) return 'not measured';
  return m.heapBytesPerCall < GOAL_BYTES_PER_CALL ? 'met' : 'not met';
}

/** Everything that makes the run a failure: failed calls, CRM rejections, an aborted run. */
export function problems(report: ScenarioReport): string[] {
  const lines: string[] = [];
  if (report.aborted !== null) lines.push(`run aborted: ${report.aborted}`);
  const perCall = report.scenario?.perCall.actions;
  for (const row of report.rows) {
    const phases: [string, PhaseResult][] = [
      ['warm-up', row.warmup],
      ...row.rounds.map((round, index): [string, PhaseResult] => [`round ${index + 1}`, round]),
    ];
    for (const [phase, result] of phases) {
      for (const [reason, count] of Object.entries(result.failures))
        lines.push(`${row.label}, ${phase}: ${count} × ${reason}`);
      if (result.failed > Object.values(result.failures).reduce((sum, n) => sum + n, 0))
        lines.push(`${row.label}, ${phase}: ${result.failed} calls failed in all (first reasons above)`);
      if (perCall !== undefined && result.actions !== (result.calls - result.failed) * perCall)
        lines.push(
          `${row.label}, ${phase}: ${result.actions} actions, expected ${perCall} per successful call`,
        );
    }
  }
  const m = report.memory;
  if (m !== null) {
    if (m.parked < m.inFlight)
      lines.push(`memory: only ${m.parked} of ${m.inFlight} calls parked in the Call API`);
    for (const [reason, count] of Object.entries(m.failures)) lines.push(`memory: ${count} × ${reason}`);
    if (m.failed > 0) lines.push(`memory: ${m.failed} of ${m.inFlight} calls did not complete as scripted`);
  }
  const crm = report.crm;
  if (crm !== null) {
    if (crm.rejected > 0)
      lines.push(`local CRM rejected ${crm.rejected} requests, first: ${crm.firstRejection}`);
    if (crm.requests !== crm.expectedRequests)
      lines.push(`local CRM received ${crm.requests} Call API requests, expected ${crm.expectedRequests}`);
  }
  return lines;
}

function throughputTable(report: ScenarioReport): Table {
  return {
    headers: [
      'Call API client',
      'calls',
      'seconds',
      'calls/s',
      'each round',
      'actions/s',
      'CPU %',
      'loop %',
      'GC %',
      'failed',
      'goal',
    ],
    rows: report.rows.map((row) => {
      const m = row.measured;
      return [
        row.label,
        whole(m.calls),
        fixed(m.wallSeconds, 2),
        whole(m.callsPerSecond),
        row.rounds.map((round) => whole(round.callsPerSecond)).join(' / '),
        whole(m.actionsPerSecond),
        fixed(m.cpuPercent, 0),
        fixed(m.eventLoopPercent, 0),
        fixed(m.gcPercent, 0),
        whole(m.failed),
        row.id === GOAL_ROW_ID ? callsGoal(report) : '(reference)',
      ];
    }),
    numeric: new Set([1, 2, 3, 5, 6, 7, 8, 9]),
  };
}

function memoryTable(memory: MemoryResult, goal: Goal): Table {
  return {
    headers: [
      'in flight',
      'heap/call',
      'RSS/call',
      'heap before',
      'heap parked',
      'heap after release',
      'parked',
      'completed',
      'goal',
    ],
    rows: [
      [
        whole(memory.inFlight),
        `${whole(memory.heapBytesPerCall)} B`,
        `${whole(memory.rssBytesPerCall)} B`,
        mb(memory.heapUsedBefore),
        mb(memory.heapUsedParked),
        mb(memory.heapUsedAfter),
        whole(memory.parked),
        whole(memory.completed),
        goal,
      ],
    ],
    numeric: new Set([0, 1, 2, 3, 4, 5, 6, 7]),
  };
}

function machineLine(machine: MachineFacts): string {
  return (
    `Machine: ${machine.cpuCount} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, ${machine.os}; ` +
    `Node ${machine.node}; ${machine.date}; load average ${machine.loadAverage1m} at start`
  );
}

function placementLine(report: ScenarioReport): string {
  const { benchCpus, serverCpus } = report.placement;
  const bench =
    benchCpus === null
      ? 'Simulations: one process per row and one for memory, NOT pinned (taskset unavailable)'
      : `Simulations: one process per row and one for memory, each under \`taskset -c ${benchCpus}\` (one core)`;
  const server =
    serverCpus === null
      ? 'the local CRM (`node:http`) in a child process, not pinned'
      : `the local CRM (\`node:http\`) in a child process pinned to CPU ${serverCpus}, so it does not share the measured core`;
  return `${bench}, the engine from the TypeScript sources through tsx; ${server}.`;
}

function scenarioLine(report: ScenarioReport): string {
  const s = report.scenario;
  if (s === null) return 'Scenario: not compiled.';
  const warnings = s.warnings.length === 0 ? 'no lint warnings' : `lint: ${s.warnings.join(', ')}`;
  return (
    `Scenario: ${s.actionCount} actions (compiler actionCount, all levels; ${warnings}). ` +
    `The scripted caller's path runs ${s.perCall.actions} actions a call (menu twice via Go To, While ×3, ` +
    `For Each ×4, Call API, SMS), ${s.perCall.events} timeline events, ${fixed(s.perCall.virtualMs / 1000, 1)} s of virtual time.`
  );
}

function loadLine(report: ScenarioReport): string {
  const o = report.options;
  return (
    `Load: per row ${whole(o.warmup)} warm-up calls (discarded), then ${whole(o.rounds)} rounds of ` +
    `${whole(o.calls)} measured calls; a row shows its median round. ` +
    `${whole(o.concurrency)} at once. Real HTTP: createHttpExchangeClient() (undici, ` +
    `${report.httpConnections} connections, the production default). actions/s counts action.started events.`
  );
}

function memoryLine(report: ScenarioReport): string {
  const m = report.memory;
  if (m === null) return 'Memory: not measured.';
  return (
    `Memory: ${whole(m.inFlight)} calls started at once and parked inside the Call API (an HTTP client ` +
    `that holds every request), each holding ${fixed(m.eventsHeldPerCall, 0)} timeline events; heapUsed after ` +
    `two global.gc() passes, before and while parked, over the count (${fixed(m.parkSeconds, 2)} s to park all). ` +
    `external + arrayBuffers per call: ${whole(m.externalBytesPerCall)} B; RSS is process-wide and also moves ` +
    `with the heap the process reserved, so read it as indicative. Then released: ` +
    `${whole(m.completed)} completed as scripted.`
  );
}

function goalLines(report: ScenarioReport): string[] {
  const real = report.rows.find((r) => r.id === 'real-http');
  const fake = report.rows.find((r) => r.id === 'fake-http');
  const rate = (row: ThroughputRow | undefined): string =>
    row === undefined ? 'not run' : `${whole(row.measured.callsPerSecond)} calls/s`;
  const m = report.memory;
  return [
    `${whole(GOAL_CALLS_PER_SECOND)} simulated calls/s on one core (Call API to the local server): ` +
      `${callsGoal(report)} (${rate(real)}; engine alone with the in-process fake: ${rate(fake)})`,
    `< ${kb(GOAL_BYTES_PER_CALL)} (${whole(GOAL_BYTES_PER_CALL)} B) heap per call in flight: ${memoryGoal(report)}` +
      (m === null
        ? ''
        : ` (${whole(m.heapBytesPerCall)} B = ${kb(m.heapBytesPerCall)}; RSS ${kb(m.rssBytesPerCall)})`),
  ];
}

export function renderText(report: ScenarioReport): string {
  const lines = [
    machineLine(report.machine),
    placementLine(report),
    scenarioLine(report),
    loadLine(report),
    '',
  ];
  if (report.rows.length > 0) lines.push(textTable(throughputTable(report)), '');
  lines.push(memoryLine(report));
  if (report.memory !== null) lines.push('', textTable(memoryTable(report.memory, memoryGoal(report))));
  lines.push('', 'Goals (measured against, not asserted):', ...goalLines(report).map((line) => `  ${line}`));
  const found = problems(report);
  if (found.length > 0) lines.push('', 'Problems:', ...found.map((line) => `  ${line}`));
  return `${lines.join('\n')}\n`;
}

export function renderMarkdown(report: ScenarioReport): string {
  const m = report.machine;
  const found = problems(report);
  return [
    `# Scenario engine benchmark, ${m.date}`,
    '',
    `- CPU: ${m.cpuCount} × ${m.cpuModel}`,
    `- Memory: ${m.memoryGiB} GiB; OS: ${m.os}; Node: ${m.node}`,
    `- Load average (1 min) at start: ${m.loadAverage1m}`,
    `- ${placementLine(report)}`,
    `- ${scenarioLine(report)}`,
    `- ${loadLine(report)}`,
    '- Rows: the same calls with the Call API going through the real HTTP client to the local server, ' +
      'and through an in-process fake that answers the same body at once (the engine without the HTTP stack). ' +
      'CPU % is the process’s user + system time over wall time; loop % is the event loop’s ' +
      'utilization (below 100 the main thread sat idle, every call waiting on the local server); GC % is the main thread’s ' +
      'garbage-collection pauses over wall time (V8’s helper threads, which share the core, not included).',
    '',
    ...(report.rows.length > 0 ? [markdownTable(throughputTable(report)), ''] : []),
    `- ${memoryLine(report)}`,
    '',
    ...(report.memory === null ? [] : [markdownTable(memoryTable(report.memory, memoryGoal(report))), '']),
    '## Goals (measured against, not asserted)',
    '',
    ...goalLines(report).map((line) => `- ${line}`),
    ...(found.length === 0 ? [] : ['', '## Problems', '', ...found.map((line) => `- ${line}`)]),
    '',
  ].join('\n');
}

export function toJson(report: ScenarioReport): unknown {
  return {
    benchmark: 'scenario',
    machine: report.machine,
    settings: { ...report.options, httpConnections: report.httpConnections },
    placement: report.placement,
    scenario: report.scenario,
    goals: {
      callsPerSecond: { target: GOAL_CALLS_PER_SECOND, row: GOAL_ROW_ID, result: callsGoal(report) },
      heapBytesPerCallInFlight: { below: GOAL_BYTES_PER_CALL, result: memoryGoal(report) },
    },
    throughput: report.rows,
    memory: report.memory,
    crm: report.crm,
    aborted: report.aborted,
    problems: problems(report),
  };
}
