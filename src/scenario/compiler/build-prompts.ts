/** Builders of the actions that play to the caller or read from them (sections 5.2, 5.3, 5.12 to 5.16, 5.19). */
import type {
  CaptureNode,
  CollectNode,
  MachineDetectionNode,
  PauseNode,
  PlayFromRecordingNode,
  PlayNode,
  RecordNode,
  SayNode,
  SendToReports,
} from '../ast/nodes.js';
import {
  booleanAt,
  mappedValues,
  numberAt,
  objectAt,
  requiredTemplate,
  stringAt,
  type BuildInput,
  type Draft,
} from './builder.js';
import { isHttpUrl, isMediaReference, literalText, ssmlDefect } from './literal-checks.js';
import { childPath } from './paths.js';

/** Until the barge-in pass runs, a prompt keeps its explicit choice here. */
export const EXPLICIT_BARGE_IN = Symbol('explicitBargeIn');
type WithBargeIn<T> = Draft<T> & { [EXPLICIT_BARGE_IN]?: boolean };

function withBargeIn<T extends { interruptible: boolean }>(
  node: Draft<T>,
  options: Readonly<Record<string, unknown>>,
): WithBargeIn<T> {
  const explicit = booleanAt(options, 'bargeIn');
  return explicit === undefined ? node : Object.assign(node, { [EXPLICIT_BARGE_IN]: explicit });
}

export function buildSay(input: BuildInput): WithBargeIn<SayNode> | null {
  const { raw, path, ctx } = input;
  const options = objectAt(raw, 'options');
  const text = requiredTemplate(input, raw, 'say', path);
  if (text === null) return null;
  const literal = literalText(text);
  const ssml = (stringAt(raw, 'say') ?? '').trimStart().startsWith('<speak');
  if (ssml && literal !== null) {
    const defect = ssmlDefect(literal);
    if (defect !== null) ctx.sink.error('INVALID_SSML', childPath(path, 'say'), defect);
  }
  const voice = objectAt(options, 'voice');
  const gender = stringAt(voice, 'gender');
  return withBargeIn<SayNode>(
    {
      kind: 'say',
      path,
      actionId: input.actionId,
      text,
      ssml,
      language: stringAt(options, 'language') ?? 'en',
      speechRate: numberAt(options, 'speechRate') ?? 1,
      voiceName: stringAt(voice, 'name') ?? null,
      voiceGender: gender === 'male' || gender === 'female' ? gender : null,
      interruptible: false,
    },
    options,
  );
}

export function buildPlay(input: BuildInput): WithBargeIn<PlayNode> | null {
  const { raw, path, ctx } = input;
  const url = requiredTemplate(input, raw, 'playFromUrl', path);
  if (url === null) return null;
  const literal = literalText(url);
  if (literal !== null && !isHttpUrl(literal) && !isMediaReference(literal)) {
    ctx.sink.error('INVALID_URL', childPath(path, 'playFromUrl'), 'must be an http(s) URL or media:<id>');
  }
  return withBargeIn<PlayNode>(
    { kind: 'play', path, actionId: input.actionId, url, interruptible: false },
    objectAt(raw, 'options'),
  );
}

export function buildPause(input: BuildInput): WithBargeIn<PauseNode> {
  const seconds = numberAt(input.raw, 'pause') ?? 0;
  return withBargeIn<PauseNode>(
    {
      kind: 'pause',
      path: input.path,
      actionId: input.actionId,
      durationMs: Math.round(seconds * 1000),
      interruptible: false,
    },
    objectAt(input.raw, 'options'),
  );
}

export function buildPlayFromRecording(input: BuildInput): WithBargeIn<PlayFromRecordingNode> | null {
  const { raw, path } = input;
  const value = raw['playFromRecording'];
  let reference: PlayFromRecordingNode['reference'];
  if (value === null || value === undefined) reference = { kind: 'last' };
  else if (typeof value === 'number') reference = { kind: 'index', index: value };
  else if (typeof value === 'string' && /^[0-9]+$/.test(value) && Number(value) >= 1) {
    reference = { kind: 'index', index: Number(value) };
  } else {
    const template = input.ctx.template(
      typeof value === 'string' ? value : '',
      childPath(path, 'playFromRecording'),
    );
    if (template === null) return null;
    reference = { kind: 'identifier', template };
  }
  return withBargeIn<PlayFromRecordingNode>(
    { kind: 'playFromRecording', path, actionId: input.actionId, reference, interruptible: false },
    objectAt(raw, 'options'),
  );
}

