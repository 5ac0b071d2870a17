/**
 * The SIP load benchmark's results in the forms they are read in: terminal tables, a Markdown
 * page and a JSON document, each with the machine facts, every step, the highest passing figures
 * and, beside them, the anchor (Asterisk 20 on one core of this machine type) and the goals.
 */
import type { MachineFacts } from '../harness/machine.js';
import type { LogEntry } from '../harness/server-log.js';
import { markdownTable, textTable, type Table } from '../harness/table.js';
import { JITTER_P99_LIMIT_MS, type ConcurrencyStepResult } from './concurrency-step.js';
import type { SipLoadOptions } from './options.js';
import type { RateStepResult } from './rate-step.js';

/** Asterisk 20 on one core of this machine type, the anchor. */
export const ANCHOR = { name: 'Asterisk 20', ratePerSecond: 65, concurrentCalls: 350 } as const;
/** The goals, measured against, never asserted. */
export const GOAL = { ratePerSecond: 130, concurrentCalls: 1000 } as const;

/** One ladder's outcome: its steps in order, or why it did not run. */
export type Ladder<Step> =
  | { readonly status: 'measured'; readonly steps: readonly Step[] }
  | { readonly status: 'skipped'; readonly reason: string };

export interface SipLoadReport {
  readonly machine: MachineFacts;
  readonly options: SipLoadOptions;
  readonly placement: {
    readonly serverCpus: string | null;
    readonly loadGeneratorCpu: number | null;
    readonly build: 'dist' | 'sources' | null;
  };
  readonly warmup: RateStepResult | null;
  readonly rate: Ladder<RateStepResult>;
  readonly concurrency: Ladder<ConcurrencyStepResult>;
  readonly serverLog: readonly LogEntry[];
  readonly aborted: string | null;
}

const fixed = (value: number | null, digits = 0): string =>
  value === null || Number.isNaN(value) ? '-' : value.toFixed(digits);
const verdict = (problems: readonly string[]): string => (problems.length === 0 ? 'pass' : 'FAIL');

/** The last step of the passing run from the bottom: a ladder stops at its first failure. */
export function highestPassing<Step extends { readonly problems: readonly string[] }>(
  ladder: Ladder<Step>,
): Step | null {
  if (ladder.status === 'skipped') return null;
  let best: Step | null = null;
  for (const step of ladder.steps) {
    if (step.problems.length > 0) break;
    best = step;
  }
  return best;
}

function rateTable(steps: readonly RateStepResult[]): Table {
  return {
    headers: ['calls/s', 'calls', 'ok', 'failed', 'digits right', 'prompt late p50/p99 ms'].concat([
      'Voxgate CPU %',
      'core 0 %',
      'core 1 %',
      'RSS MiB',
      'CDRs',
      'result',
    ]),
    rows: steps.map((s) => [
      String(s.ratePerSecond),
      String(s.callsOffered),
      String(s.callsSucceeded),
      String(s.callsFailed),
      String(s.digitsRight),
      `${fixed(s.promptLatenessMs.p50)}/${fixed(s.promptLatenessMs.p99)}`,
      fixed(s.serverCpuPercent),
      fixed(s.serverCoreBusyPercent),
      fixed(s.loadCoreBusyPercent),
      fixed(s.serverRssMiB),
      String(s.callRecords.total),
      verdict(s.problems),
    ]),
    numeric: new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
  };
}

function concurrencyRow(s: ConcurrencyStepResult): string[] {
  const judged = s.capture.ok ? s.capture.value : s.rtp;
  const jitter = judged.jitter;
  return [
    String(s.count),
    String(s.callsSucceeded),
    String(s.callsFailed),
    String(s.rtp.streamsStarted),
    String(s.rtp.packetsReceived),
    String(s.rtp.packetsLost),
    `${fixed(jitter.p50Ms, 2)}/${fixed(jitter.p99Ms, 2)}/${fixed(jitter.maxMs, 1)}`,
    s.jitterSource,
    s.capture.ok
      ? `${fixed(s.capture.value.rfc3550JitterMs.mean, 2)}/${fixed(s.capture.value.rfc3550JitterMs.max, 2)}`
      : '-',
    fixed(s.rtp.jitter.p99Ms, 2),
    String(judged.timestampJumps),
    fixed(s.serverCpuPercent),
    fixed(s.serverCoreBusyPercent),
    fixed(s.loadCoreBusyPercent),
    fixed(s.rtp.peerCpuPercent),
    fixed(s.serverRssMiB),
    verdict(s.problems),
  ];
}

