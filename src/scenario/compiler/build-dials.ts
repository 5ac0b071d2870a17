/** Builders of the dial family (sections 5.4 to 5.7). */
import type {
  DialNode,
  DialOptions,
  DialToConversationsNode,
  DialToManyNode,
  DialToWebRtcNode,
} from '../ast/nodes.js';
import {
  booleanAt,
  numberAt,
  objectAt,
  requiredTemplate,
  stringAt,
  type BuildInput,
  type Draft,
} from './builder.js';
import { isDialableNumber, literalText } from './literal-checks.js';
import { childPath } from './paths.js';

function dialOptions(
  input: BuildInput,
  options: Readonly<Record<string, unknown>>,
  optionsPath: string,
): DialOptions {
  const { ctx } = input;
  let senderId = null;
  const senderSource = stringAt(options, 'senderId');
  if (senderSource !== undefined) {
    const senderPath = childPath(optionsPath, 'senderId');
    senderId = ctx.template(senderSource, senderPath);
    const literal = senderId === null ? null : literalText(senderId);
    if (literal !== null && literal !== 'BLOCKED' && !isDialableNumber(literal)) {
      ctx.sink.error('INVALID_NUMBER', senderPath, 'must be an E.164 number or BLOCKED');
    }
  }
  const record = booleanAt(options, 'record') ?? false;
  if (record) ctx.requireAddon('recording', childPath(optionsPath, 'record'));
  const onAnswerRaw = options['onAnswer'];
  const maxCallDuration = numberAt(options, 'maxCallDuration');
  return {
    senderId,
    maxCallDurationS:
      maxCallDuration === undefined ? null : Math.min(maxCallDuration, ctx.limits.maxCallDurationS),
    ringTimeoutS: numberAt(options, 'ringTimeout') ?? ctx.limits.ringTimeoutS,
    record,
    onAnswer:
      onAnswerRaw === undefined
        ? null
        : input.block(onAnswerRaw, childPath(optionsPath, 'onAnswer'), 'onAnswer'),
  };
}

function noteDialOutcome(input: BuildInput): void {
  for (const name of ['dialStatus', 'dialAnsweredNumber', 'dialDuration']) input.ctx.noteWrite(name);
}

export function buildDial(input: BuildInput): Draft<DialNode> | null {
  const { raw, path, ctx } = input;
  const destination = requiredTemplate(input, raw, 'dial', path);
  const literal = destination === null ? null : literalText(destination);
  if (literal !== null && !isDialableNumber(literal, { sip: true })) {
    ctx.sink.error(
      'INVALID_NUMBER',
      childPath(path, 'dial'),
      'must be an E.164 number (+ optional) or sip:<subscriber>',
    );
  }
  noteDialOutcome(input);
  const options = dialOptions(input, objectAt(raw, 'options'), childPath(path, 'options'));
  if (destination === null) return null;
  return { kind: 'dial', path, actionId: input.actionId, destination, ...options };
}

export function buildDialToMany(input: BuildInput): Draft<DialToManyNode> | null {
  const { raw, path, ctx } = input;
  const entries: DialToManyNode['entries'][number][] = [];
  const list = Array.isArray(raw['dialToMany']) ? (raw['dialToMany'] as Record<string, unknown>[]) : [];
  let literalCount = 0;
  list.forEach((entry, index) => {
    const entryPath = childPath(childPath(path, 'dialToMany'), index);
    const key = 'numbers' in entry ? 'numbers' : 'number';
    const numbers = ctx.template(stringAt(entry, key) ?? '', childPath(entryPath, key));
    if (numbers === null) return;
    const literal = literalText(numbers);
    if (literal !== null) {
      const items = literal
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '');
      literalCount += items.length;
      for (const item of items) {
        if (!isDialableNumber(item))
          ctx.sink.error('INVALID_NUMBER', childPath(entryPath, key), `"${item}" is not an E.164 number`);
      }
    }
    entries.push({ numbers, ringTimeoutS: numberAt(entry, 'ringTimeout') ?? null });
  });
  if (literalCount > ctx.limits.maxDialTargets) {
    ctx.sink.error(
      'OUT_OF_RANGE',
      childPath(path, 'dialToMany'),
      `at most ${ctx.limits.maxDialTargets} numbers`,
    );
  }
  noteDialOutcome(input);
  const rawOptions = objectAt(raw, 'options');
  const options = dialOptions(input, rawOptions, childPath(path, 'options'));
  return {
    kind: 'dialToMany',
    path,
    actionId: input.actionId,
    entries,
    parallel: booleanAt(rawOptions, 'parallel') ?? false,
    ...options,
  };
}

export function buildDialToWebRtc(input: BuildInput): Draft<DialToWebRtcNode> | null {
  const { raw, path, ctx } = input;
  const identity = requiredTemplate(input, raw, 'dialToWebRTC', path);
  const options = objectAt(raw, 'options');
  const record = booleanAt(options, 'record') ?? false;
  if (record) ctx.requireAddon('recording', childPath(childPath(path, 'options'), 'record'));
  noteDialOutcome(input);
  if (identity === null) return null;
  const maxCallDuration = numberAt(options, 'maxCallDuration');
  return {
    kind: 'dialToWebRTC',
    path,
    actionId: input.actionId,
    identity,
    ringTimeoutS: numberAt(options, 'ringTimeout') ?? ctx.limits.ringTimeoutS,
    maxCallDurationS:
      maxCallDuration === undefined ? null : Math.min(maxCallDuration, ctx.limits.maxCallDurationS),
    record,
  };
}

export function buildDialToConversations(input: BuildInput): Draft<DialToConversationsNode> {
  const { raw, path, ctx } = input;
  const options = objectAt(objectAt(raw, 'dialToConversations'), 'options');
  const tags = options['tags'];
  noteDialOutcome(input);
  const maxCallDuration = numberAt(options, 'maxCallDuration');
  return {
    kind: 'dialToConversations',
    path,
    actionId: input.actionId,
    // A copy: the tree is frozen, the submitted document must stay as it was.
    tags: Array.isArray(tags) ? [...(tags as string[])] : null,
    tagIdentifierType: stringAt(options, 'tagIdentifierType') === 'ID' ? 'ID' : 'NAME',
    queueTimeoutS: numberAt(options, 'queueTimeout') ?? ctx.limits.queueTimeoutS,
    maxCallDurationS:
      maxCallDuration === undefined ? null : Math.min(maxCallDuration, ctx.limits.maxCallDurationS),
  };
}
