/**
 * One step of the concurrency ladder: `count` calls of `hold-call.xml` set up at the ramp rate,
 * each held long enough that all of them are up together for the step's duration, with RTP both
 * ways: Voxgate plays a prompt longer than the call, and the RTP peer (rtp-peer.ts) sends the
 * callers' audio back and measures Voxgate's streams.
 *
 * Why our own peer rather than SIPp's rtp_stream: Voxgate sends to wherever a call's RTP comes
 * from (symmetric RTP), so the socket that sends the caller's audio is the socket that receives
 * Voxgate's; SIPp 3.6.1's rtp_stream keeps no statistics of what it receives, and a receiver of
 * ours on another port would lose the stream to SIPp's as soon as SIPp's packets arrived.
 *
 * The step passes with every call set up and ended by its caller, no RTP lost at the receiver,
 * and the p99 inter-packet jitter of Voxgate's streams, sampled while all calls are up, under
 * {@link JITTER_P99_LIMIT_MS}: from a capture of Voxgate's packets (window-measurement.ts), or
 * from the peer's arrival times when no capture could be taken.
 */
import path from 'node:path';
import type { Cleanup } from '../harness/cleanup.js';
import type { RtpPeerReport } from './rtp-peer.js';
import { startRtpPeer } from './rtp-peer-client.js';
import { settledCallRecords } from './settled-call-records.js';
import {
  CALLER_NUMBER,
  isSippVerdict,
  SIPP_SCENARIO,
  startSippRun,
  summarizeSippErrors,
  type ErrorCount,
} from './sipp-run.js';
import type { StepCpuReading } from './step-cpu.js';
import type { CallRecordCounts, VoxgateApi } from './voxgate-api.js';
import { WindowMeter, type CaptureOutcome } from './window-measurement.js';

/** The threshold for Voxgate's outgoing streams. */
export const JITTER_P99_LIMIT_MS = 2;
/** After the ramp, how long the last calls may take to start streaming before the window opens anyway. */
const WINDOW_GRACE_MS = 5_000;
/** Calls outlive the window by this much, so the window never sees a call end. */
const HOLD_TAIL_MS = 2_000;
const RUN_MARGIN_MS = 60_000;

export interface ConcurrencyStepSettings {
  readonly count: number;
  readonly durationSeconds: number;
  readonly rampRatePerSecond: number;
  /** Routed to the hold scenario, used by this step only. */
  readonly number: string;
  readonly sipPort: number;
  readonly workDir: string;
  /** µ-law caller audio the peer loops. */
  readonly audioFile: string;
  /** Voxgate's RTP port range: the capture keeps packets from it. */
  readonly rtpPorts: { readonly min: number; readonly max: number };
  readonly serverPid: number | null;
  readonly api: VoxgateApi;
}

export interface ConcurrencyStepResult extends StepCpuReading {
  readonly count: number;
  readonly callsSucceeded: number;
  readonly callsFailed: number;
  /** How long each call was held, ACK to BYE. */
  readonly holdMs: number;
  /** What the callers' sockets received; its jitter is the fallback measure. */
  readonly rtp: RtpPeerReport;
  /** Voxgate's streams as captured on the loopback interface over the window. */
  readonly capture: CaptureOutcome;
  /** The p99 jitter the step is judged on, and where it comes from. */
  readonly jitterP99Ms: number;
  readonly jitterSource: 'capture' | 'peer';
  readonly callRecords: CallRecordCounts;
  readonly sippExitCode: number | null;
  readonly sippErrors: readonly ErrorCount[];
  readonly problems: readonly string[];
}

/** How long SIPp takes to start `count` calls at the ramp rate. */
function rampMsFor(count: number, rampRatePerSecond: number): number {
  return Math.ceil((count / rampRatePerSecond) * 1000);
}

/**
 * How long each call of a step is held: the first call must outlast the ramp, the grace the last
 * calls get to start streaming, and the window. Also the longest call, which the prompt outlasts.
 */
