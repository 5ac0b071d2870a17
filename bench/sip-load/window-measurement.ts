/**
 * What a concurrency step measures over the RTP peer's window (all calls up): the CPU figures,
 * taken from the window's opening to its closing, and the jitter of Voxgate's outgoing RTP in a
 * capture. dumpcap starts before the calls do, since its start (a 64 MiB ring to map) stalls the
 * load generator's core for a moment and must not fall in the window; only packets captured
 * between the window's two times (which the peer reports) are measured. Without dumpcap or the
 * privilege to capture, the step falls back on the peer's own arrival times and says so.
 */
import { rm } from 'node:fs/promises';
import type { Cleanup } from '../harness/cleanup.js';
import { readCaptureJitter, type CaptureJitter } from './capture-jitter.js';
import { startRtpCapture, type RunningCapture } from './rtp-capture.js';
import type { PeerWindow } from './rtp-peer-client.js';
import { StepCpu, type StepCpuReading } from './step-cpu.js';

export type CaptureOutcome =
  | { readonly ok: true; readonly value: CaptureJitter; readonly dropped: number | null }
  | { readonly ok: false; readonly reason: string };

export interface WindowMeasurement {
  readonly cpu: StepCpuReading;
  readonly capture: CaptureOutcome;
}

export interface WindowSettings {
  readonly serverPid: number | null;
  readonly captureFile: string;
  readonly rtpPorts: { readonly min: number; readonly max: number };
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export class WindowMeter {
  readonly #settings: WindowSettings;
  readonly #cpu: StepCpu;
  readonly #capture: RunningCapture | string;
  #window: { fromEpochMs: number; toEpochMs: number | null } | null = null;
  #stopping: Promise<number | null> | null = null;

  private constructor(settings: WindowSettings, capture: RunningCapture | string) {
    this.#settings = settings;
    this.#cpu = new StepCpu(settings.serverPid);
    this.#capture = capture;
  }

  /** Starts the capture (or notes why it could not start). */
  static async start(settings: WindowSettings, cleanup: Cleanup): Promise<WindowMeter> {
    const capture = await startRtpCapture(settings.captureFile, settings.rtpPorts, cleanup).catch(
      (error: unknown) => `no capture: ${describe(error)}`,
    );
    return new WindowMeter(settings, capture);
  }

  /** Follows the peer's window; a peer that stops before it opens or closes leaves the figures empty. */
  follow(window: PeerWindow): void {
    const opened = window.opened.then((atEpochMs) => {
      this.#cpu.begin();
      this.#window = { fromEpochMs: atEpochMs, toEpochMs: null };
    });
    opened.catch(() => undefined);
    window.closed
      .then(async (atEpochMs) => {
        await opened;
        this.#cpu.end();
        if (this.#window !== null) this.#window.toEpochMs = atEpochMs;
        await this.#stopCapture();
      })
      .catch(() => undefined);
  }

  #stopCapture(): Promise<number | null> {
    const capture = this.#capture;
    return (this.#stopping ??= typeof capture === 'string' ? Promise.resolve(null) : capture.stop());
  }

  /** Stops whatever still runs and measures the capture over the window. */
  async finish(): Promise<WindowMeasurement> {
    this.#cpu.end();
    const dropped = await this.#stopCapture();
    const file = this.#settings.captureFile;
    const capture = await this.#readCapture(dropped);
    await rm(file, { force: true });
    return { cpu: this.#cpu.reading, capture };
  }

  async #readCapture(dropped: number | null): Promise<CaptureOutcome> {
    if (typeof this.#capture === 'string') return { ok: false, reason: this.#capture };
    const window = this.#window;
    const toEpochMs = window?.toEpochMs ?? null;
    if (window === null || toEpochMs === null)
      return { ok: false, reason: 'the window never opened and closed' };
    const range = { fromEpochMs: window.fromEpochMs, toEpochMs };
    const result = await readCaptureJitter(this.#settings.captureFile, range).catch((error: unknown) => ({
      ok: false as const,
      reason: describe(error),
    }));
    return result.ok ? { ok: true, value: result.value, dropped } : result;
  }
}
