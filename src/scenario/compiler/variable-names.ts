/** Section 3's name rules: which names are valid, and which belong to the engine. */
import { VARIABLE_NAME_PATTERN } from '../schemas/index.js';

const NAME = new RegExp(VARIABLE_NAME_PATTERN);
const KEYWORDS = new Set(['true', 'false', 'null']);

/** Read-only variables the engine provides on every call. */
export const BUILT_IN_VARIABLES: ReadonlySet<string> = new Set([
  'to',
  'from',
  'callerName',
  'callId',
  'direction',
  'scenarioId',
  'scenarioName',
  'bulkId',
  'messageId',
  'attempt',
  'campaignId',
  'campaignType',
  'accountId',
  'firstName',
  'lastName',
  'startTime',
  'answerTime',
  'callDuration',
  'localTime',
  'weekday',
  'hangupBy',
  'hangupCause',
  'lastError',
  // ACTIONS10's JSON.stringify(call|app|run|recording), as translated (section 1.1).
  '__json_call',
  '__json_app',
  '__json_run',
  '__json_recording',
]);

/** Status and result variables the actions set (section 3, "Set by actions"). */
export const STATUS_VARIABLES: ReadonlySet<string> = new Set([
  'collectStatus',
  'captureStatus',
  'callApiStatus',
  'callApiOutcome',
  'dialStatus',
  'dialAnsweredNumber',
  'dialDuration',
  'machineAnswered',
  'machineDetectionResult',
  'mediaStatus',
  'recordStatus',
  'recordingId',
  'recordingUrl',
  'recordingDuration',
  'smsStatus',
  'smsMessageId',
]);

export type NameCheck = 'ok' | 'invalid' | 'reserved';

/**
 * Checks a name a script writes. `internal` allows the `__` names translators
 * generate (`__branch`, `__gather`); scripts may not.
 */
export function checkVariableName(name: string, options: { internal?: boolean } = {}): NameCheck {
  if (!NAME.test(name) || KEYWORDS.has(name)) return 'invalid';
  if (name.startsWith('__') && options.internal !== true) return 'invalid';
  if (BUILT_IN_VARIABLES.has(name) || STATUS_VARIABLES.has(name)) return 'reserved';
  return 'ok';
}
