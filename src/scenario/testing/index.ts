export { compileDocument, loadScenario, type LoadedScenario } from './load-scenario.js';
export { matchEvents, matchesSubset } from './match-events.js';
export { parseTestFile, ScenarioTestFile, type ParsedTestFile } from './test-file.js';
export { runTestFile, TEST_START_MS, type TestOutcome } from './run-test-file.js';
