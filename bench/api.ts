/**
 * The API benchmark (`npm run bench -- api`): for each database engine, the
 * real server in its own process, one tenant, and autocannon loading an
 * authenticated read and an authenticated write, plus the read at the fixed
 * rate of the performance goal. A non-2xx answer or a connection error fails
 * the run; the goal itself is only reported.
 */
import { Cleanup } from './harness/cleanup.js';
import { createBenchDatabase, type Engine } from './harness/database.js';
import { machineFacts } from './harness/machine.js';
import { writeResults } from './harness/results.js';
import { startVoxgate, type RunningVoxgate } from './harness/server.js';
import { summarizeLog } from './harness/server-log.js';
import { createTenantKey } from './harness/tenant.js';
import { API_CASES, GOAL_CASE_ID, describeCase, goalMet, type ApiCase } from './api/cases.js';
import { measureCase, type LoadSettings, type Measurement } from './api/load.js';
import { API_USAGE, UsageError, parseApiOptions } from './api/options.js';
import {
  outcomeFailed,
  renderMarkdown,
  renderText,
  toJson,
  type CaseResult,
  type EngineOutcome,
} from './api/report.js';

const WARMUP_SECONDS = 3;
/** The config's ceiling: per credential and minute, far above what one core serves, so the limiter never answers 429. */
const RATE_LIMIT_PER_MINUTE = 1_000_000;

/** A run passes when every answer was 2xx and no connection failed; the goal is reported beside it. */
function judge(apiCase: ApiCase, measurement: Measurement): CaseResult {
  const passed = measurement.non2xx === 0 && measurement.errors === 0;
  if (apiCase.id !== GOAL_CASE_ID) return { apiCase, measurement, passed, goal: null };
  const met = goalMet({ ...measurement, p99Ms: measurement.latencyMs.p99 });
  return { apiCase, measurement, passed, goal: met ? 'met' : 'not met' };
}

async function benchEngine(engine: Engine, load: LoadSettings): Promise<EngineOutcome> {
  const cleanup = new Cleanup();
  const releaseSignals = cleanup.onSignals();
  const cases: CaseResult[] = [];
  let server: RunningVoxgate | undefined;
  let failure: string | undefined;
  try {
    const setup = await createBenchDatabase(engine, cleanup);
    if (!setup.ok) {
      process.stderr.write(`[${engine}] skipped: ${setup.skipped}\n`);
      return { engine, status: 'skipped', reason: setup.skipped };
    }
    server = await startVoxgate(
      { database: setup.database, env: { VOXGATE_RATE_LIMIT: String(RATE_LIMIT_PER_MINUTE) } },
      cleanup,
    );
    const apiKey = await createTenantKey(server.url, server.adminKey, 'bench');
    for (const apiCase of API_CASES) {
      process.stderr.write(
        `[${engine}] ${describeCase(apiCase)}: ${load.warmupSeconds} s warm-up, ${load.durationSeconds} s measured\n`,
      );
      cases.push(judge(apiCase, await measureCase({ url: server.url, apiKey }, apiCase, load)));
    }
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
    process.stderr.write(`[${engine}] failed: ${failure}\n`);
  } finally {
    // Before the log is read, so whatever the server logs while stopping is in it.
    await cleanup.run();
    releaseSignals();
  }
  const serverLog = summarizeLog(server?.logLines() ?? []);
  if (failure !== undefined || server === undefined) {
    return { engine, status: 'failed', error: failure ?? 'the server never started', serverLog, cases };
  }
  const facts = { pinnedCpus: server.pinnedCpus, build: server.build };
  return { engine, status: 'measured', server: facts, serverLog, cases };
}

export async function main(args: readonly string[]): Promise<number> {
  let options;
  try {
    options = parseApiOptions(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`bench api: ${error.message}\n${API_USAGE}\n`);
    return 2;
  }
  if (options === null) {
    process.stdout.write(`${API_USAGE}\n`);
    return 0;
  }
  const date = new Date();
  const machine = machineFacts(date);
  const load: LoadSettings = {
    warmupSeconds: WARMUP_SECONDS,
    durationSeconds: options.durationSeconds,
    connections: options.connections,
  };
  const outcomes: EngineOutcome[] = [];
  for (const engine of options.engines) outcomes.push(await benchEngine(engine, load));

  const report = {
    machine,
    settings: { ...load, rateLimitPerMinute: RATE_LIMIT_PER_MINUTE },
    outcomes,
  };
  process.stdout.write(`\n${renderText(report)}`);
  const files = await writeResults('api', date, toJson(report), renderMarkdown(report));
  process.stdout.write(`\nResults: ${files.join(', ')}\n`);
  const failed = outcomes.filter(outcomeFailed).map((outcome) => outcome.engine);
  if (failed.length > 0) process.stdout.write(`\nFAILED: ${failed.join(', ')} (see Problems above)\n`);
  return failed.length > 0 ? 1 : 0;
}
