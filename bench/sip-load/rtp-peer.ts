/**
 * The callers' media for a concurrency step: one {@link PeerStream} (a socket) per call, a pacing
 * loop that sends their audio, and the measurement window. Runs in its own process on the load
 * generator's core (rtp-peer-process.ts), so its work never lands on Voxgate's core.
 *
 * The window opens when every call's stream has started (or at a deadline, if some never do) and
 * lasts the step's duration: jitter is sampled only then, at the full concurrency. Loss is counted
 * over each stream's whole life (RFC 3550 A.3). The peer also measures itself over the window (its
 * CPU and event-loop delay): a receiver that falls behind adds its own delay to the arrival times,
 * and the report must say so rather than blame Voxgate.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { JitterHistogram, type JitterSummary } from './jitter-histogram.js';
import { PeerStream } from './peer-stream.js';

/** How often the pacing loop looks for frames due; streams keep their own 20 ms schedule. */
const PACE_INTERVAL_MS = 4;
/** Voxgate silent this long: the call ended, stop sending to its port. */
const STREAM_IDLE_MS = 500;
const NS_PER_MS = 1e6;

/** Wall-clock milliseconds with performance.now()'s resolution. */
const epochMs = (): number => performance.timeOrigin + performance.now();

export interface RtpPeerOptions {
  readonly count: number;
  /** µ-law audio sent in a loop on every stream. */
  readonly audio: Buffer;
  readonly windowMs: number;
  /** The window opens this long after the streams were bound, even if some never started. */
  readonly windowDeadlineMs: number;
  /** The window opened or closed, at this wall-clock time (epoch ms, as a capture stamps packets). */
  readonly onWindow: (event: 'start' | 'end', atEpochMs: number) => void;
}

export type WindowStart = 'all-streams' | 'deadline' | 'never';

export interface RtpPeerReport {
  readonly streams: number;
  readonly streamsStarted: number;
  readonly packetsExpected: number;
  readonly packetsReceived: number;
  /** Sum over streams of A.3's cumulative loss, never below 0 per stream. */
  readonly packetsLost: number;
  readonly streamsWithLoss: number;
  readonly lateOrDuplicate: number;
  readonly timestampJumps: number;
  readonly packetsSent: number;
  readonly packetsIgnored: number;
  readonly windowStart: WindowStart;
  readonly windowMs: number;
  readonly jitter: JitterSummary;
  /** The peer's own CPU over the window, percent of one core. */
  readonly peerCpuPercent: number | null;
  /** The peer's event-loop delay over the window: how late it may have read arrivals. */
  readonly peerLoopDelayP99Ms: number | null;
  readonly peerLoopDelayMaxMs: number | null;
}

export class RtpPeer {
  readonly #options: RtpPeerOptions;
  readonly #streams: PeerStream[] = [];
  readonly #jitter = new JitterHistogram();
  readonly #loopDelay: IntervalHistogram = monitorEventLoopDelay({ resolution: 1 });
  #started = 0;
  #measuring = false;
  #windowStart: WindowStart = 'never';
  #windowOpenedAt = 0;
  #windowMs = 0;
  #cpuAtOpen: NodeJS.CpuUsage | null = null;
  #peerCpuPercent: number | null = null;
  #timers: NodeJS.Timeout[] = [];

  constructor(options: RtpPeerOptions) {
    this.#options = options;
  }

  /** Binds every stream's socket; resolves their ports, in call order. */
  async open(): Promise<number[]> {
    const recorder = (): JitterHistogram | null => (this.#measuring ? this.#jitter : null);
    for (let index = 0; index < this.#options.count; index += 1) {
      this.#streams.push(new PeerStream(this.#options.audio, () => this.#streamStarted(), recorder));
    }
    const ports = await Promise.all(this.#streams.map((stream) => stream.bind()));
    this.#timers.push(setInterval(() => this.#pace(), PACE_INTERVAL_MS));
    this.#timers.push(setTimeout(() => this.#openWindow('deadline'), this.#options.windowDeadlineMs));
    return ports;
  }

  #pace(): void {
    const now = performance.now();
    for (const stream of this.#streams) stream.pace(now, STREAM_IDLE_MS);
  }

  #streamStarted(): void {
    this.#started += 1;
    if (this.#started === this.#options.count) this.#openWindow('all-streams');
  }

  #openWindow(how: WindowStart): void {
    if (this.#windowStart !== 'never') return;
    this.#windowStart = how;
    this.#measuring = true;
    this.#windowOpenedAt = performance.now();
    this.#cpuAtOpen = process.cpuUsage();
    this.#loopDelay.enable();
    this.#options.onWindow('start', epochMs());
    this.#timers.push(setTimeout(() => this.#closeWindow(), this.#options.windowMs));
  }

  #closeWindow(): void {
    if (!this.#measuring) return;
    this.#measuring = false;
    this.#loopDelay.disable();
    this.#windowMs = performance.now() - this.#windowOpenedAt;
    if (this.#cpuAtOpen !== null && this.#windowMs > 0) {
      const used = process.cpuUsage(this.#cpuAtOpen);
      this.#peerCpuPercent = (100 * (used.user + used.system)) / 1000 / this.#windowMs;
    }
    this.#options.onWindow('end', epochMs());
  }

  /** Closes the window if still open, stops sending, and sums up every stream. */
  finish(): RtpPeerReport {
    this.#closeWindow();
    for (const timer of this.#timers) clearTimeout(timer);
    let expected = 0;
    let received = 0;
    let lost = 0;
    let streamsWithLoss = 0;
    let lateOrDuplicate = 0;
    let jumps = 0;
    let sent = 0;
    let ignored = 0;
    for (const stream of this.#streams) {
      const s = stream.statistics;
      expected += s.expected;
      received += s.received;
      lost += Math.max(0, s.lost);
      if (s.lost > 0) streamsWithLoss += 1;
      lateOrDuplicate += s.lateOrDuplicate;
      jumps += s.timestampJumps;
      sent += stream.sent;
      ignored += stream.ignored;
      stream.close();
    }
    const delayed = this.#loopDelay.count > 0;
    return {
      streams: this.#streams.length,
      streamsStarted: this.#started,
      packetsExpected: expected,
      packetsReceived: received,
      packetsLost: lost,
      streamsWithLoss,
      lateOrDuplicate,
      timestampJumps: jumps,
      packetsSent: sent,
      packetsIgnored: ignored,
      windowStart: this.#windowStart,
      windowMs: Math.round(this.#windowMs),
      jitter: this.#jitter.summary(),
      peerCpuPercent: this.#peerCpuPercent,
      peerLoopDelayP99Ms: delayed ? this.#loopDelay.percentile(99) / NS_PER_MS : null,
      peerLoopDelayMaxMs: delayed ? this.#loopDelay.max / NS_PER_MS : null,
    };
  }
}
