/**
 * The SIP load benchmark (`npm run bench -- sip-load`): the real server (`voxgate serve`) pinned
 * to CPU 0, SIPp (Debian's sip-tester) and our RTP peer pinned to CPU 1, as the anchor measurement
 * (Asterisk 20: 65 calls/s, 350 concurrent calls on one core) was made.
 *
 * - IVR rate (sip-load/rate-step.ts): Say + Collect + If + Play + Hang-up calls with G.711 speech
 *   and an RFC 4733 digit, every call's branch checked; the rate steps up until a step has a
 *   failed call or a wrong digit.
 * - Concurrency (sip-load/concurrency-step.ts): calls held with RTP both ways, stepping up the
 *   count until a step loses RTP or its p99 jitter reaches 2 ms.
 *
 * Results go to bench/results/ as JSON and Markdown. The goals (130 calls/s, 1,000 calls) are
 * reported, never asserted; the exit code is 1 only when the run could not measure.
 */
import { Cleanup } from './harness/cleanup.js';
import { machineFacts } from './harness/machine.js';
import { writeResults } from './harness/results.js';
import type { RunningVoxgate } from './harness/server.js';
import { summarizeLog } from './harness/server-log.js';
import { missingTools, prepareRun, RTP_PORT_RANGE, type BenchSetup } from './sip-load/bench-setup.js';
import { holdMsFor, runConcurrencyStep, type ConcurrencyStepResult } from './sip-load/concurrency-step.js';
import { pinLoadGenerator } from './sip-load/load-generator-pinning.js';
import {
  CONCURRENCY_STEPS,
  RATE_STEPS_PER_SECOND,
  SIP_LOAD_USAGE,
  UsageError,
  parseSipLoadOptions,
  stepsBetween,
  type SipLoadOptions,
} from './sip-load/options.js';
import { runRateStep, type RateStepResult } from './sip-load/rate-step.js';
import {
  renderMarkdown,
  renderText,
  runFailed,
  toJson,
  type Ladder,
  type SipLoadReport,
} from './sip-load/report.js';

/** A few calls before the ladders, so text-to-speech and the prompt cache are warm. */
const WARMUP = { ratePerSecond: 2, durationSeconds: 3 } as const;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A fresh number per step, so each step's CDRs are counted apart: +3317 PART STEP (E.164). */
function stepNumber(part: 0 | 1 | 2, step: number): string {
  return `+3317${part}${String(step).padStart(4, '0')}`;
}

async function runLadder<Step extends { readonly problems: readonly string[] }>(
  label: string,
  values: readonly number[],
  run: (value: number, index: number) => Promise<Step>,
): Promise<Step[]> {
  const steps: Step[] = [];
  for (const [index, value] of values.entries()) {
    process.stderr.write(`[${label}] ${value}: running\n`);
    const step = await run(value, index);
    steps.push(step);
    const outcome = step.problems.length === 0 ? 'pass' : `FAIL: ${step.problems.join('; ')}`;
    process.stderr.write(`[${label}] ${value}: ${outcome}\n`);
    if (step.problems.length > 0) break;
  }
  return steps;
}

function rateStep(setup: BenchSetup, options: SipLoadOptions, cleanup: Cleanup) {
  return async (ratePerSecond: number, index: number, part: 0 | 1 = 1): Promise<RateStepResult> => {
    const number = stepNumber(part, index);
    await setup.api.routeNumber(number, setup.ivrScenarioId);
    const durationSeconds = part === 0 ? WARMUP.durationSeconds : options.durationSeconds;
    const { sipPort, workDir, serverPid, api } = setup;
    return runRateStep({ ratePerSecond, durationSeconds, number, sipPort, workDir, serverPid, api }, cleanup);
  };
}

function concurrencyStep(setup: BenchSetup, options: SipLoadOptions, cleanup: Cleanup) {
  return async (count: number, index: number): Promise<ConcurrencyStepResult> => {
    const number = stepNumber(2, index);
    await setup.api.routeNumber(number, setup.holdScenarioId);
    const { sipPort, workDir, audioFile, serverPid, api } = setup;
    const { durationSeconds, rampRate: rampRatePerSecond } = options;
    return runConcurrencyStep(
      {
        count,
        durationSeconds,
        rampRatePerSecond,
        number,
        sipPort,
        workDir,
        audioFile,
        serverPid,
        api,
        rtpPorts: RTP_PORT_RANGE,
      },
      cleanup,
    );
  };
}

/** SIPp replays pcaps (the callers' audio and digits) on a raw socket, which takes root. */
function rateSkipReason(): string | null {
  return process.getuid?.() === 0
    ? null
    : 'needs root: SIPp replays the callers’ audio and digits on a raw socket';
}

