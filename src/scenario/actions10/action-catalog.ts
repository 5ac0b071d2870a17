/**
 * The ACTIONS10 actions Voxgate translates, by name (SCENARIO-LANGUAGE.md section 1.1: "exactly
 * these actions and parameters are supported"), and the reading of an item's `action: name@vN`.
 * Any other name (`log@v1`, `route@v1`) is `A10_UNKNOWN_ACTION`; a known name with a version it does
 * not list (`say@v3`), or none, is `A10_UNSUPPORTED_VERSION`.
 */
import type { ActionSpec } from './actions/action-spec.js';
import { bridgeAction } from './actions/bridge.js';
import { dialAction } from './actions/dial.js';
import { fetchAction } from './actions/fetch.js';
import { gatherAction } from './actions/gather.js';
import { hangupAction } from './actions/hangup.js';
import { sayAction } from './actions/say.js';
import { startRecordingAction } from './actions/start-recording.js';
import type { IssueCollector } from './issue-collector.js';

export const ACTIONS10_ACTIONS: ReadonlyMap<string, ActionSpec> = new Map([
  ['say', sayAction],
  ['gather', gatherAction],
  ['dial', dialAction],
  ['bridge', bridgeAction],
  ['fetch', fetchAction],
  ['startRecording', startRecordingAction],
  ['hangup', hangupAction],
]);

const ACTION_NAME = /^([^@]*)(?:@(.*))?$/s;

/** The spec of `name@version` at `path`, or null with the reason reported. */
export function findAction(issues: IssueCollector, raw: unknown, path: string): ActionSpec | null {
  if (typeof raw !== 'string') {
    issues.error('TYPE', path, 'must be a string such as say@v2');
    return null;
  }
  const [, name = '', version] = ACTION_NAME.exec(raw) ?? [];
  const spec = ACTIONS10_ACTIONS.get(name);
  if (spec === undefined) {
    const known = [...ACTIONS10_ACTIONS.keys()].join(', ');
    issues.error('A10_UNKNOWN_ACTION', path, `unknown action "${name}"; supported: ${known}`);
    return null;
  }
  if (version === undefined || !spec.versions.includes(version)) {
    const listed = spec.versions.map((v) => `${name}@${v}`).join(' or ');
    const written = version === undefined ? 'no version' : `version "${version}"`;
    issues.error('A10_UNSUPPORTED_VERSION', path, `${written} for ${name}; use ${listed}`);
    return null;
  }
  return spec;
}