function concurrencyTable(steps: readonly ConcurrencyStepResult[]): Table {
  return {
    headers: ['calls', 'ok', 'failed', 'streams', 'packets', 'lost', 'jitter p50/p99/max ms', 'from']
      .concat([
        'RFC 3550 J mean/max ms',
        'peer p99 ms',
        'skipped ticks',
        'Voxgate CPU %',
        'core 0 %',
        'core 1 %',
        'peer CPU %',
      ])
      .concat(['RSS MiB', 'result']),
    rows: steps.map(concurrencyRow),
    numeric: new Set([0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15]),
  };
}

function rateSummary(report: SipLoadReport): string {
  if (report.rate.status === 'skipped') return `IVR rate: not measured (${report.rate.reason})`;
  const best = highestPassing(report.rate);
  const held =
    best === null
      ? 'no step passed'
      : `${best.ratePerSecond} calls/s held ${report.options.durationSeconds} s with Voxgate at ${fixed(best.serverCpuPercent)} % of a core`;
  return `IVR rate: ${held} (anchor ${ANCHOR.name}: ${ANCHOR.ratePerSecond} calls/s; goal ${GOAL.ratePerSecond} calls/s)`;
}

function concurrencySummary(report: SipLoadReport): string {
  if (report.concurrency.status === 'skipped')
    return `Concurrency: not measured (${report.concurrency.reason})`;
  const best = highestPassing(report.concurrency);
  const held =
    best === null
      ? 'no step passed'
      : `${best.count} calls, 0 % loss, p99 jitter ${fixed(best.jitterP99Ms, 2)} ms, Voxgate at ${fixed(best.serverCpuPercent)} % of a core`;
  return `Concurrency: ${held} (anchor ${ANCHOR.name}: ${ANCHOR.concurrentCalls} calls; goal ${GOAL.concurrentCalls} calls)`;
}

function placementLine(report: SipLoadReport): string {
  const { serverCpus, loadGeneratorCpu, build } = report.placement;
  const server = serverCpus === null ? 'not pinned' : `pinned to CPU ${serverCpus}`;
  const generator = loadGeneratorCpu === null ? 'not pinned' : `pinned to CPU ${loadGeneratorCpu}`;
  const how = build === null ? '' : ` (${build === 'dist' ? 'dist build' : 'sources through tsx'})`;
  return `Voxgate${how} ${server}; SIPp and the RTP peer ${generator} (taskset).`;
}

function methodLines(options: SipLoadOptions): string[] {
  return [
    `IVR rate: each step places rate × ${options.durationSeconds} s calls (Say + Collect + If + Play + Hang-up), ` +
      'digits 1 and 2 alternating as RFC 4733 events after 2 s of PCMU speech; a call passes only if ' +
      'Voxgate’s BYE comes in its digit’s branch window (short or long final prompt). A step passes with ' +
      '0 failed calls, every digit right and every CDR ended by Voxgate. CPU: steady state.',
    `Concurrency: calls set up at ${options.rampRate} calls/s and held until all are up for ` +
      `${options.durationSeconds} s; Voxgate plays a prompt, the RTP peer sends PCMU back and measures ` +
      'Voxgate’s streams at its sockets: loss per RFC 3550 A.3. Jitter = |arrival delta - 20 ms| of ' +
      'consecutive packets while all calls are up, from a dumpcap capture of Voxgate’s outgoing RTP on lo ' +
      '(kernel time stamps, "from: capture"), else from the peer’s own arrival times ("from: peer", which ' +
      'include the peer’s event-loop delays; "peer p99" shows them beside). "RFC 3550 J" is the smoothed ' +
      'interarrival jitter an RTCP receiver would report, for comparison. A step passes with every call up, ' +
      `0 loss and p99 jitter < ${JITTER_P99_LIMIT_MS} ms. CPU: over that window. "core 1 %" near 100 means ` +
      'the load generator, not Voxgate, was the limit.',
    'Each ladder stops at its first failing step.',
  ];
}

