/**
 * The 23 actions of the scenario language and how an element of a script is
 * recognised as one of them: the distinctive-key table of SCENARIO-LANGUAGE.md
 * section 2. Keys are case-sensitive.
 */

export const ActionKind = {
  callApi: 'callApi',
  capture: 'capture',
  collect: 'collect',
  dial: 'dial',
  dialToMany: 'dialToMany',
  dialToWebRTC: 'dialToWebRTC',
  dialToConversations: 'dialToConversations',
  forEach: 'forEach',
  goTo: 'goTo',
  hangup: 'hangup',
  if: 'if',
  machineDetection: 'machineDetection',
  pause: 'pause',
  play: 'play',
  playFromRecording: 'playFromRecording',
  record: 'record',
  repeatUntil: 'repeatUntil',
  repeatWhile: 'repeatWhile',
  say: 'say',
  sendSms: 'sendSms',
  setVariable: 'setVariable',
  switch: 'switch',
  whileDo: 'whileDo',
} as const;
export type ActionKind = (typeof ActionKind)[keyof typeof ActionKind];

export type ActionKindResult =
  | { ok: true; kind: ActionKind }
  | {
      ok: false;
      code: 'VG_ERR_SCENARIO_UNKNOWN_ACTION' | 'VG_ERR_SCENARIO_AMBIGUOUS_ACTION';
      message: string;
    };

/** Actions written as a bare string. */
const BARE_STRINGS: ReadonlyMap<string, ActionKind> = new Map([
  ['hangup', ActionKind.hangup],
  ['machineDetection', ActionKind.machineDetection],
]);

/** Keys that name an action on their own. `repeat`, `until` and `while` combine (see {@link loopKind}). */
const DISTINCTIVE_KEYS: ReadonlyMap<string, ActionKind> = new Map([
  ['request', ActionKind.callApi],
  ['capture', ActionKind.capture],
  ['collectInto', ActionKind.collect],
  ['dial', ActionKind.dial],
  ['dialToMany', ActionKind.dialToMany],
  ['dialToWebRTC', ActionKind.dialToWebRTC],
  ['dialToConversations', ActionKind.dialToConversations],
  ['for-each', ActionKind.forEach],
  ['goTo', ActionKind.goTo],
  ['if', ActionKind.if],
  ['pause', ActionKind.pause],
  ['playFromUrl', ActionKind.play],
  ['playFromRecording', ActionKind.playFromRecording],
  ['record', ActionKind.record],
  ['say', ActionKind.say],
  ['sendSms', ActionKind.sendSms],
  ['setVariable', ActionKind.setVariable],
  ['switch', ActionKind.switch],
]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The loop actions: `repeat`+`until`, `repeat`+`while`, or `while` without `repeat`. */
function loopKinds(keys: ReadonlySet<string>): ActionKind[] {
  if (!keys.has('repeat')) return keys.has('while') ? [ActionKind.whileDo] : [];
  const kinds: ActionKind[] = [];
  if (keys.has('until')) kinds.push(ActionKind.repeatUntil);
  if (keys.has('while')) kinds.push(ActionKind.repeatWhile);
  return kinds;
}

/** The request-less Call API of seed 02: only `options` (holding `method`), and optionally `actionId`. */
function isOptionsOnlyCallApi(object: Record<string, unknown>, keys: ReadonlySet<string>): boolean {
  const options = object['options'];
  const onlyOptions = [...keys].every((key) => key === 'options' || key === 'actionId');
  return onlyOptions && isPlainObject(options) && Object.hasOwn(options, 'method');
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return `a ${typeof value}`;
}

function unknownAction(message: string): ActionKindResult {
  return { ok: false, code: 'VG_ERR_SCENARIO_UNKNOWN_ACTION', message };
}

/** Tells which action a script element is, from its distinctive key (or its text, for a bare string). */
export function detectActionKind(value: unknown): ActionKindResult {
  if (typeof value === 'string') {
    const kind = BARE_STRINGS.get(value);
    if (kind !== undefined) return { ok: true, kind };
    return unknownAction(
      `${describeValue(value)} is not an action; only "hangup" and "machineDetection" are`,
    );
  }
  if (!isPlainObject(value)) {
    return unknownAction(`${describeValue(value)} is not an action; an action is an object or a bare string`);
  }
  const keys = new Set(Object.keys(value));
  const kinds = [...keys].flatMap((key) => DISTINCTIVE_KEYS.get(key) ?? []).concat(loopKinds(keys));
  const [first, second] = kinds;
  if (first === undefined) {
    if (isOptionsOnlyCallApi(value, keys)) return { ok: true, kind: ActionKind.callApi };
    const hint = keys.has('repeat') ? ' (repeat needs until or while)' : '';
    return unknownAction(`no key of the object names an action${hint}`);
  }
  if (second !== undefined) {
    return {
      ok: false,
      code: 'VG_ERR_SCENARIO_AMBIGUOUS_ACTION',
      message: `the object has the keys of several actions: ${kinds.join(', ')}`,
    };
  }
  return { ok: true, kind: first };
}
