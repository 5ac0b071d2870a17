/**
 * Runs the tests of one file against its scenario on the simulator and
 * reports, for each, pass or the first difference.
 */
import type { CompiledScenario } from '../ast/nodes.js';
import type { HttpClient, SmsSender } from '../interpreter/services.js';
import { simulate, type SimulationResult } from '../simulator/index.js';
import { matchEvents, matchesSubset, type EventMismatch } from './match-events.js';
import type { ScenarioTest, ScenarioTestFile } from './test-file.js';

export interface TestOutcome {
  readonly name: string;
  readonly passed: boolean;
  /** Lines explaining the first difference; empty when passed. */
  readonly difference: readonly string[];
  readonly simulatedMs: number;
}

export interface RunTestsOptions {
  readonly scenario: CompiledScenario;
  readonly file: ScenarioTestFile;
  readonly http: HttpClient;
  readonly sms: () => SmsSender;
  readonly dialect: string;
}

/** A fixed virtual start, so times and startTime are the same on every run. */
export const TEST_START_MS = Date.parse('2026-01-01T09:00:00.000Z');

function show(value: unknown): string {
  return JSON.stringify(value);
}

function describeMismatch(mismatch: EventMismatch): string[] {
  return [
    `event #${mismatch.expectedIndex + 1} of the expectation: ${mismatch.reason}`,
    `  - expected: ${show(mismatch.expected)}`,
    `  + actual:   ${mismatch.closest === null ? '(none)' : show({ type: mismatch.closest.type, path: mismatch.closest.path, data: mismatch.closest.data })}`,
  ];
}

function compare(test: ScenarioTest, result: SimulationResult): string[] {
  const expect = test.expect;
  if (expect.events !== undefined) {
    const mismatch = matchEvents(expect.events, result.events, expect.match ?? 'subset');
    if (mismatch !== null) return describeMismatch(mismatch);
  }
  for (const [name, value] of Object.entries(expect.variables ?? {})) {
    const actual = result.variables[name];
    if (actual !== String(value))
      return [
        `variable ${name}`,
        `  - expected: ${show(String(value))}`,
        `  + actual:   ${show(actual ?? null)}`,
      ];
  }
  if (expect.ended !== undefined) {
    const ended = { hangupBy: result.hangupBy, hangupCause: result.hangupCause, durationS: result.durationS };
    if (!matchesSubset(expect.ended, ended))
      return ['how the call ended', `  - expected: ${show(expect.ended)}`, `  + actual:   ${show(ended)}`];
  }
  return [];
}

export async function runTestFile(options: RunTestsOptions): Promise<TestOutcome[]> {
  const outcomes: TestOutcome[] = [];
  for (const test of options.file.tests) {
    const result = await simulate({
      scenario: options.scenario,
      caller: test.caller ?? {},
      from: test.from ?? options.file.from ?? '+15550100001',
      to: test.to ?? options.file.to ?? '+15550100002',
      ...(test.direction === undefined ? {} : { direction: test.direction }),
      parameters: { ...options.file.parameters, ...test.parameters },
      identity: { scenarioId: 'TEST', scenarioName: test.name },
      http: options.http,
      sms: options.sms(),
      startMs: TEST_START_MS,
      dialect: options.dialect,
    });
    const difference = compare(test, result);
    outcomes.push({
      name: test.name,
      passed: difference.length === 0,
      difference,
      simulatedMs: result.elapsedMs,
    });
  }
  return outcomes;
}
