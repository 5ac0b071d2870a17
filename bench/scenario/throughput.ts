/**
 * Throughput: a pool of `concurrency` workers, each running simulated calls
 * one after another until the phase's count is reached, all in this process.
 * A warm-up phase runs first and is discarded; the measured phase reports
 * wall time, the process's CPU time (to show the core was saturated), and
 * the actions the calls ran.
 */
import { performance } from 'node:perf_hooks';
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
}

const MAX_REASONS = 5;

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
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, calls) }, worker));
  const wallSeconds = (performance.now() - started) / 1000;
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
  };
}