async function measureRate(setup: BenchSetup, options: SipLoadOptions, cleanup: Cleanup) {
  const run = rateStep(setup, options, cleanup);
  process.stderr.write(`[warm-up] ${WARMUP.ratePerSecond} calls/s for ${WARMUP.durationSeconds} s\n`);
  const warmup = await run(WARMUP.ratePerSecond, 0, 0);
  const values = stepsBetween(RATE_STEPS_PER_SECOND, options.minRate, options.maxRate);
  const steps = await runLadder('rate', values, (value, index) => run(value, index));
  return { warmup, steps };
}

/**
 * Runs one ladder against a server of its own (fresh database, fresh process), stopped before
 * the next ladder starts: the concurrency figures must not carry the rate ladder's heap or its
 * last step's unfinished calls.
 */
async function withOwnServer(
  options: SipLoadOptions,
  cleanup: Cleanup,
  report: Mutable<SipLoadReport>,
  servers: RunningVoxgate[],
  run: (setup: BenchSetup, ladderCleanup: Cleanup) => Promise<void>,
): Promise<void> {
  const ladderCleanup = new Cleanup();
  // Cleanup.run() is idempotent: on a signal this stops the ladder's server with everything else.
  cleanup.defer('stop the ladder', () => ladderCleanup.run());
  try {
    const concurrencyValues = stepsBetween(CONCURRENCY_STEPS, options.minConcurrency, options.maxConcurrency);
    const longestCall = holdMsFor(Math.max(...concurrencyValues), options.durationSeconds, options.rampRate);
    const setup = await prepareRun(longestCall, ladderCleanup);
    servers.push(setup.server);
    report.placement = {
      ...report.placement,
      serverCpus: setup.server.pinnedCpus,
      build: setup.server.build,
    };
    await run(setup, ladderCleanup);
  } finally {
    await ladderCleanup.run();
  }
}

async function measure(
  options: SipLoadOptions,
  cleanup: Cleanup,
  report: Mutable<SipLoadReport>,
  servers: RunningVoxgate[],
): Promise<void> {
  if (options.only !== 'concurrency') {
    const skip = rateSkipReason();
    if (skip !== null) report.rate = { status: 'skipped', reason: skip };
    else
      await withOwnServer(options, cleanup, report, servers, async (setup, ladderCleanup) => {
        const { warmup, steps } = await measureRate(setup, options, ladderCleanup);
        report.warmup = warmup;
        report.rate = { status: 'measured', steps };
      });
  }
  if (options.only !== 'rate') {
    const values = stepsBetween(CONCURRENCY_STEPS, options.minConcurrency, options.maxConcurrency);
    await withOwnServer(options, cleanup, report, servers, async (setup, ladderCleanup) => {
      const steps = await runLadder('concurrency', values, concurrencyStep(setup, options, ladderCleanup));
      report.concurrency = { status: 'measured', steps };
    });
  }
}

function initialReport(
  options: SipLoadOptions,
  date: Date,
  loadGeneratorCpu: number | null,
): Mutable<SipLoadReport> {
  const notRun = (reason: string): Ladder<never> => ({ status: 'skipped', reason });
  return {
    machine: machineFacts(date),
    options,
    placement: { serverCpus: null, loadGeneratorCpu, build: null },
    warmup: null,
    rate: notRun(options.only === 'concurrency' ? '--only concurrency' : 'the run stopped before it'),
    concurrency: notRun(options.only === 'rate' ? '--only rate' : 'the run stopped before it'),
    serverLog: [],
    aborted: null,
  };
}

export async function main(args: readonly string[]): Promise<number> {
  let options;
  try {
    options = parseSipLoadOptions(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`bench sip-load: ${error.message}\n${SIP_LOAD_USAGE}\n`);
    return 2;
  }
  if (options === null) {
    process.stdout.write(`${SIP_LOAD_USAGE}\n`);
    return 0;
  }
  const missing = missingTools();
  if (missing.length > 0) {
    process.stderr.write(`bench sip-load: not run, missing ${missing.join(', ')}\n`);
    return 1;
  }
  const date = new Date();
  const pinning = pinLoadGenerator();
  const cleanup = new Cleanup();
  const releaseSignals = cleanup.onSignals();
  const report = initialReport(options, date, pinning.cpu);
  const servers: RunningVoxgate[] = [];
  try {
    await measure(options, cleanup, report, servers);
  } catch (error) {
    report.aborted = error instanceof Error ? error.message : String(error);
    process.stderr.write(`[sip-load] failed: ${report.aborted}\n`);
  } finally {
    await cleanup.run();
    releaseSignals();
    pinning.restore();
  }
  // After the stops, so whatever the servers logged while stopping is in it.
  report.serverLog = summarizeLog(servers.flatMap((server) => server.logLines()));
  process.stdout.write(`\n${renderText(report)}`);
  const files = await writeResults('sip-load', date, toJson(report), renderMarkdown(report));
  process.stdout.write(`\nResults: ${files.join(', ')}\n`);
  return runFailed(report) ? 1 : 0;
}
