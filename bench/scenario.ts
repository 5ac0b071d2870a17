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
 * Each row, and the memory measurement, runs in a process of its own under
 * `taskset -c 0` with `--expose-gc` (scenario/pinning.ts), and hands its
 * result back as JSON; the local server runs in a child process pinned to
 * CPU 1, so the measured core runs only the simulations and the HTTP client.
 * Any call that does not end as scripted (hang-up, Call API outcome, SMS,
 * variables, no error events) fails the run; the goals are only reported.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AddressPolicy } from '../src/core/outbound/address-policy.js';
import { createHttpExchangeClient } from '../src/core/outbound/http-exchange-client.js';
import { compileScenario } from '../src/scenario/compiler/index.js';
import type { CompiledScenario } from '../src/scenario/ast/nodes.js';
import { Cleanup } from './harness/cleanup.js';
import { machineFacts } from './harness/machine.js';
import { writeResults } from './harness/results.js';
import { startCrmProcess } from './scenario/crm-process.js';
import { measureInFlight } from './scenario/memory.js';
import {
  SCENARIO_USAGE,
  UsageError,
  parseScenarioOptions,
  type ScenarioOptions,
} from './scenario/options.js';
import { assemble, emptyPart, PARTS, type Part, type PartResult } from './scenario/parts.js';
import { childPinning, runPinnedChild, serverCpus } from './scenario/pinning.js';
import {
  medianRound,
  problems,
  renderMarkdown,
  renderText,
  toJson,
  type ThroughputRow,
} from './scenario/report.js';
import { EXPECTED_ACTION_COUNT, scenarioDocument } from './scenario/scenario-document.js';
import { createCallRunner, fakeCrmHttp, type CallRunner } from './scenario/simulation.js';
import { runPhase, type PhaseResult } from './scenario/throughput.js';

const LOCAL_CRM_ALLOWED = new AddressPolicy({
  allow: [{ address: '127.0.0.1', prefix: 32, family: 'ipv4' }],
});

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

/** One row: its warm-up, then `rounds` measured phases, of which it keeps the median. */
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

const PART_VARIABLE = 'BENCH_SCENARIO_PART';
const RESULT_VARIABLE = 'BENCH_SCENARIO_RESULT';

/** One part, in the pinned child: the CRM, the compiled scenario and its reference call, then the part. */
async function measurePart(
  part: Part,
  options: ScenarioOptions,
  benchCpus: string | null,
): Promise<PartResult> {
  const cleanup = new Cleanup();
  const releaseSignals = cleanup.onSignals();
  let result = emptyPart(part, benchCpus);
  try {
    const crm = await startCrmProcess(serverCpus(), cleanup);
    result = { ...result, serverCpus: crm.pinnedCpus };
    const { scenario, warnings } = compile(crm.url);
    // One reference call: the per-call facts every later call must repeat exactly.
    const reference = await createCallRunner(scenario, fakeCrmHttp)(0);
    if (!reference.ok) throw new Error(`the reference call failed: ${reference.reason}`);
    result = {
      ...result,
      scenario: { actionCount: scenario.actionCount, warnings, perCall: reference.facts },
    };
    if (part === 'fake-http') {
      const row = await throughputRow(
        part,
        'in-process fake',
        createCallRunner(scenario, fakeCrmHttp),
        options,
      );
      result = { ...result, row };
    } else if (part === 'real-http') {
      // The local CRM is on loopback, which the outbound guard refuses unless allowed, as an operator would.
      const http = createHttpExchangeClient({ connections: HTTP_CONNECTIONS, policy: LOCAL_CRM_ALLOWED });
      cleanup.defer('close the HTTP client', () => http.close());
      const row = await throughputRow(
        part,
        'real client → local server',
        createCallRunner(scenario, http),
        options,
      );
      const expectedRequests = row.warmup.calls + row.rounds.reduce((sum, round) => sum + round.calls, 0);
      result = { ...result, row, crm: { ...(await crm.stats()), expectedRequests } };
    } else {
      process.stderr.write(`[memory] ${options.inFlight} calls parked in the Call API at once\n`);
      result = { ...result, memory: await measureInFlight(scenario, options.inFlight) };
    }
  } catch (error) {
    const aborted = error instanceof Error ? error.message : String(error);
    process.stderr.write(`[scenario] ${part} failed: ${aborted}\n`);
    result = { ...result, aborted };
  } finally {
    await cleanup.run();
    releaseSignals();
  }
  return result;
}

/** Runs `part` in a pinned child and reads what it wrote; a child that wrote nothing aborts the part. */
async function runPart(part: Part, args: readonly string[], directory: string): Promise<PartResult> {
  const file = path.join(directory, `${part}.json`);
  const code = await runPinnedChild(args, { [PART_VARIABLE]: part, [RESULT_VARIABLE]: file });
  try {
    return JSON.parse(await readFile(file, 'utf8')) as PartResult;
  } catch {
    return emptyPart(part, null, `the ${part} process exited with code ${code} and no result`);
  }
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
  if (pinning !== undefined) {
    const part = process.env[PART_VARIABLE];
    const file = process.env[RESULT_VARIABLE];
    if (!PARTS.includes(part as Part) || file === undefined)
      throw new Error(`${PART_VARIABLE} must be one of ${PARTS.join(', ')}, with ${RESULT_VARIABLE} set`);
    const result = await measurePart(part as Part, options, pinning);
    await writeFile(file, JSON.stringify(result));
    return result.aborted === null ? 0 : 1;
  }

  const date = new Date();
  const directory = await mkdtemp(path.join(os.tmpdir(), 'voxgate-bench-scenario-'));
  const parts: PartResult[] = [];
  try {
    for (const part of PARTS) parts.push(await runPart(part, args, directory));
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
  const report = assemble(machineFacts(date), options, HTTP_CONNECTIONS, parts);
  process.stdout.write(`\n${renderText(report)}`);
  const files = await writeResults('scenario', date, toJson(report), renderMarkdown(report));
  process.stdout.write(`\nResults: ${files.join(', ')}\n`);
  const found = problems(report);
  if (found.length > 0) process.stdout.write(`\nFAILED: ${found.length} problem(s), see Problems above\n`);
  return found.length > 0 ? 1 : 0;
}
