/**
 * Loads one API case with autocannon, in this process: a warm-up whose
 * results are dropped (JIT, connection pools, SQLite page cache), then the
 * measured run. Latency comes from each response's own high-resolution timing
 * rather than autocannon's histogram, which truncates to whole milliseconds
 * and, at a fixed rate, adds synthetic samples at a 1 ms interval.
 */
import autocannon from 'autocannon';
import { percentile } from '../harness/percentile.js';
import type { ApiCase } from './cases.js';

export interface LoadTarget {
  readonly url: string;
  readonly apiKey: string;
}

export interface LoadSettings {
  readonly warmupSeconds: number;
  readonly durationSeconds: number;
  readonly connections: number;
}

export interface Measurement {
  /** autocannon's mean of its per-second request counts. */
  readonly requestsPerSecond: number;
  readonly requestsTotal: number;
  readonly durationSeconds: number;
  /** Over every response, 2xx or not. */
  readonly latencyMs: {
    readonly p50: number;
    readonly p90: number;
    readonly p99: number;
    readonly max: number;
  };
  /** autocannon's own figures (2xx only, whole ms), kept to cross-check the ones above. */
  readonly autocannonLatencyMs: { readonly p50: number; readonly p90: number; readonly p99: number };
  readonly non2xx: number;
  /** Connection errors, timeouts included. */
  readonly errors: number;
  readonly timeouts: number;
  readonly statusCodes: Readonly<Record<string, number>>;
}

interface Fired {
  readonly result: autocannon.Result;
  readonly latenciesMs: Float64Array;
}

const round = (ms: number): number => Math.round(ms * 100) / 100;

function fire(options: autocannon.Options): Promise<Fired> {
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error: unknown, result: autocannon.Result) => {
      if (error !== null && error !== undefined) {
        reject(error instanceof Error ? error : new Error('autocannon failed', { cause: error }));
        return;
      }
      resolve({ result, latenciesMs: Float64Array.from(latencies).sort() });
    });
    instance.on('response', (_client, _status, _bytes, responseTimeMs) => latencies.push(responseTimeMs));
  });
}

export async function measureCase(
  target: LoadTarget,
  apiCase: ApiCase,
  settings: LoadSettings,
): Promise<Measurement> {
  const base: autocannon.Options = {
    url: `${target.url}${apiCase.path}`,
    method: apiCase.method,
    connections: settings.connections,
    headers: {
      authorization: `Bearer ${target.apiKey}`,
      ...(apiCase.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(apiCase.body === undefined ? {} : { body: apiCase.body }),
    ...(apiCase.overallRatePerSecond === undefined ? {} : { overallRate: apiCase.overallRatePerSecond }),
  };
  await fire({ ...base, duration: settings.warmupSeconds });
  const { result, latenciesMs } = await fire({ ...base, duration: settings.durationSeconds });
  const statusCodes: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {}))
    statusCodes[code] = stats.count ?? 0;
  return {
    requestsPerSecond: Math.round(result.requests.mean),
    requestsTotal: result.requests.total,
    durationSeconds: result.duration,
    latencyMs: {
      p50: round(percentile(latenciesMs, 50)),
      p90: round(percentile(latenciesMs, 90)),
      p99: round(percentile(latenciesMs, 99)),
      max: round(latenciesMs.at(-1) ?? Number.NaN),
    },
    autocannonLatencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99 },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
  };
}
