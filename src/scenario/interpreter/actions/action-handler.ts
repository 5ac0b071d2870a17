/** The shape of every action (STYLE.md habit 3): what it needs, and how it runs. */
import type { ActionNode, Block } from '../../ast/nodes.js';
import type { CallPort } from '../../call-port.js';
import type { Expression } from '../../expressions/index.js';
import type { Flow } from '../flow.js';
import type { RunContext } from '../run-context.js';

/** What the interpreter lends an action: nested blocks, conditions and the step budget. */
export interface Executor {
  /** Runs a block: its flow at once when no action in it waited, else a promise of it. */
  runBlock(block: Block): Flow | Promise<Flow>;
  /** Evaluates a condition; an evaluation error counts as false and is recorded. */
  condition(expression: Expression, where: ActionNode): boolean;
  /** Counts one step (a loop test, an iteration); false once the budget is spent. */
  step(where: ActionNode): boolean;
  /**
   * Runs a block on another leg (a Dial's onAnswer on the callee), sharing this call's variables
   * and timeline; `released` when the block hung the leg up.
   */
  runOnLeg(block: Block, leg: CallPort, signal: AbortSignal): Promise<'completed' | 'released'>;
}

export interface ActionHandler<N extends ActionNode> {
  /** Call actions need the caller's leg: skipped after a bridge or hang-up, and they answer first. */
  readonly needsCall: boolean;
  /** False for the dial family: an unanswered call is forwarded and answered with the callee (5.4). */
  readonly answersFirst?: false;
  /**
   * Runs the action. An action that never waits returns its flow directly: the interpreter then
   * goes on without a promise or a microtask turn, which most of a script's actions never need.
   */
  run(node: N, run: RunContext, executor: Executor): Flow | Promise<Flow>;
}
