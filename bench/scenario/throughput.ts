/**
 * Throughput: a pool of `concurrency` workers, each running simulated calls
 * one after another until the phase's count is reached, all in this process.
 * A warm-up phase runs first and is discarded; the measured phase reports
 * wall time, the process's CPU time (to show the core was saturated), the
 * main thread's garbage-collection pauses (the share of the core the engine
 * did not get), how busy the event loop was (how much it waited on the local
 * server), and the actions the calls ran.
 */
import { PerformanceObserver, performance, type PerformanceEntry } from 'node:perf_hooks';
import type { CallRunner } from './simulation.js';

export interface PhaseResult {
  readonly calls: number;
  readonly failed: number;
  /** Up to MAX_REASONS distinct failure reasons, with their counts. */
  readonly failures: Readonly<Record<string, number>>;
  readonly wallSeconds: number;
  /** User + system CPU time of the whole process over the phase. */
  readonly cpuSeconds: number;
  /** `action.started` events over the phase's successful calls. */
  readonly actions: number;
  readonly events: number;
  readonly callsPerSecond: number;
  readonly actionsPerSecond: number;
  /** CPU seconds / wall seconds, in percent: near 100 when one core was kept busy. */
  readonly cpuPercent: number;
  /** Main-thread garbage-collection pauses over the phase (V8's helper threads not included). */
  readonly gcSeconds: number;
  /** gcSeconds / wall seconds, in percent. */
  readonly gcPercent: number;
  /**
   * The event loop's utilization over the phase, in percent: below 100 the main thread sat idle,
   * every call waiting on the local server, and more calls at once would have kept it busy.
   */
  readonly eventLoopPercent: number;
}

const MAX_REASONS = 5;

/** Sums the `gc` performance entries (main-thread pauses) between start() and stop(). */
class GcPauses {
  #milliseconds = 0;
  readonly #observer = new PerformanceObserver((list) => this.#add(list.getEntries()));

  start(): void {
    this.#observer.observe({ entryTypes: ['gc'] });
  }

  /** Stops observing; the pauses in seconds, including entries not yet delivered. */
  stop(): number {
    this.#add(this.#observer.takeRecords());
    this.#observer.disconnect();
    return this.#milliseconds / 1000;
  }

  #add(entries: readonly PerformanceEntry[]): void {
    for (const entry of entries) this.#milliseconds += entry.duration;
  }
}

export async function runPhase(
  run: CallRunner,
  calls: number,
  concurrency: number,
  firstIndex = 0,
): Promise<PhaseResult> {
  let next = 0;
  let failed = 0;
  let actions = 0;
  let events = 0;
  const failures: Record<string, number> = {};
  const worker = async (): Promise<void> => {
    while (next < calls) {
      const index = firstIndex + next;
      next += 1;
      const check = await run(index);
      if (check.ok) {
        actions += check.facts.actions;
        events += check.facts.events;
        continue;
      }
      failed += 1;
      if (check.reason in failures || Object.keys(failures).length < MAX_REASONS)
        failures[check.reason] = (failures[check.reason] ?? 0) + 1;
    }
  };
  const gc = new GcPauses();
  gc.start();
  const cpuBefore = process.cpuUsage();
  const loopBefore = performance.eventLoopUtilization();
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, calls) }, worker));
  const wallSeconds = (performance.now() - started) / 1000;
  const loop = performance.eventLoopUtilization(loopBefore);
  const gcSeconds = gc.stop();
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return {
    calls,
    failed,
    failures,
    wallSeconds,
    cpuSeconds,
    actions,
    events,
    callsPerSecond: calls / wallSeconds,
    actionsPerSecond: actions / wallSeconds,
    cpuPercent: (cpuSeconds / wallSeconds) * 100,
    gcSeconds,
    gcPercent: (gcSeconds / wallSeconds) * 100,
    eventLoopPercent: loop.utilization * 100,
  };
}

/** A phase of one call that ran at `callsPerSecond`, nothing else of note: for tests of what reads phases. */
export function phaseAt(callsPerSecond: number): PhaseResult {
  return {
    calls: 1,
    failed: 0,
    failures: {},
    wallSeconds: 1,
    cpuSeconds: 1,
    actions: 0,
    events: 0,
    callsPerSecond,
    actionsPerSecond: 0,
    cpuPercent: 100,
    gcSeconds: 0,
    gcPercent: 0,
    eventLoopPercent: 100,
  };
}
