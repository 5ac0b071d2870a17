/**
 * What a SIPp run leaves behind, gathered once it has exited: exit code, statistics, traces.
 */
import { readFile } from 'node:fs/promises';
import type { SippFiles } from './sipp-args.js';
import type { SupervisedExit } from './supervised-process.js';
import { parseSippStatistics, type SippStatistics } from './sipp-statistics.js';

/** SIPp's exit codes (`sipp -h`, "Exit codes"); -1 and -2 reach us as 255 and 254. */
export const SIPP_EXIT = {
  allCallsSucceeded: 0,
  someCallFailed: 1,
  internalCommand: 97,
  noCallProcessed: 99,
  fatalBindError: 254,
  fatalError: 255,
} as const;

export interface SippResult extends SupervisedExit {
  /** Exit code 0 and no failed call in the statistics. */
  readonly ok: boolean;
  readonly successfulCalls: number;
  readonly failedCalls: number;
  readonly statistics: SippStatistics;
  /** `-trace_err`: unexpected messages, timeouts, failed checks, with SIPp's reason. */
  readonly errorLog: string;
  /** `-trace_msg`: every SIP message sent and received, with timestamps. */
  readonly messageLog: string;
  /** `-trace_logs`: the scenario's `<log>` lines (`ack_to_bye_ms=...`). */
  readonly logText: string;
  /** `-trace_screen`: SIPp's last statistics screen, the quickest read when a run fails. */
  readonly screen: string;
  readonly runDir: string;
}

async function readIfPresent(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
}

/** Reads the run's files; SIPp creates each only when it has something to write. */
export async function readSippOutputs(
  files: SippFiles,
  exit: SupervisedExit,
  runDir: string,
): Promise<SippResult> {
  const [statisticsText, errorLog, messageLog, logText, screen] = await Promise.all([
    readIfPresent(files.statistics),
    readIfPresent(files.errors),
    readIfPresent(files.messages),
    readIfPresent(files.logs),
    readIfPresent(files.screen),
  ]);
  const statistics = parseSippStatistics(statisticsText);
  return {
    ...exit,
    ok: exit.exitCode === SIPP_EXIT.allCallsSucceeded && statistics.failedCalls === 0,
    successfulCalls: statistics.successfulCalls,
    failedCalls: statistics.failedCalls,
    statistics,
    errorLog,
    messageLog,
    logText,
    screen,
    runDir,
  };
}

/** A one-paragraph account of a run for assertion messages: exit, counts, then the error log. */
export function describeSippResult(result: SippResult): string {
  const exit = result.exitCode === null ? `signal ${result.signal ?? 'none'}` : `exit ${result.exitCode}`;
  const killed = result.killedByHarness ? ' (killed by the harness)' : '';
  const head = `${exit}${killed}, ${result.successfulCalls} successful, ${result.failedCalls} failed`;
  return [head, result.errorLog.trim(), result.stderr.trim()].filter((part) => part !== '').join('\n');
}
