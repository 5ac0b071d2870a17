/**
 * Builds one block: detects each action's kind, checks its shape, enforces
 * where it may stand (hooks, onAnswer), records its actionId and position,
 * and hands it to its kind's builder.
 */
import type { ActionNode, Block } from '../ast/nodes.js';
import { detectActionKind, type ActionKind } from '../schemas/index.js';
import { buildCallApi, buildSendSms, buildSetVariable } from './build-services.js';
import type { BuildContext, BuildScope, Position } from './build-context.js';
import { buildDial, buildDialToConversations, buildDialToMany, buildDialToWebRtc } from './build-dials.js';
import {
  buildForEach,
  buildGoTo,
  buildHangup,
  buildIf,
  buildRepeat,
  buildSwitch,
  buildWhileDo,
} from './build-control.js';
import {
  buildCapture,
  buildCollect,
  buildMachineDetection,
  buildPause,
  buildPlay,
  buildPlayFromRecording,
  buildRecord,
  buildSay,
} from './build-prompts.js';
import type { BuildInput, Draft, NestedBlockKind, NodeBuilder } from './builder.js';
import { childPath } from './paths.js';
import { checkActionShape } from './schema-check.js';

const BUILDERS = {
  callApi: buildCallApi,
  capture: buildCapture,
  collect: buildCollect,
  dial: buildDial,
  dialToMany: buildDialToMany,
  dialToWebRTC: buildDialToWebRtc,
  dialToConversations: buildDialToConversations,
  forEach: buildForEach,
  goTo: buildGoTo,
  hangup: buildHangup,
  if: buildIf,
  machineDetection: buildMachineDetection,
  pause: buildPause,
  play: buildPlay,
  playFromRecording: buildPlayFromRecording,
  record: buildRecord,
  repeatUntil: buildRepeat('repeatUntil'),
  repeatWhile: buildRepeat('repeatWhile'),
  say: buildSay,
  sendSms: buildSendSms,
  setVariable: buildSetVariable,
  switch: buildSwitch,
  whileDo: buildWhileDo,
} satisfies Record<ActionKind, NodeBuilder>;

/** Actions that need the caller's leg (section 2): not allowed in onHangup. */
export const CALL_ACTIONS: ReadonlySet<ActionKind> = new Set<ActionKind>([
  'capture',
  'collect',
  'dial',
  'dialToMany',
  'dialToWebRTC',
  'dialToConversations',
  'machineDetection',
  'pause',
  'play',
  'playFromRecording',
  'record',
  'say',
]);

/** Not allowed in a Dial's onAnswer block (section 5.4). */
const NOT_IN_ON_ANSWER: ReadonlySet<ActionKind> = new Set<ActionKind>([
  'dial',
  'dialToMany',
  'dialToWebRTC',
  'dialToConversations',
  'record',
  'capture',
]);

function registerActionId(
  ctx: BuildContext,
  raw: unknown,
  path: string,
  chain: readonly Position[],
): number | null {
  if (typeof raw !== 'object' || raw === null || !('actionId' in raw)) return null;
  const id: unknown = raw.actionId;
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id > 2147483647) return null;
  const idPath = childPath(path, 'actionId');
  const existing = ctx.actionIds.get(id);
  if (existing !== undefined) {
    ctx.sink.error('DUPLICATE_ACTION_ID', idPath, `actionId ${id} is already used at ${existing.path}`);
    return id;
  }
  ctx.actionIds.set(id, { path, chain });
  return id;
}

function checkPlacement(ctx: BuildContext, kind: ActionKind, path: string, scope: BuildScope): void {
  if (scope.inHook && CALL_ACTIONS.has(kind)) {
    ctx.sink.error(
      'NOT_ALLOWED_IN_HOOK',
      path,
      'onHangup runs after the call: it cannot play, collect or dial',
    );
  }
  if (scope.inOnAnswer && NOT_IN_ON_ANSWER.has(kind)) {
    ctx.sink.error('NOT_ALLOWED_IN_ON_ANSWER', path, 'onAnswer cannot dial, record or capture');
  }
}

export function buildBlock(ctx: BuildContext, raw: unknown, path: string, scope: BuildScope): Block {
  const id = ctx.newBlockId();
  const actions: Draft<ActionNode>[] = [];
  if (!Array.isArray(raw)) {
    ctx.sink.error('TYPE', path, 'must be an array of actions');
    return freezeLater(ctx, { id, actions });
  }
  raw.forEach((item: unknown, index) => {
    const itemPath = childPath(path, index);
    const position: Position = { blockId: id, index };
    const chain = [...scope.chain, position];
    ctx.actionCount += 1;
    const detected = detectActionKind(item);
    if (!detected.ok) {
      ctx.sink.error(detected.code.replace('VG_ERR_SCENARIO_', ''), itemPath, detected.message);
      return;
    }
    const actionId = registerActionId(ctx, item, itemPath, chain);
    checkPlacement(ctx, detected.kind, itemPath, scope);
    if (!checkActionShape(detected.kind, item, itemPath, ctx.sink)) return;
    const input: BuildInput = {
      raw: typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {},
      path: itemPath,
      actionId,
      scope: { ...scope, chain },
      ctx,
      block: (nested, nestedPath, kind: NestedBlockKind) => {
        if (kind === 'loop') ctx.loopDepth += 1;
        try {
          return buildBlock(ctx, nested, nestedPath, {
            chain,
            inHook: scope.inHook,
            inOnAnswer: scope.inOnAnswer || kind === 'onAnswer',
          });
        } finally {
          if (kind === 'loop') ctx.loopDepth -= 1;
        }
      },
    };
    const node = BUILDERS[detected.kind](input);
    if (node === null) return;
    if (node.kind === 'goTo') ctx.gotos.push({ node, chain, path: itemPath });
    actions.push(node);
  });
  return freezeLater(ctx, { id, actions });
}

function freezeLater(ctx: BuildContext, block: Block): Block {
  ctx.blocks.set(block.id, block);
  return block;
}
