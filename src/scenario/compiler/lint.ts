/**
 * Section 7's lint: warnings that never refuse a scenario. Each rule walks
 * the built tree; none of them needs more than one pass.
 */
import type { ActionNode, Block } from '../ast/nodes.js';
import type { BuildContext } from './build-context.js';
import { childBlocks } from './resolve-barge-in.js';
import { BUILT_IN_VARIABLES, STATUS_VARIABLES } from './variable-names.js';

const PROMPTS = new Set<ActionNode['kind']>(['say', 'play', 'playFromRecording', 'pause']);
const MEDIA = new Set<ActionNode['kind']>([
  'say',
  'play',
  'playFromRecording',
  'pause',
  'collect',
  'capture',
  'record',
  'machineDetection',
]);
const DIALS = new Set<ActionNode['kind']>(['dial', 'dialToMany', 'dialToWebRTC', 'dialToConversations']);

/** The block cannot be left except through its last action's Hang-up. */
function endsInHangup(block: Block): boolean {
  const last = block.actions.at(-1);
  if (last === undefined) return false;
  if (last.kind === 'hangup') return true;
  if (last.kind === 'if') return endsInHangup(last.then) && endsInHangup(last.else);
  if (last.kind === 'switch') {
    return (
      last.otherwise !== null && endsInHangup(last.otherwise) && [...last.cases.values()].every(endsInHangup)
    );
  }
  return false;
}

/**
 * The action puts a prompt just before whatever follows it (section 6.3): it is
 * a prompt, or an If or Switch one of whose branches ends in one.
 */
function endsInPrompt(node: ActionNode): boolean {
  if (PROMPTS.has(node.kind)) return true;
  if (node.kind !== 'if' && node.kind !== 'switch') return false;
  return childBlocks(node).some(({ block }) => {
    const last = block.actions.at(-1);
    return last !== undefined && endsInPrompt(last);
  });
}

/** The action is a Dial or holds one in a block it runs on the caller's leg. */
function holdsDial(node: ActionNode): boolean {
  if (DIALS.has(node.kind)) return true;
  return childBlocks(node).some(({ block }) => block.actions.some(holdsDial));
}

const LOOPS = new Set<ActionNode['kind']>(['whileDo', 'repeatUntil', 'repeatWhile', 'forEach']);

/** Variables an action (and everything inside it) writes, and whether it holds a Hang-up or Go To. */
function writesOf(node: ActionNode, into: Set<string>): boolean {
  let exits = node.kind === 'hangup' || node.kind === 'goTo';
  if (
    node.kind === 'setVariable' ||
    node.kind === 'collect' ||
    node.kind === 'capture' ||
    node.kind === 'forEach'
  ) {
    into.add(node.variable);
  } else if (node.kind === 'goTo' && node.countVariable !== null) {
    into.add(node.countVariable);
  } else if (node.kind === 'callApi') {
    into.add('callApiStatus');
    into.add('callApiOutcome');
    // A collecting Call API may set any variable.
    if (node.collectResponse) into.add('*');
  }
  for (const { block } of childBlocks(node)) {
    for (const child of block.actions) exits = writesOf(child, into) || exits;
  }
  return exits;
}

function lintLoop(ctx: BuildContext, node: ActionNode): void {
  if (node.kind !== 'whileDo' && node.kind !== 'repeatUntil' && node.kind !== 'repeatWhile') return;
  const written = new Set<string>();
  let exits = false;
  for (const child of node.body.actions) exits = writesOf(child, written) || exits;
  const read = node.condition.variables;
  const changes = written.has('*') || read.some((name) => written.has(name) || BUILT_IN_VARIABLES.has(name));
  if (!exits && !changes) {
    ctx.sink.warn(
      'LOOP_NO_EXIT',
      node.path,
      'the condition reads nothing the loop changes, and nothing leaves it',
    );
  }
}

/** `afterDial`: a Dial may have run before the block starts (section 7, MEDIA_AFTER_DIAL). */
function lintBlock(ctx: BuildContext, block: Block, afterDial = false): void {
  const stop = block.actions.findIndex(
    (node) => node.kind === 'hangup' || endsInHangup({ id: -1, actions: [node] }),
  );
  const unreachable = stop === -1 ? undefined : block.actions[stop + 1];
  if (unreachable !== undefined)
    ctx.sink.warn('UNREACHABLE', unreachable.path, 'no path reaches this action');
  block.actions.forEach((node, index) => {
    const previous = block.actions[index - 1];
    if (afterDial && MEDIA.has(node.kind)) {
      ctx.sink.warn('MEDIA_AFTER_DIAL', node.path, 'runs only if the Dial before it was not answered');
    }
    // A loop's body may run again after a Dial inside it; onAnswer runs on the callee's leg.
    const dialBeforeChild =
      node.kind === 'dial' || node.kind === 'dialToMany'
        ? false
        : afterDial || (LOOPS.has(node.kind) && holdsDial(node));
    if (holdsDial(node)) afterDial = true;
    if (
      (node.kind === 'collect' || node.kind === 'capture') &&
      (previous === undefined || !endsInPrompt(previous))
    ) {
      ctx.sink.warn('COLLECT_WITHOUT_PROMPT', node.path, 'no prompt comes just before this input');
    }
    if (node.kind === 'machineDetection') {
      const next = block.actions[index + 1];
      const reads =
        next?.kind === 'if'
          ? next.condition.variables
          : next?.kind === 'switch'
            ? next.subject.kind === 'variable'
              ? [next.subject.name]
              : next.subject.expression.variables
            : [];
      if (!reads.includes('machineAnswered') && !reads.includes('machineDetectionResult')) {
        ctx.sink.warn('AMD_RESULT_UNUSED', node.path, 'the next action does not read machineAnswered');
      }
    }
    lintLoop(ctx, node);
    for (const child of childBlocks(node)) lintBlock(ctx, child.block, dialBeforeChild);
  });
}

export function lintScenario(ctx: BuildContext, roots: readonly Block[], initial: ReadonlySet<string>): void {
  for (const root of roots) lintBlock(ctx, root);
  const reported = new Set<string>();
  for (const { name, path, order } of ctx.reads) {
    if (reported.has(name) || BUILT_IN_VARIABLES.has(name) || STATUS_VARIABLES.has(name) || initial.has(name))
      continue;
    const writes = ctx.writes.get(name) ?? [];
    // A later write can still come first when a loop repeats it or a Go To jumps back (section 7).
    const setBefore =
      writes.some((write) => write.order < order || write.inLoop) ||
      (writes.length > 0 && ctx.gotos.length > 0);
    if (setBefore) continue;
    reported.add(name);
    ctx.sink.warn(
      'VARIABLE_NOT_SET',
      path,
      writes.length === 0
        ? `"${name}" is read but nothing sets it (declare launch parameters in variables)`
        : `"${name}" is read before any action sets it`,
    );
  }
}
