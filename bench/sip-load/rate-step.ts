/**
 * One step of the IVR rate ladder: SIPp places `rate × duration` calls of `ivr-call.xml` at `rate`
 * calls per second to a number of its own, half with digit 1 and half with digit 2, and the step
 * passes when every call succeeded (SIPp checked each call's branch by its BYE time), every call's
 * logged timing fits its digit's branch, and the CDRs show every call ended by Voxgate.
 *
 * Voxgate's CPU is measured in the steady state: from one call length after the first call (calls
 * are then starting and ending at the offered rate) to the last call placed.
 */
import type { Cleanup } from '../harness/cleanup.js';
import { percentile } from '../harness/percentile.js';
import { BENCH_DIGITS } from './caller-audio.js';
import { parseIvrCallLog, promptLatenessMs } from './ivr-call-log.js';
import {
  CALLER_NUMBER,
  isSippVerdict,
  SIPP_SCENARIO,
  startSippRun,
  summarizeSippErrors,
  type ErrorCount,
} from './sipp-run.js';
import { settledCallRecords } from './settled-call-records.js';
import { StepCpu, type StepCpuReading } from './step-cpu.js';
import type { CallRecordCounts, VoxgateApi } from './voxgate-api.js';

/** About one IVR call, ACK to BYE (2 s to the digit, then a 1.5 or 3.5 s prompt), plus setup. */
const IVR_CALL_MS = 6_000;
/** SIPp's whole-run bound past the last call's start. */
const RUN_MARGIN_MS = 60_000;

export interface RateStepSettings {
  readonly ratePerSecond: number;
  readonly durationSeconds: number;
  /** The number dialled, E.164 with `+`, routed to the IVR scenario and used by this step only. */
  readonly number: string;
  readonly sipPort: number;
  /** Holds the caller audio pcaps; SIPp's files go in a folder inside. */
  readonly workDir: string;
  readonly serverPid: number | null;
  readonly api: VoxgateApi;
}

export interface RateStepResult extends StepCpuReading {
  readonly ratePerSecond: number;
  readonly callsOffered: number;
  readonly callsSucceeded: number;
  readonly callsFailed: number;
  /** Calls whose digit-to-BYE time fits their digit's branch. */
  readonly digitsRight: number;
  /** How late the final prompts ended, over the calls with the right digit. */
  readonly promptLatenessMs: { readonly p50: number; readonly p99: number; readonly max: number };
  readonly callRecords: CallRecordCounts;
  readonly sippExitCode: number | null;
  readonly sippErrors: readonly ErrorCount[];
  /** Empty when the step passed. */
  readonly problems: readonly string[];
}

function injectionRows(number: string, calls: number): string[][] {
  // Alternate the digits so both branches run at every rate.
  return Array.from({ length: calls }, (_, index) => [
    number.slice(1),
    CALLER_NUMBER,
    BENCH_DIGITS[index % BENCH_DIGITS.length]!,
  ]);
}

function summarizeLateness(values: number[]): RateStepResult['promptLatenessMs'] {
  const sorted = Float64Array.from(values).sort();
  return {
    p50: Math.round(percentile(sorted, 50)),
    p99: Math.round(percentile(sorted, 99)),
    max: Math.round(sorted.at(-1) ?? NaN),
  };
}

/**
 * Measures CPU in the steady state: from one call length in (calls now end as fast as they start)
 * to the last call placed; a step shorter than two call lengths starts halfway through its offer.
 */
function steadyStateCpu(settings: RateStepSettings, offerMs: number): { cpu: StepCpu; stop: () => void } {
  const cpu = new StepCpu(settings.serverPid);
  const begin = setTimeout(() => cpu.begin(), Math.min(IVR_CALL_MS, offerMs / 2));
  const end = setTimeout(() => cpu.end(), offerMs);
  return {
    cpu,
    stop: () => {
      clearTimeout(begin);
      clearTimeout(end);
      cpu.end();
    },
  };
}

function problemsOf(result: Omit<RateStepResult, 'problems'>): string[] {
  const problems: string[] = [];
  const offered = result.callsOffered;
  if (!isSippVerdict(result.sippExitCode))
    problems.push(`SIPp exited ${result.sippExitCode ?? 'on a signal'}`);
  if (result.callsFailed > 0 || result.callsSucceeded !== offered)
    problems.push(`${result.callsFailed} failed, ${result.callsSucceeded} of ${offered} succeeded`);
  if (result.digitsRight !== offered)
    problems.push(`${result.digitsRight} of ${offered} digits took their branch`);
  const records = result.callRecords;
  if (records.total !== offered) problems.push(`${records.total} CDRs for ${offered} calls`);
  if (records.live > 0) problems.push(`${records.live} CDRs still live`);
  if (records.hungUpByGateway !== records.total)
    problems.push(`${records.total - records.hungUpByGateway} calls not hung up by Voxgate`);
  return problems;
}

export async function runRateStep(settings: RateStepSettings, cleanup: Cleanup): Promise<RateStepResult> {
  const calls = settings.ratePerSecond * settings.durationSeconds;
  const offerMs = settings.durationSeconds * 1000;
  const sipp = await startSippRun(
    {
      scenario: SIPP_SCENARIO.ivrCall,
      workDir: settings.workDir,
      sipPort: settings.sipPort,
      injection: injectionRows(settings.number, calls),
      calls,
      ratePerSecond: settings.ratePerSecond,
      // Far above the calls a healthy server has open (rate × call length), so SIPp never holds back.
      concurrentCallLimit: Math.max(100, settings.ratePerSecond * 60),
      timeoutMs: offerMs + RUN_MARGIN_MS,
    },
    cleanup,
  );
  const steady = steadyStateCpu(settings, offerMs);
  const result = await sipp.done;
  steady.stop();
  const timings = parseIvrCallLog(result.logText);
  const lateness = timings.map(promptLatenessMs).filter((value) => value !== null);
  const measured = {
    ratePerSecond: settings.ratePerSecond,
    callsOffered: calls,
    callsSucceeded: result.successfulCalls,
    callsFailed: result.failedCalls,
    digitsRight: lateness.length,
    promptLatenessMs: summarizeLateness(lateness),
    ...steady.cpu.reading,
    callRecords: await settledCallRecords(settings.api, settings.number),
    sippExitCode: result.exitCode,
    sippErrors: summarizeSippErrors(result.errorLog),
  };
  return { ...measured, problems: problemsOf(measured) };
}
