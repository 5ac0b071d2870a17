/** Builders of control flow (sections 5.8 to 5.11, 5.17, 5.18, 5.22, 5.23). */
import type {
  Block,
  ForEachNode,
  GoToNode,
  HangupNode,
  IfNode,
  RepeatNode,
  SwitchNode,
  WhileDoNode,
} from '../ast/nodes.js';
import { numberAt, objectAt, requiredTemplate, stringAt, type BuildInput, type Draft } from './builder.js';
import { childPath } from './paths.js';

function nonEmptyBlock(input: BuildInput, key: string): Block {
  const raw = input.raw[key];
  const path = childPath(input.path, key);
  if (Array.isArray(raw) && raw.length === 0)
    input.ctx.sink.error('EMPTY_BLOCK', path, 'must hold at least one action');
  return input.block(raw ?? [], path, 'loop');
}

export function buildIf(input: BuildInput): Draft<IfNode> | null {
  const { raw, path, ctx } = input;
  const condition = ctx.expression(stringAt(raw, 'if') ?? '', childPath(path, 'if'));
  const thenRaw = raw['then'] ?? [];
  const elseRaw = raw['else'] ?? [];
  if (Array.isArray(thenRaw) && Array.isArray(elseRaw) && thenRaw.length === 0 && elseRaw.length === 0) {
    ctx.sink.error('EMPTY_BRANCHES', path, 'then or else must hold at least one action');
  }
  const thenBlock = input.block(thenRaw, childPath(path, 'then'), 'branch');
  const elseBlock = input.block(elseRaw, childPath(path, 'else'), 'branch');
  if (condition === null) return null;
  return { kind: 'if', path, actionId: input.actionId, condition, then: thenBlock, else: elseBlock };
}

export function buildSwitch(input: BuildInput): Draft<SwitchNode> | null {
  const { raw, path, ctx } = input;
  const subjectSource = stringAt(raw, 'switch') ?? '';
  const subjectPath = childPath(path, 'switch');
  let subject: SwitchNode['subject'] | null;
  if (subjectSource.startsWith('${')) {
    const expression = ctx.expression(subjectSource, subjectPath);
    subject = expression === null ? null : { kind: 'expression', expression };
  } else {
    ctx.noteRead(subjectSource, subjectPath);
    subject = { kind: 'variable', name: subjectSource };
  }
  const cases = new Map<string, Block>();
  let otherwise: Block | null = null;
  const casePath = childPath(path, 'case');
  for (const [key, block] of Object.entries(objectAt(raw, 'case'))) {
    const built = input.block(block, childPath(casePath, key), 'branch');
    if (key === '__default') otherwise = built;
    else cases.set(key, built);
  }
  if (otherwise === null)
    ctx.sink.warn('SWITCH_NO_DEFAULT', path, 'no __default: an unmatched value runs nothing');
  if (subject === null) return null;
  return { kind: 'switch', path, actionId: input.actionId, subject, cases, otherwise };
}

export function buildWhileDo(input: BuildInput): Draft<WhileDoNode> | null {
  const condition = input.ctx.expression(stringAt(input.raw, 'while') ?? '', childPath(input.path, 'while'));
  const body = nonEmptyBlock(input, 'do');
  if (condition === null) return null;
  return { kind: 'whileDo', path: input.path, actionId: input.actionId, condition, body };
}

export function buildRepeat(kind: 'repeatUntil' | 'repeatWhile') {
  return (input: BuildInput): Draft<RepeatNode> | null => {
    const key = kind === 'repeatUntil' ? 'until' : 'while';
    const condition = input.ctx.expression(stringAt(input.raw, key) ?? '', childPath(input.path, key));
    const body = nonEmptyBlock(input, 'repeat');
    if (kind === 'repeatUntil') {
      input.ctx.sink.warn('DEPRECATED_ACTION', input.path, 'Repeat Until is deprecated; use Repeat While');
    }
    if (condition === null) return null;
    return { kind, path: input.path, actionId: input.actionId, body, condition };
  };
}

export function buildForEach(input: BuildInput): Draft<ForEachNode> | null {
  const { raw, path, ctx } = input;
  const variable = ctx.target(stringAt(raw, 'for-each') ?? '', childPath(path, 'for-each'));
  ctx.noteWrite(`${variable}_Index`);
  const items = requiredTemplate(input, raw, 'in', path);
  const body = nonEmptyBlock(input, 'do');
  if (items === null) return null;
  return {
    kind: 'forEach',
    path,
    actionId: input.actionId,
    variable,
    items,
    delimiter: stringAt(raw, 'delimiter') ?? ',',
    body,
  };
}

/** The target is resolved once the whole tree is built (compile-scenario.ts). */
export function buildGoTo(input: BuildInput): Draft<GoToNode> {
  const { raw, path, ctx } = input;
  const options = objectAt(raw, 'options');
  const countSource = stringAt(options, 'countVariable');
  const countVariable =
    countSource === undefined
      ? null
      : ctx.target(countSource, childPath(childPath(path, 'options'), 'countVariable'));
  const node: Draft<GoToNode> = {
    kind: 'goTo',
    path,
    actionId: input.actionId,
    target: numberAt(raw, 'goTo') ?? -1,
    targetBlockId: -1,
    targetIndex: -1,
    goToLimit: numberAt(options, 'goToLimit') ?? 100,
    countVariable,
  };
  return node;
}

export function buildHangup(input: BuildInput): Draft<HangupNode> {
  return { kind: 'hangup', path: input.path, actionId: null };
}
