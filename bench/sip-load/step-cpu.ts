/**
 * The CPU figures of one step over the stretch it measures (from `begin()` to `end()`): the server
 * process's CPU as a percent of one core, and how busy each of the two cores was in all. The
 * server core's figure above the server's own shows other work on its core; a load generator core
 * near 100 % means the step measured SIPp or the RTP peer rather than Voxgate.
 */
import {
  coreBusyPercent,
  ProcessCpuMeter,
  processRssMiB,
  readCoreTimes,
  type CoreTimes,
} from './cpu-usage.js';
import { LOAD_GENERATOR_CPU, SERVER_CPU } from './load-generator-pinning.js';

export interface StepCpuReading {
  readonly serverCpuPercent: number | null;
  readonly serverCoreBusyPercent: number | null;
  readonly loadCoreBusyPercent: number | null;
  /** The server's resident memory at the end of the stretch. */
  readonly serverRssMiB: number | null;
}

const NOTHING: StepCpuReading = {
  serverCpuPercent: null,
  serverCoreBusyPercent: null,
  loadCoreBusyPercent: null,
  serverRssMiB: null,
};

export class StepCpu {
  readonly #serverPid: number | null;
  #meter: ProcessCpuMeter | null = null;
  #serverCore: CoreTimes | null = null;
  #loadCore: CoreTimes | null = null;
  #reading: StepCpuReading | null = null;

  constructor(serverPid: number | null) {
    this.#serverPid = serverPid;
  }

  /** Starts (or restarts) the measured stretch. */
  begin(): void {
    if (this.#reading !== null) return;
    this.#meter = this.#serverPid === null ? null : new ProcessCpuMeter(this.#serverPid);
    this.#serverCore = readCoreTimes(SERVER_CPU);
    this.#loadCore = readCoreTimes(LOAD_GENERATOR_CPU);
  }

  /** Ends the stretch; later calls change nothing. */
  end(): void {
    if (this.#reading !== null || this.#serverCore === null) return;
    this.#reading = {
      serverCpuPercent: this.#meter?.lap() ?? null,
      serverCoreBusyPercent: coreBusyPercent(this.#serverCore, readCoreTimes(SERVER_CPU)),
      loadCoreBusyPercent: coreBusyPercent(this.#loadCore, readCoreTimes(LOAD_GENERATOR_CPU)),
      serverRssMiB: this.#serverPid === null ? null : processRssMiB(this.#serverPid),
    };
  }

  /** The figures, or nulls when the stretch never began. */
  get reading(): StepCpuReading {
    return this.#reading ?? NOTHING;
  }
}
