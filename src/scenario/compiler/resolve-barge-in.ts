/**
 * Barge-in chains (section 6.3): a Say, Play, Play From Recording or Pause is
 * interruptible when its static successors reach a Collect or Capture through
 * such prompts only. At the end of a then/else/case block the successor is the
 * action after the If or Switch; loops and hooks end the chain.
 */
import type { ActionNode, Block } from '../ast/nodes.js';
import { EXPLICIT_BARGE_IN } from './build-prompts.js';

const PROMPTS = new Set<ActionNode['kind']>(['say', 'play', 'playFromRecording', 'pause']);
const INPUTS = new Set<ActionNode['kind']>(['collect', 'capture']);

export function resolveBargeIn(block: Block, continuesToInput = false): void {
  const actions = block.actions;
  // leadsToInput[i]: whatever follows action i reaches an input through prompts only.
  const leadsToInput: boolean[] = new Array<boolean>(actions.length).fill(false);
  for (let i = actions.length - 1; i >= 0; i -= 1) {
    const next = actions[i + 1];
    if (next === undefined) leadsToInput[i] = continuesToInput;
    else if (INPUTS.has(next.kind)) leadsToInput[i] = true;
    else if (PROMPTS.has(next.kind)) leadsToInput[i] = leadsToInput[i + 1] ?? false;
    else leadsToInput[i] = false;
  }
  actions.forEach((node, i) => {
    const follows = leadsToInput[i] ?? false;
    if (
      node.kind === 'say' ||
      node.kind === 'play' ||
      node.kind === 'playFromRecording' ||
      node.kind === 'pause'
    ) {
      const draft = node as typeof node & { interruptible: boolean; [EXPLICIT_BARGE_IN]?: boolean };
      draft.interruptible = draft[EXPLICIT_BARGE_IN] ?? follows;
      delete draft[EXPLICIT_BARGE_IN];
    }
    for (const child of childBlocks(node)) resolveBargeIn(child.block, child.branch ? follows : false);
  });
}

/** The blocks an action holds; `branch` marks then/else/case blocks, whose end continues after the action. */
export function childBlocks(node: ActionNode): { block: Block; branch: boolean }[] {
  switch (node.kind) {
    case 'if':
      return [
        { block: node.then, branch: true },
        { block: node.else, branch: true },
      ];
    case 'switch':
      return [...node.cases.values(), ...(node.otherwise === null ? [] : [node.otherwise])].map((block) => ({
        block,
        branch: true,
      }));
    case 'whileDo':
    case 'repeatUntil':
    case 'repeatWhile':
    case 'forEach':
      return [{ block: node.body, branch: false }];
    case 'dial':
    case 'dialToMany':
      return node.onAnswer === null ? [] : [{ block: node.onAnswer, branch: false }];
    case 'callApi':
    case 'capture':
    case 'collect':
    case 'dialToWebRTC':
    case 'dialToConversations':
    case 'goTo':
    case 'hangup':
    case 'machineDetection':
    case 'pause':
    case 'play':
    case 'playFromRecording':
    case 'record':
    case 'say':
    case 'sendSms':
    case 'setVariable':
      return [];
    default: {
      const unreachable: never = node;
      return unreachable;
    }
  }
}
