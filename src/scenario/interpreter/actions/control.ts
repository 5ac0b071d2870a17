/** Control flow (sections 5.8 to 5.11, 5.17, 5.18, 5.21 to 5.23). */
import type {
  ForEachNode,
  GoToNode,
  HangupNode,
  IfNode,
  RepeatNode,
  SetVariableNode,
  SwitchNode,
  WhileDoNode,
} from '../../ast/nodes.js';
import { evaluate, evaluateCondition, toText } from '../../expressions/index.js';
import { NEXT, STOP, type Flow } from '../flow.js';
import type { RunContext } from '../run-context.js';
import type { ActionHandler, Executor } from './action-handler.js';

export const ifThenElse: ActionHandler<IfNode> = {
  needsCall: false,
  run(node, _run, executor) {
    return executor.runBlock(executor.condition(node.condition, node) ? node.then : node.else);
  },
};

export const switchCase: ActionHandler<SwitchNode> = {
  needsCall: false,
  run(node, run, executor) {
    let value: string;
    if (node.subject.kind === 'variable') value = run.variables.get(node.subject.name) ?? '';
    else {
      const result = evaluate(node.subject.expression, run.variables);
      if (!result.ok) run.timeline.add('expression.error', { message: result.message }, node);
      value = result.ok ? toText(result.value) : '';
    }
    // Keys compare exactly: case-sensitive, no numeric coercion (section 5.22).
    const block = node.cases.get(value) ?? node.otherwise;
    return block === null ? NEXT : executor.runBlock(block);
  },
};

/** A loop pass's flow: keep going, or leave the loop with this flow (a jump, a stop, or a hang-up). */
function afterPass(run: RunContext, flow: Flow): Flow | 'continue' {
  if (flow.kind !== 'next') return flow;
  return run.signal.aborted ? STOP : 'continue';
}

function loopLimit(run: RunContext, node: WhileDoNode | RepeatNode | ForEachNode, passes: number): boolean {
  if (passes < run.settings.maxLoopIterations) return false;
  run.timeline.add('loop.limit', { count: passes }, node);
  run.error('VG_RT_LOOP_LIMIT', `the loop stopped after ${passes} passes`, node);
  return true;
}

/*
 * The loops run their passes synchronously while the body does, and go on from a pass that waited
 * once it ends: a loop over control actions costs no promise per pass.
 */

function whileFrom(
  node: WhileDoNode,
  run: RunContext,
  executor: Executor,
  passes: number,
): Flow | Promise<Flow> {
  for (; ; passes += 1) {
    if (!executor.step(node) || !executor.condition(node.condition, node)) return NEXT;
    if (loopLimit(run, node, passes)) return NEXT;
    const flow = executor.runBlock(node.body);
    const done = passes;
    if (flow instanceof Promise)
      return flow.then((ended) => {
        const after = afterPass(run, ended);
        return after === 'continue' ? whileFrom(node, run, executor, done + 1) : after;
      });
    const after = afterPass(run, flow);
    if (after !== 'continue') return after;
  }
}

export const whileDo: ActionHandler<WhileDoNode> = {
  needsCall: false,
  run(node, run, executor) {
    return whileFrom(node, run, executor, 0);
  },
};

/** After a pass: the step, the test, and whether the loop goes on (section 5.17). */
function repeatGoesOn(node: RepeatNode, run: RunContext, executor: Executor): boolean {
  if (!executor.step(node)) return false;
  const test = evaluateCondition(node.condition, run.variables);
  if (test.error !== undefined) run.timeline.add('expression.error', { message: test.error }, node);
  // Repeat Until stops when its condition holds or fails to evaluate (section 5.17); Repeat While when it fails.
  return node.kind === 'repeatUntil' ? !(test.value || test.error !== undefined) : test.value;
}

function repeatFrom(
  node: RepeatNode,
  run: RunContext,
  executor: Executor,
  passes: number,
): Flow | Promise<Flow> {
  for (; ; passes += 1) {
    if (loopLimit(run, node, passes)) return NEXT;
    const flow = executor.runBlock(node.body);
    const done = passes;
    if (flow instanceof Promise)
      return flow.then((ended) => {
        const after = afterPass(run, ended);
        if (after !== 'continue') return after;
        return repeatGoesOn(node, run, executor) ? repeatFrom(node, run, executor, done + 1) : NEXT;
      });
    const after = afterPass(run, flow);
    if (after !== 'continue') return after;
    if (!repeatGoesOn(node, run, executor)) return NEXT;
  }
}

export const repeat: ActionHandler<RepeatNode> = {
  needsCall: false,
  run(node, run, executor) {
    return repeatFrom(node, run, executor, 0);
  },
};

function forEachFrom(
  node: ForEachNode,
  run: RunContext,
  executor: Executor,
  items: readonly string[],
  start: number,
): Flow | Promise<Flow> {
  for (let index = start; index < items.length; index += 1) {
    if (loopLimit(run, node, index) || !executor.step(node)) return NEXT;
    run.setVariable(node.variable, items[index] as string, node);
    run.setVariable(`${node.variable}_Index`, String(index + 1), node);
    const flow = executor.runBlock(node.body);
    const done = index;
    if (flow instanceof Promise)
      return flow.then((ended) => {
        const after = afterPass(run, ended);
        return after === 'continue' ? forEachFrom(node, run, executor, items, done + 1) : after;
      });
    const after = afterPass(run, flow);
    if (after !== 'continue') return after;
  }
  return NEXT;
}

export const forEach: ActionHandler<ForEachNode> = {
  needsCall: false,
  run(node, run, executor) {
    const items = run
      .render(node.items, node)
      .split(node.delimiter)
      .map((item) => item.trim())
      .filter((item) => item !== '');
    return forEachFrom(node, run, executor, items, 0);
  },
};

export const goTo: ActionHandler<GoToNode> = {
  needsCall: false,
  run(node, run) {
    const passes = (run.gotoPasses.get(node) ?? 0) + 1;
    run.gotoPasses.set(node, passes);
    if (node.countVariable !== null) run.setVariable(node.countVariable, String(passes), node);
    if (passes > node.goToLimit || run.jumps >= run.settings.maxGotoJumps) {
      run.timeline.add('goto.limit', { target: node.target, count: passes }, node);
      if (run.jumps >= run.settings.maxGotoJumps)
        run.error('VG_RT_GOTO_LIMIT', 'the call used all its jumps', node);
      return NEXT;
    }
    run.jumps += 1;
    run.timeline.add('goto.jump', { target: node.target, count: passes }, node);
    return { kind: 'jump', blockId: node.targetBlockId, index: node.targetIndex };
  },
};

export const hangup: ActionHandler<HangupNode> = {
  needsCall: false,
  run(_node, run) {
    // After a bridge the call is already released: Hang-up only ends the main script (section 5.10).
    if (run.state !== 'POST_BRIDGE') run.stop('scenario', 'BYE');
    return STOP;
  },
};

export const setVariable: ActionHandler<SetVariableNode> = {
  needsCall: false,
  run(node, run) {
    run.setVariable(node.variable, run.render(node.value, node), node);
    return NEXT;
  },
};
