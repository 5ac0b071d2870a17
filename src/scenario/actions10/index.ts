/**
 * The ACTIONS10 dialect (SCENARIO-LANGUAGE.md section 1.1): YAML apps of seed 04, translated to the
 * canonical script and compiled by the canonical compiler, with every issue on a YAML path.
 */
export {
  compileActions10,
  type CompileActions10Options,
  type CompileActions10Result,
} from './compile-actions10.js';
export {
  translateActions10,
  type TranslateActions10Options,
  type TranslateActions10Result,
} from './translate.js';
export { translateStartVariables, type StartVariablesResult } from './variables.js';
export { ACTIONS10_ACTIONS } from './action-catalog.js';
export { ENTRY_BRANCHES, type Actions10Start } from './branch-table.js';
export { MAX_ACTIONS10_SOURCE_BYTES, MAX_YAML_ALIAS_COUNT } from './yaml-source.js';
