export {
  compileScenario,
  type CompileOptions,
  type CompileResult,
  type ScenarioDocument,
} from './compile-scenario.js';
export { DEFAULT_COMPILER_LIMITS, ALL_ADDONS, type Addon, type CompilerLimits } from './compiler-limits.js';
export type { ScenarioIssue } from './scenario-issue.js';
export { BUILT_IN_VARIABLES, STATUS_VARIABLES, checkVariableName } from './variable-names.js';