function problemLines(report: SipLoadReport): string[] {
  const lines: string[] = [];
  if (report.aborted !== null) lines.push(`run aborted: ${report.aborted}`);
  const steps: { label: string; problems: readonly string[]; errors: RateStepResult['sippErrors'] }[] = [];
  if (report.warmup !== null)
    steps.push({ label: 'warm-up', problems: report.warmup.problems, errors: report.warmup.sippErrors });
  if (report.rate.status === 'measured')
    for (const s of report.rate.steps)
      steps.push({ label: `${s.ratePerSecond} calls/s`, problems: s.problems, errors: s.sippErrors });
  if (report.concurrency.status === 'measured')
    for (const s of report.concurrency.steps) {
      steps.push({ label: `${s.count} concurrent`, problems: s.problems, errors: s.sippErrors });
      if (!s.capture.ok) lines.push(`${s.count} concurrent: jitter from the peer: ${s.capture.reason}`);
      else if (s.capture.dropped !== null && s.capture.dropped > 0)
        lines.push(`${s.count} concurrent: the capture dropped ${s.capture.dropped} packets`);
    }
  for (const step of steps.filter((s) => s.problems.length > 0)) {
    lines.push(`${step.label}: ${step.problems.join('; ')}`);
    for (const error of step.errors) lines.push(`${step.label}: SIPp: ${error.count} × ${error.message}`);
  }
  for (const entry of report.serverLog) lines.push(`server log: ${entry.count} × ${entry.message}`);
  return lines;
}

function machineLine(m: MachineFacts): string {
  return `${m.cpuCount} × ${m.cpuModel}, ${m.memoryGiB} GiB, ${m.os}; Node ${m.node}; load average ${m.loadAverage1m} at start`;
}

function tables(report: SipLoadReport, render: (table: Table) => string): string[] {
  const out: string[] = [];
  if (report.rate.status === 'measured') out.push('IVR rate', '', render(rateTable(report.rate.steps)), '');
  if (report.concurrency.status === 'measured')
    out.push('Concurrency', '', render(concurrencyTable(report.concurrency.steps)), '');
  return out;
}

export function renderText(report: SipLoadReport): string {
  const found = problemLines(report);
  return [
    `Machine: ${machineLine(report.machine)}`,
    placementLine(report),
    '',
    ...tables(report, textTable),
    rateSummary(report),
    concurrencySummary(report),
    ...(found.length === 0 ? [] : ['', 'Problems:', ...found.map((line) => `  ${line}`)]),
    '',
  ].join('\n');
}

export function renderMarkdown(report: SipLoadReport): string {
  const found = problemLines(report);
  const section = (title: string, table: Table): string[] => [`## ${title}`, '', markdownTable(table), ''];
  return [
    `# SIP load benchmark, ${report.machine.date}`,
    '',
    `- Machine: ${machineLine(report.machine)}`,
    `- ${placementLine(report)}`,
    ...methodLines(report.options).map((line) => `- ${line}`),
    '',
    '## Highest passing steps',
    '',
    `- ${rateSummary(report)}`,
    `- ${concurrencySummary(report)}`,
    '',
    ...(report.rate.status === 'measured' ? section('IVR rate', rateTable(report.rate.steps)) : []),
    ...(report.concurrency.status === 'measured'
      ? section('Concurrency', concurrencyTable(report.concurrency.steps))
      : []),
    ...(found.length === 0 ? [] : ['## Problems', '', ...found.map((line) => `- ${line}`), '']),
  ].join('\n');
}

export function toJson(report: SipLoadReport): unknown {
  return {
    benchmark: 'sip-load',
    ...report,
    anchor: ANCHOR,
    goal: GOAL,
    jitterP99LimitMs: JITTER_P99_LIMIT_MS,
    highestPassing: {
      ratePerSecond: highestPassing(report.rate)?.ratePerSecond ?? null,
      concurrentCalls: highestPassing(report.concurrency)?.count ?? null,
    },
  };
}

/** True when the run could not measure: it aborted, or a ladder's lowest step failed. */
export function runFailed(report: SipLoadReport): boolean {
  const bottomFailed = (ladder: Ladder<{ readonly problems: readonly string[] }>): boolean =>
    ladder.status === 'measured' && ladder.steps.length > 0 && highestPassing(ladder) === null;
  return report.aborted !== null || bottomFailed(report.rate) || bottomFailed(report.concurrency);
}
