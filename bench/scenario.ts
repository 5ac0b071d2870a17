/**
 * The scenario engine benchmark (`npm run bench -- scenario`): a 50-action
 * IVR scenario (menus, conditions, loops, variables, Call API, SMS) compiled
 * once and run through the simulator (`simulate()`, virtual clock, scripted
 * caller) on one core.
 *
 * - Throughput: N calls, C at once, after a discarded warm-up, for two rows:
 *   the Call API through the real HTTP client to a local `node:http` server,
 *   and through an in-process fake that answers at once (the engine alone).
 *   Each row runs R rounds and shows its median round.
 * - Memory: 10,000 calls started at once and parked inside the Call API;
 *   heap per call in flight, then all released and checked.
 *
 * The process re-executes itself under `taskset -c 0` with `--expose-gc`
 * (scenario/pinning.ts); the local server runs in a child process pinned to
 * CPU 1, so the measured core runs only the simulations and the HTTP client.
 * Any call that does not end as scripted (hang-up, Call API outcome, SMS,
 * variables, no error events) fails the run; the goals are only reported.
 */
import { createHttpExchangeClient } from '../src/core/outbound/http-exchange-client.js';
import { compileScenario } from '../src/scenario/compiler/index.js';
import type { CompiledScenario } from '../src/scenario/ast/nodes.js';
import { Cleanup } from './harness/cleanup.js';
import { machineFacts } from './harness/machine.js';
import { writeResults } from './harness/results.js';
import { startCrmProcess, type RunningCrm } from './scenario/crm-process.js';
import { measureInFlight, type MemoryResult } from './scenario/memory.js';
import {
  SCENARIO_USAGE,
  UsageError,
  parseScenarioOptions,
  type ScenarioOptions,
} from './scenario/options.js';
import { childPinning, runPinnedChild, serverCpus } from './scenario/pinning.js';
import {
  medianRound,
  problems,
  renderMarkdown,
  renderText,
  toJson,
  type ScenarioFacts,
  type ScenarioReport,
  type ThroughputRow,
} from './scenario/report.js';
import { EXPECTED_ACTION_COUNT, scenarioDocument } from './scenario/scenario-document.js';
import { createCallRunner, fakeCrmHttp, type CallRunner } from './scenario/simulation.js';
import { runPhase, type PhaseResult } from './scenario/throughput.js';

/** createHttpExchangeClient()'s default, what src/core/index.ts runs in production. */
const HTTP_CONNECTIONS = 16;

function compile(crmUrl: string): { scenario: CompiledScenario; warnings: string[] } {
  const result = compileScenario(scenarioDocument(crmUrl));
  if (!result.ok)
    throw new Error(
      `the scenario does not compile: ${result.errors.map((e) => `${e.code}@${e.path}`).join(', ')}`,
    );
  if (result.scenario.actionCount !== EXPECTED_ACTION_COUNT)
    throw new Error(`the scenario has ${result.scenario.actionCount} actions, not ${EXPECTED_ACTION_COUNT}`);
  return { scenario: result.scenario, warnings: result.warnings.map((w) => `${w.code}@${w.path}`) };
}

/**
 * One row: its warm-up, then `rounds` measured phases, of which it keeps the median. The rows run one
 * after the other, never in turns: run between the real client's rounds, the fake's calls made the
 * engine's call sites see two kinds of client, and the real row fell from about 2,900 to 2,230 calls/s.
 */
async function throughputRow(
  id: ThroughputRow['id'],
  label: string,
  run: CallRunner,
  options: ScenarioOptions,
): Promise<ThroughputRow> {
  process.stderr.write(`[${id}] ${options.warmup} warm-up calls, ${options.concurrency} at once\n`);
  const warmup = await runPhase(run, options.warmup, options.concurrency, 0);
  const rounds: PhaseResult[] = [];
  for (let round = 0; round < options.rounds; round++) {
    process.stderr.write(`[${id}] round ${round + 1} of ${options.rounds}: ${options.calls} calls\n`);
    rounds.push(
      await runPhase(run, options.calls, options.concurrency, options.warmup + round * options.calls),
    );
  }
  return { id, label, warmup, rounds, measured: medianRound(rounds) };
}

async function measure(
  options: ScenarioOptions,
  cleanup: Cleanup,
  report: {
    scenario: ScenarioFacts | null;
    rows: ThroughputRow[];
    memory: MemoryResult | null;
    crm: RunningCrm | null;
  },
): Promise<void> {
  const crm = await startCrmProcess(serverCpus(), cleanup);
  report.crm = crm;
  const { scenario, warnings } = compile(crm.url);

  // One reference call: the per-call facts every later call must repeat exactly.
  const reference = await createCallRunner(scenario, fakeCrmHttp)(0);
  if (!reference.ok) throw new Error(`the reference call failed: ${reference.reason}`);
  report.scenario = { actionCount: scenario.actionCount, warnings, perCall: reference.facts };

  report.rows.push(
    await throughputRow('fake-http', 'in-process fake', createCallRunner(scenario, fakeCrmHttp), options),
  );
  const http = createHttpExchangeClient({ connections: HTTP_CONNECTIONS });
  cleanup.defer('close the HTTP client', () => http.close());
  report.rows.push(
    await throughputRow('real-http', 'real client → local server', createCallRunner(scenario, http), options),
  );

  process.stderr.write(`[memory] ${options.inFlight} calls parked in the Call API at once\n`);
  report.memory = await measureInFlight(scenario, options.inFlight);
}

export async function main(args: readonly string[]): Promise<number> {
  let options;
  try {
    options = parseScenarioOptions(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`bench scenario: ${error.message}\n${SCENARIO_USAGE}\n`);
    return 2;
  }
  if (options === null) {
    process.stdout.write(`${SCENARIO_USAGE}\n`);
    return 0;
  }
  const pinning = childPinning();
  if (pinning === undefined) return runPinnedChild(args);

  const date = new Date();
  const machine = machineFacts(date);
  const cleanup = new Cleanup();
  const releaseSignals = cleanup.onSignals();
  const partial: Parameters<typeof measure>[2] = { scenario: null, rows: [], memory: null, crm: null };
  let aborted: string | null = null;
  let crmStats: ScenarioReport['crm'] = null;
  try {
    await measure(options, cleanup, partial);
    const stats = await partial.crm!.stats();
    const realRow = partial.rows.find((row) => row.id === 'real-http');
    const expectedRequests =
      realRow === undefined
        ? 0
        : realRow.warmup.calls + realRow.rounds.reduce((sum, round) => sum + round.calls, 0);
    crmStats = { ...stats, expectedRequests };
  } catch (error) {
    aborted = error instanceof Error ? error.message : String(error);
    process.stderr.write(`[scenario] failed: ${aborted}\n`);
  } finally {
    await cleanup.run();
    releaseSignals();
  }

  const report: ScenarioReport = {
    machine,
    options,
    httpConnections: HTTP_CONNECTIONS,
    placement: { benchCpus: pinning, serverCpus: partial.crm?.pinnedCpus ?? null },
    scenario: partial.scenario,
    rows: partial.rows,
    memory: partial.memory,
    crm: crmStats,
    aborted,
  };
  process.stdout.write(`\n${renderText(report)}`);
  const files = await writeResults('scenario', date, toJson(report), renderMarkdown(report));
  process.stdout.write(`\nResults: ${files.join(', ')}\n`);
  const found = problems(report);
  if (found.length > 0) process.stdout.write(`\nFAILED: ${found.length} problem(s), see Problems above\n`);
  return found.length > 0 ? 1 : 0;
}
