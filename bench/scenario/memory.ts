/**
 * Memory per call in flight: `inFlight` simulated calls started at once, all
 * parked inside the scenario's Call API by an HTTP client that holds every
 * request (GatedHttp). Each simulation's driver then waits on its real-work
 * promise, so nothing advances and nothing is freed until the requests are
 * released. Heap is read after full collections (`--expose-gc`) before the
 * calls start and while all of them are parked; the difference over the
 * count is the cost of one call in flight: its run state, variables,
 * timeline so far, virtual clock, driver and pending request. Then the calls
 * are released and must all complete as scripted.
 */
import { performance } from 'node:perf_hooks';
import type { CompiledScenario } from '../../src/scenario/ast/nodes.js';
import { GatedHttp, createCallRunner, type CallCheck } from './simulation.js';

export interface MemoryResult {
  readonly inFlight: number;
  /** How many calls were parked in the Call API at the measurement (all of them, on a good run). */
  readonly parked: number;
  readonly parkSeconds: number;
  readonly heapUsedBefore: number;
  readonly heapUsedParked: number;
  readonly heapUsedAfter: number;
  readonly rssBefore: number;
  readonly rssParked: number;
  /** (heapUsed parked - heapUsed before) / inFlight. */
  readonly heapBytesPerCall: number;
  readonly rssBytesPerCall: number;
  /** external + arrayBuffers (Buffers), per call; near 0 with the in-process gate. */
  readonly externalBytesPerCall: number;
  /** Timeline events each parked call held (up to the Call API's start). */
  readonly eventsHeldPerCall: number;
  readonly completed: number;
  readonly failed: number;
  readonly failures: Readonly<Record<string, number>>;
}

const PARK_TIMEOUT_MS = 300_000;
const POLL_MS = 20;
/** Event-loop turns after the last request parks, so every driver reaches its wait. */
const SETTLE_TURNS = 5;
const MAX_REASONS = 5;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function collect(): void {
  if (globalThis.gc === undefined) throw new Error('run node with --expose-gc for the memory measurement');
  // Twice: the first pass may only queue finalizers and weak callbacks.
  globalThis.gc();
  globalThis.gc();
}

export async function measureInFlight(scenario: CompiledScenario, inFlight: number): Promise<MemoryResult> {
  const gate = new GatedHttp();
  const run = createCallRunner(scenario, gate);
  const checks: CallCheck[] = [];
  // Sized before the first reading, so the harness's own array is not counted as the calls' memory.
  const pending: Promise<void>[] = [];
  pending.length = inFlight;
  collect();
  const before = process.memoryUsage();

  const started = performance.now();
  for (let index = 0; index < inFlight; index += 1)
    pending[index] = run(index).then((check) => void checks.push(check));
  // Calls that fail before the Call API never park; stop waiting once every call is either parked or done.
  while (gate.parked + checks.length < inFlight && performance.now() - started < PARK_TIMEOUT_MS)
    await sleep(POLL_MS);
  for (let i = 0; i < SETTLE_TURNS; i += 1) await turn();
  const parkSeconds = (performance.now() - started) / 1000;
  const parked = gate.parked;
  collect();
  const during = process.memoryUsage();

  gate.release();
  await Promise.all(pending);
  pending.length = 0;
  collect();
  const after = process.memoryUsage();

  let completed = 0;
  let eventsHeld = 0;
  const failures: Record<string, number> = {};
  for (const check of checks) {
    if (check.ok) {
      completed += 1;
      eventsHeld += check.facts.eventsBeforeHttp;
    } else if (check.reason in failures || Object.keys(failures).length < MAX_REASONS) {
      failures[check.reason] = (failures[check.reason] ?? 0) + 1;
    }
  }
  const external = (usage: NodeJS.MemoryUsage): number => usage.external + usage.arrayBuffers;
  return {
    inFlight,
    parked,
    parkSeconds,
    heapUsedBefore: before.heapUsed,
    heapUsedParked: during.heapUsed,
    heapUsedAfter: after.heapUsed,
    rssBefore: before.rss,
    rssParked: during.rss,
    heapBytesPerCall: (during.heapUsed - before.heapUsed) / inFlight,
    rssBytesPerCall: (during.rss - before.rss) / inFlight,
    externalBytesPerCall: (external(during) - external(before)) / inFlight,
    eventsHeldPerCall: completed === 0 ? 0 : eventsHeld / completed,
    completed,
    failed: inFlight - completed,
    failures,
  };
}
