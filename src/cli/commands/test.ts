/**
 * `voxgate test PATH...`: runs scenario test files (docs/scenario-tests.md) on the simulator and
 * prints a pass/fail report with the first difference of each failure. A directory is searched
 * for `*.test.yaml` and `*.test.yml`. Exits 0 when all pass, 1 when any fails, 2 on unreadable input.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ALLOW_EVERY_ADDRESS } from '../../core/outbound/address-policy.js';
import { createHttpExchangeClient } from '../../core/outbound/http-exchange-client.js';
import { createDryRunSmsSender } from '../../core/simulations/dry-run-sms.js';
import {
  compileDocument,
  loadScenario,
  parseTestFile,
  runTestFile,
  type LoadedScenario,
} from '../../scenario/testing/index.js';
import type { CliOutput } from '../output.js';

const TEST_FILE = /\.test\.ya?ml$/;

async function collectFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const given of paths) {
    if ((await stat(given)).isDirectory()) {
      const entries = await readdir(given, { recursive: true });
      files.push(
        ...entries
          .filter((entry) => TEST_FILE.test(entry))
          .map((entry) => path.join(given, entry))
          .sort(),
      );
    } else {
      files.push(given);
    }
  }
  return files;
}

async function scenarioOf(file: string, scenario: unknown): Promise<LoadedScenario> {
  if (typeof scenario !== 'string') return compileDocument(scenario);
  const location = path.resolve(path.dirname(file), scenario);
  return loadScenario(await readFile(location, 'utf8'), path.basename(location));
}

export async function testCommand(args: readonly string[], output: CliOutput): Promise<number> {
  if (args.length === 0) {
    output.err('usage: voxgate test PATH...   (files, or directories holding *.test.yaml)');
    return 2;
  }
  let files: string[];
  try {
    files = await collectFiles(args);
  } catch (error) {
    output.err(`voxgate: ${error instanceof Error ? error.message : 'cannot read the paths'}`);
    return 2;
  }
  // The user's own machine and their own test servers: no address is off limits (docs/outbound-requests.md).
  const http = createHttpExchangeClient({ policy: ALLOW_EVERY_ADDRESS });
  let passed = 0;
  let failed = 0;
  let broken = 0;
  try {
    for (const file of files) {
      const parsed = parseTestFile(await readFile(file, 'utf8'));
      if (!parsed.ok) {
        broken += 1;
        for (const problem of parsed.problems) output.out(`ERROR ${file}: ${problem}`);
        continue;
      }
      const scenario = await scenarioOf(file, parsed.file.scenario);
      if (!scenario.ok) {
        broken += 1;
        for (const issue of scenario.errors)
          output.out(`ERROR ${file}: scenario ${issue.path}: ${issue.code}: ${issue.message}`);
        continue;
      }
      const outcomes = await runTestFile({
        scenario: scenario.scenario,
        file: parsed.file,
        http,
        sms: createDryRunSmsSender,
        dialect: scenario.dialect,
      });
      for (const outcome of outcomes) {
        const seconds = (outcome.simulatedMs / 1000).toFixed(1);
        output.out(`${outcome.passed ? 'PASS' : 'FAIL'} ${file} › ${outcome.name} (${seconds} s simulated)`);
        for (const line of outcome.difference) output.out(`    ${line}`);
        if (outcome.passed) passed += 1;
        else failed += 1;
      }
    }
  } finally {
    await http.close();
  }
  output.out('');
  output.out(`${passed} passed, ${failed} failed${broken > 0 ? `, ${broken} file(s) could not run` : ''}`);
  if (broken > 0 && failed === 0) return 2;
  return failed > 0 || broken > 0 ? 1 : 0;
}
