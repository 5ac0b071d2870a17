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

/** One loop pass's result: keep going, leave the loop normally, or pass a jump or stop up. */
async function pass(
  run: RunContext,
  executor: Executor,
  node: WhileDoNode | RepeatNode | ForEachNode,
): Promise<Flow | 'continue'> {
  const flow = await executor.runBlock(node.body);
  if (flow.kind !== 'next') return flow;
  return run.signal.aborted ? STOP : 'continue';
}

function loopLimit(run: RunContext, node: WhileDoNode | RepeatNode | ForEachNode, passes: number): boolean {
  if (passes < run.settings.maxLoopIterations) return false;
  run.timeline.add('loop.limit', { count: passes }, node);
  run.error('VG_RT_LOOP_LIMIT', `the loop stopped after ${passes} passes`, node);
  return true;
}

export const whileDo: ActionHandler<WhileDoNode> = {
  needsCall: false,
  async run(node, run, executor) {
    for (let passes = 0; ; passes += 1) {
      if (!executor.step(node) || !executor.condition(node.condition, node)) return NEXT;
      if (loopLimit(run, node, passes)) return NEXT;
      const flow = await pass(run, executor, node);
      if (flow !== 'continue') return flow;
    }
  },
};

export const repeat: ActionHandler<RepeatNode> = {
  needsCall: false,
  async run(node, run, executor) {
    for (let passes = 0; ; passes += 1) {
      if (loopLimit(run, node, passes)) return NEXT;
      const flow = await pass(run, executor, node);
      if (flow !== 'continue') return flow;
      if (!executor.step(node)) return NEXT;
      const test = evaluateCondition(node.condition, run.variables);
      if (test.error !== undefined) run.timeline.add('expression.error', { message: test.error }, node);
      // Repeat Until stops when its condition holds or fails to evaluate (section 5.17); Repeat While when it fails.
      if (node.kind === 'repeatUntil' ? test.value || test.error !== undefined : !test.value) return NEXT;
    }
  },
};

export const forEach: ActionHandler<ForEachNode> = {
  needsCall: false,
  async run(node, run, executor) {
    const items = run
      .render(node.items, node)
      .split(node.delimiter)
      .map((item) => item.trim())
      .filter((item) => item !== '');
    for (const [index, item] of items.entries()) {
      if (loopLimit(run, node, index) || !executor.step(node)) return NEXT;
      run.setVariable(node.variable, item, node);
      run.setVariable(`${node.variable}_Index`, String(index + 1), node);
      const flow = await pass(run, executor, node);
      if (flow !== 'continue') return flow;
    }
    return NEXT;
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