export function holdMsFor(count: number, durationSeconds: number, rampRatePerSecond: number): number {
  return rampMsFor(count, rampRatePerSecond) + WINDOW_GRACE_MS + durationSeconds * 1000 + HOLD_TAIL_MS;
}

function problemsOf(result: Omit<ConcurrencyStepResult, 'problems'>): string[] {
  const problems: string[] = [];
  const { count, rtp } = result;
  if (!isSippVerdict(result.sippExitCode))
    problems.push(`SIPp exited ${result.sippExitCode ?? 'on a signal'}`);
  if (result.callsFailed > 0 || result.callsSucceeded !== count)
    problems.push(`${result.callsFailed} failed, ${result.callsSucceeded} of ${count} succeeded`);
  if (rtp.streamsStarted !== count) problems.push(`${rtp.streamsStarted} of ${count} calls received RTP`);
  if (rtp.windowStart !== 'all-streams') problems.push('the calls were never all up at once');
  if (rtp.packetsLost > 0)
    problems.push(`${rtp.packetsLost} RTP packets lost on ${rtp.streamsWithLoss} streams`);
  if (!(result.jitterP99Ms < JITTER_P99_LIMIT_MS))
    problems.push(
      `p99 jitter ${result.jitterP99Ms.toFixed(2)} ms (${result.jitterSource}; limit ${JITTER_P99_LIMIT_MS} ms)`,
    );
  const records = result.callRecords;
  if (records.total !== count) problems.push(`${records.total} CDRs for ${count} calls`);
  if (records.hungUpByCaller !== records.total)
    problems.push(`${records.total - records.hungUpByCaller} calls not hung up by the caller`);
  return problems;
}

export async function runConcurrencyStep(
  settings: ConcurrencyStepSettings,
  cleanup: Cleanup,
): Promise<ConcurrencyStepResult> {
  const { count, durationSeconds, rampRatePerSecond } = settings;
  const holdMs = holdMsFor(count, durationSeconds, rampRatePerSecond);
  const rampMs = rampMsFor(count, rampRatePerSecond);
  const meter = await WindowMeter.start(
    {
      serverPid: settings.serverPid,
      captureFile: path.join(settings.workDir, `capture-${count}.pcap`),
      rtpPorts: settings.rtpPorts,
    },
    cleanup,
  );
  const peer = await startRtpPeer(
    {
      count,
      audioFile: settings.audioFile,
      windowMs: durationSeconds * 1000,
      windowDeadlineMs: rampMs + WINDOW_GRACE_MS,
    },
    cleanup,
  );
  meter.follow(peer.window);
  const sipp = await startSippRun(
    {
      scenario: SIPP_SCENARIO.holdCall,
      workDir: settings.workDir,
      sipPort: settings.sipPort,
      injection: peer.ports.map((port) => [settings.number.slice(1), CALLER_NUMBER, String(port)]),
      calls: count,
      ratePerSecond: rampRatePerSecond,
      concurrentCallLimit: count,
      pauseMs: holdMs,
      timeoutMs: holdMs + rampMs + RUN_MARGIN_MS,
    },
    cleanup,
  );
  const result = await sipp.done;
  const { cpu, capture } = await meter.finish();
  const rtp = await peer.finish();
  const measured = {
    count,
    callsSucceeded: result.successfulCalls,
    callsFailed: result.failedCalls,
    holdMs,
    rtp,
    capture,
    jitterP99Ms: capture.ok ? capture.value.jitter.p99Ms : rtp.jitter.p99Ms,
    jitterSource: capture.ok ? ('capture' as const) : ('peer' as const),
    ...cpu,
    callRecords: await settledCallRecords(settings.api, settings.number),
    sippExitCode: result.exitCode,
    sippErrors: summarizeSippErrors(result.errorLog),
  };
  return { ...measured, problems: problemsOf(measured) };
}
