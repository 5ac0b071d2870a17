/**
 * One SIPp run of a load step, through the SIPp runner the SIP tests use (test/helpers/sipp.ts):
 * a copy of one of this folder's scenarios, load-sized options (no message trace, a whole-run
 * bound past the step's length), stopped by the run's {@link Cleanup} if the benchmark is
 * interrupted. SIPp inherits the benchmark's CPU affinity: the load generator's core.
 */
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SIPP_EXIT, startSipp, type SippProcess } from '../../test/helpers/sipp.js';
import type { Cleanup } from '../harness/cleanup.js';

/** The SIPp scenarios of this folder. */
export const SIPP_SCENARIO = { ivrCall: 'ivr-call.xml', holdCall: 'hold-call.xml' } as const;
export type SippScenarioFile = (typeof SIPP_SCENARIO)[keyof typeof SIPP_SCENARIO];

const SCENARIO_DIR = fileURLToPath(new URL('./', import.meta.url));
/** Every benchmark call's caller: `[field1]` of the scenarios. */
export const CALLER_NUMBER = '33612345678';

export interface SippRunSettings {
  readonly scenario: SippScenarioFile;
  /** The run's folder: the scenario is copied here, beside the pcaps it plays. */
  readonly workDir: string;
  readonly sipPort: number;
  /** One row per call: `[field0];[field1];...` of the scenario. */
  readonly injection: readonly (readonly string[])[];
  readonly calls: number;
  readonly ratePerSecond: number;
  /** `-l`: most calls open at once. */
  readonly concurrentCallLimit: number;
  /** `-d`: the length of the scenario's `<pause/>` without a duration. */
  readonly pauseMs?: number;
  /** Whole-run bound; SIPp is killed a little after it. */
  readonly timeoutMs: number;
}

/**
 * Copies the scenario into the work folder (its relative `play_pcap_audio` paths then resolve
 * there) and starts SIPp calling Voxgate on loopback.
 */
export async function startSippRun(settings: SippRunSettings, cleanup: Cleanup): Promise<SippProcess> {
  const scenarioFile = path.join(settings.workDir, settings.scenario);
  await copyFile(path.join(SCENARIO_DIR, settings.scenario), scenarioFile);
  const sipp = await startSipp({
    scenario: { file: scenarioFile },
    workDir: settings.workDir,
    target: { host: '127.0.0.1', port: settings.sipPort },
    injection: settings.injection,
    calls: settings.calls,
    rate: { callsPerPeriod: settings.ratePerSecond },
    concurrentCallLimit: settings.concurrentCallLimit,
    ...(settings.pauseMs === undefined ? {} : { pauseMs: settings.pauseMs }),
    timeoutMs: settings.timeoutMs,
    traceMessages: false,
  });
  cleanup.defer('stop SIPp', async () => {
    await sipp.stop();
  });
  return sipp;
}

/** SIPp's exit code is a verdict on the calls (0 all succeeded, 1 some failed), not a crash, bind error or timeout. */
export function isSippVerdict(exitCode: number | null): boolean {
  return exitCode === SIPP_EXIT.allCallsSucceeded || exitCode === SIPP_EXIT.someCallFailed;
}

export interface ErrorCount {
  readonly message: string;
  readonly count: number;
}

/** How many distinct failures an error summary keeps. */
const ERROR_KINDS_KEPT = 5;
/** Each entry of SIPp's error log starts with a date, a time and an epoch time; SIPp sometimes omits the newline before one. */
const ENTRY_START = /(?=\d{4}-\d{2}-\d{2}\t\d{2}:\d{2}:\d{2}\.\d+\t)/;
const ENTRY_PREFIX = /^\d{4}-\d{2}-\d{2}\t[\d:.]+\t[\d.]+:\s*/;

/**
 * SIPp's error log (`-trace_err`) condensed to its distinct messages with counts: each entry names
 * its call, so a fault under load repeats once per call. Call-IDs and numbers are masked to find
 * the repeats.
 */
export function summarizeSippErrors(errorLog: string): readonly ErrorCount[] {
  const counts = new Map<string, number>();
  for (const raw of errorLog.split(ENTRY_START)) {
    if (!ENTRY_PREFIX.test(raw)) continue;
    const message = raw
      .replace(ENTRY_PREFIX, '')
      .split('\n')[0]!
      .trim()
      .replace(/Call-Id: \S+|call: \S+/g, (found) => `${found.split(' ')[0]} …`)
      .replace(/\d+/g, 'N')
      .slice(0, 200);
    counts.set(message, (counts.get(message) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, ERROR_KINDS_KEPT)
    .map(([message, count]) => ({ message, count }));
}