export function buildRecord(input: BuildInput): Draft<RecordNode> | null {
  const { raw, path, ctx } = input;
  const options = objectAt(raw, 'options');
  ctx.requireAddon('recording', path);
  let identifier = null;
  const identifierSource = stringAt(options, 'identifier');
  if (identifierSource !== undefined) {
    const identifierPath = childPath(childPath(path, 'options'), 'identifier');
    identifier = ctx.template(identifierSource, identifierPath);
    const literal = identifier === null ? null : literalText(identifier);
    if (literal !== null && /^[0-9]+$/.test(literal)) {
      ctx.sink.error(
        'INVALID_IDENTIFIER',
        identifierPath,
        'an identifier cannot be digits only (digits name the Nth recording)',
      );
    }
  }
  ctx.noteWrite('recordStatus');
  const duration = numberAt(raw, 'record');
  return {
    kind: 'record',
    path,
    actionId: input.actionId,
    maxDurationS: duration ?? null,
    escapeDigits: stringAt(options, 'escapeDigits') ?? '',
    beep: booleanAt(options, 'beep') ?? false,
    maxSilenceS: numberAt(options, 'maxSilence') ?? null,
    identifier,
  };
}

function sendToReports(options: Readonly<Record<string, unknown>>): SendToReports {
  const value = stringAt(options, 'sendToReports');
  return value === 'MASKED' || value === 'NEVER' ? value : 'ALWAYS';
}

export function buildCollect(input: BuildInput): Draft<CollectNode> {
  const { raw, path, ctx } = input;
  const options = objectAt(raw, 'options');
  const variable = ctx.target(stringAt(raw, 'collectInto') ?? '', childPath(path, 'collectInto'));
  ctx.noteWrite(`${variable}_Meaning`);
  const maxInputLength = numberAt(options, 'maxInputLength') ?? 0;
  const timeoutS = numberAt(options, 'timeout') ?? 5;
  return {
    kind: 'collect',
    path,
    actionId: input.actionId,
    variable,
    maxInputLength: maxInputLength === 0 ? 255 : maxInputLength,
    timeoutMs: timeoutS * 1000,
    interDigitTimeoutMs: (numberAt(options, 'interDigitTimeout') ?? timeoutS) * 1000,
    sendToReports: sendToReports(options),
    mappedValues: mappedValues(input, options, childPath(path, 'options')),
  };
}

export function buildCapture(input: BuildInput): Draft<CaptureNode> {
  const { raw, path, ctx } = input;
  ctx.requireAddon('speech', path);
  const speech = objectAt(raw, 'speechOptions');
  const dtmf = objectAt(raw, 'dtmfOptions');
  const variable = ctx.target(stringAt(raw, 'capture') ?? '', childPath(path, 'capture'));
  ctx.noteWrite(`${variable}_Full`);
  ctx.noteWrite(`${variable}_Meaning`);
  const phrases = speech['keyPhrases'];
  return {
    kind: 'capture',
    path,
    actionId: input.actionId,
    variable,
    timeoutMs: (numberAt(raw, 'timeout') ?? 5) * 1000,
    language: stringAt(speech, 'language') ?? 'en-US',
    // A copy: the tree is frozen, the submitted document must stay as it was.
    keyPhrases: Array.isArray(phrases) ? [...(phrases as string[])] : null,
    maxSilenceMs: (numberAt(speech, 'maxSilence') ?? 2) * 1000,
    maxInputLength: numberAt(dtmf, 'maxInputLength') ?? 255,
    mappedValues: mappedValues(input, dtmf, childPath(path, 'dtmfOptions')),
    sendToReports: sendToReports(raw),
  };
}

export function buildMachineDetection(input: BuildInput): Draft<MachineDetectionNode> {
  input.ctx.requireAddon('amd', input.path);
  return { kind: 'machineDetection', path: input.path, actionId: null };
}
