/**
 * The interpreter (section 6): runs a compiled scenario against a CallPort,
 * one action at a time, with the step budget, the duration limit, post-bridge
 * mode and the onHangup hook. Nothing is thrown to the telephony layer: a
 * failure is an outcome, and an unexpected exception releases the call.
 */
import { ENGINE_ABORT } from './abort-reason.js';
import type { ActionNode, Block, CompiledScenario } from '../ast/nodes.js';
import type { CallPort } from '../call-port.js';
import { evaluateCondition, type Expression } from '../expressions/index.js';
import { ACTION_HANDLERS, type ActionHandler, type Executor } from './actions/index.js';
import { builtInVariables, type RunIdentity } from './built-ins.js';
import { NEXT, STOP, type Flow } from './flow.js';
import { RunContext, type HangupBy, type ScenarioServices } from './run-context.js';
import { DEFAULT_RUN_SETTINGS, type RunSettings } from './run-settings.js';
import type { TimelineEvent } from './timeline.js';
import { VariableStore } from './variable-store.js';

export interface RunRequest {
  readonly scenario: CompiledScenario;
  readonly call: CallPort;
  readonly services: ScenarioServices;
  readonly identity: RunIdentity;
  /** Launch parameters: override the scenario's initial variables. */
  readonly parameters?: Readonly<Record<string, string>>;
  readonly settings?: Partial<RunSettings>;
  /** The script form that produced the tree (`json`, `actions10`, ...), for call.started. */
  readonly dialect?: string;
  readonly onEvent?: (event: TimelineEvent) => void;
  /** The only event types `onEvent` hears (all when absent): the others are not built for it. */
  readonly onEventTypes?: ReadonlySet<string>;
  /**
   * Called at every step, whether or not the timeline still records events:
   * a driver that moves time (the simulator) knows the engine is still busy.
   */
  readonly onProgress?: () => void;
  /** Called as each action starts (timeline full or not): the simulator's caller reacts to it. */
  readonly onActionStarted?: (node: ActionNode) => void;
  /**
   * Called just before the interpreter gives the event loop a turn (section 6.1): a driver that
   * moves time once the engine's microtasks have drained must wait for that turn too.
   */
  readonly onYield?: () => void;
}

/** What a driver hears from the run, whether or not the timeline records it. */
interface RunHooks {
  readonly onProgress?: (() => void) | undefined;
  readonly onActionStarted?: ((node: ActionNode) => void) | undefined;
  readonly onYield?: (() => void) | undefined;
}

export interface RunOutcome {
  readonly hangupBy: HangupBy | '';
  readonly hangupCause: string;
  /** Whole seconds from answer to the end of the call; 0 when never answered. */
  readonly durationS: number;
  readonly variables: Readonly<Record<string, string>>;
  readonly timeline: readonly TimelineEvent[];
}

/**
 * The Executor of one leg's run: a class, so a call holds its methods once on the prototype
 * rather than a closure each (and tsx's run-time naming of each closure).
 */
class BlockRunner implements Executor {
  readonly #run: RunContext;
  readonly #maxSteps: () => number;
  readonly #hooks: RunHooks;
  /** Actions started, for the event-loop yields of section 6.1. */
  #started = 0;

  constructor(run: RunContext, maxSteps: () => number, hooks: RunHooks) {
    this.#run = run;
    this.#maxSteps = maxSteps;
    this.#hooks = hooks;
  }

  step(where: ActionNode): boolean {
    const run = this.#run;
    this.#hooks.onProgress?.();
    run.steps += 1;
    if (run.steps <= this.#maxSteps()) return true;
    run.error('VG_RT_STEP_BUDGET', `the call used its ${this.#maxSteps()} steps`, where);
    run.stop('system', 'STEP_BUDGET');
    return false;
  }

  runOnLeg(block: Block, leg: CallPort, signal: AbortSignal): Promise<'completed' | 'released'> {
    return runOnLeg(this.#run, block, leg, signal, this.#hooks);
  }

  condition(expression: Expression, where: ActionNode): boolean {
    const run = this.#run;
    const result = evaluateCondition(expression, run.variables);
    if (result.error !== undefined) {
      run.timeline.add('expression.error', { message: result.error }, where);
      run.lastError = 'VG_RT_EXPRESSION_ERROR';
    }
    return result.value;
  }

  /**
   * Synchronous while its actions are: a block of control actions (an If's branch, a loop's
   * body) then costs its caller no promise; the first action that waits hands over to #resume.
   */
  runBlock(block: Block): Flow | Promise<Flow> {
    const run = this.#run;
    let index = 0;
    while (index < block.actions.length) {
      if (run.signal.aborted) return STOP;
      // Long runs of actions that never wait must not hold the event loop (section 6.1).
      if (this.#countStart()) return this.#resume(block, index, null);
      const flow = runAction(block.actions[index] as ActionNode, run, this, this.#hooks);
      if (flow instanceof Promise) return this.#resume(block, index, flow);
      if (flow.kind === 'stop') return flow;
      if (flow.kind === 'jump') {
        if (flow.blockId !== block.id) return flow;
        index = flow.index;
        continue;
      }
      index += 1;
    }
    return NEXT;
  }

  /** Counts an action's start; true when the event loop is due a turn first. */
  #countStart(): boolean {
    this.#started += 1;
    return this.#started % this.#run.settings.yieldEveryActions === 0;
  }

  /**
   * The rest of a block from the action at `index`, already counted: it waits (`pending`), or
   * the event loop is due a turn before it runs (`null`).
   */
  async #resume(block: Block, index: number, pending: Promise<Flow> | null): Promise<Flow> {
    const run = this.#run;
    let flow: Flow;
    if (pending === null) flow = await this.#yieldThenRun(block.actions[index] as ActionNode);
    else flow = await pending;
    for (;;) {
      if (flow.kind === 'stop') return flow;
      if (flow.kind === 'jump') {
        if (flow.blockId !== block.id) return flow;
        index = flow.index;
      } else index += 1;
      if (index >= block.actions.length) return NEXT;
      if (run.signal.aborted) return STOP;
      const node = block.actions[index] as ActionNode;
      if (this.#countStart()) flow = await this.#yieldThenRun(node);
      else {
        const result = runAction(node, run, this, this.#hooks);
        flow = result instanceof Promise ? await result : result;
      }
    }
  }

  async #yieldThenRun(node: ActionNode): Promise<Flow> {
    // Tell a time-moving driver the engine is busy before it gives the event loop a turn.
    this.#hooks.onProgress?.();
    this.#hooks.onYield?.();
    await new Promise((resolve) => setImmediate(resolve));
    return runAction(node, this.#run, this, this.#hooks);
  }
}

/**
 * A Dial's onAnswer block (section 5.4 step 4) on the callee's leg: the call's variables and
 * timeline, the callee's digits and hang-up, and its own deadline. A Hang-up releases the callee.
 */
async function runOnLeg(
  run: RunContext,
  block: Block,
  leg: CallPort,
  signal: AbortSignal,
  hooks: RunHooks,
): Promise<'completed' | 'released'> {
  const child = new RunContext({
    call: leg,
    services: run.services,
    settings: run.settings,
    variables: run.variables,
    scenarioId: run.scenarioId,
    timeline: run.timeline,
  });
  child.state = 'ANSWERED';
  child.answeredAt = run.services.clock.now();
  leg.attach({
    onDigit: (digit) => child.digits.push(digit),
    onHangup: () => {
      child.state = 'ENDED';
      child.stop('callee', 'BYE');
    },
  });
  const cancel = (): void => child.stop('system', 'CANCEL');
  signal.addEventListener('abort', cancel, { once: true });
  // A timer with a cancel function, not a sleep: no controller, listener or promise per deadline.
  const deadline = run.services.clock.after(
    run.settings.onAnswerTimeoutMs,
    (leg) => leg.stop('system', 'ON_ANSWER_TIMEOUT'),
    child,
  );
  try {
    await new BlockRunner(child, () => run.settings.maxSteps, hooks).runBlock(block);
  } finally {
    deadline.cancel();
    signal.removeEventListener('abort', cancel);
  }
  return child.hangupBy === '' ? 'completed' : 'released';
}

/** `action.started` data, one frozen object per kind: a call holds many of these events. */
const STARTED_DATA = new Map<string, Readonly<Record<string, unknown>>>();

function startedData(kind: string): Readonly<Record<string, unknown>> {
  let data = STARTED_DATA.get(kind);
  if (data === undefined) {
    data = Object.freeze({ action: kind });
    STARTED_DATA.set(kind, data);
  }
  return data;
}

/**
 * Runs one action. Synchronous while nothing waits (the call is answered, the handler returns its
 * flow directly), so a script's many control actions cost no promise or microtask turn.
 */
function runAction(
  node: ActionNode,
  run: RunContext,
  executor: Executor,
  hooks: RunHooks,
): Flow | Promise<Flow> {
  const handler = ACTION_HANDLERS[node.kind] as ActionHandler<ActionNode>;
  if (handler.needsCall) {
    if (run.state === 'POST_BRIDGE' || run.state === 'ENDED') {
      run.timeline.add('action.skipped', { reason: 'callEnded' }, node);
      return NEXT;
    }
    if (handler.answersFirst !== false && run.state === 'RINGING')
      return answerThenRun(node, handler, run, executor, hooks);
    if (run.signal.aborted) return STOP;
  }
  return startAction(node, handler, run, executor, hooks);
}

async function answerThenRun(
  node: ActionNode,
  handler: ActionHandler<ActionNode>,
  run: RunContext,
  executor: Executor,
  hooks: RunHooks,
): Promise<Flow> {
  await run.ensureAnswered();
  if (run.signal.aborted) return STOP;
  return startAction(node, handler, run, executor, hooks);
}

function startAction(
  node: ActionNode,
  handler: ActionHandler<ActionNode>,
  run: RunContext,
  executor: Executor,
  hooks: RunHooks,
): Flow | Promise<Flow> {
  if (!executor.step(node)) return STOP;
  const started = run.services.clock.now();
  hooks.onActionStarted?.(node);
  run.timeline.add('action.started', startedData(node.kind), node);
  let result: Flow | Promise<Flow>;
  try {
    result = handler.run(node, run, executor);
  } catch (error) {
    return failAction(run, node, error);
  }
  if (result instanceof Promise)
    return result.then(
      (flow) => finishAction(run, node, started, flow),
      (error: unknown) => failAction(run, node, error),
    );
  return finishAction(run, node, started, result);
}

function finishAction(run: RunContext, node: ActionNode, started: number, flow: Flow): Flow {
  run.timeline.addFinished(run.services.clock.now() - started, node);
  return run.signal.aborted && flow.kind === 'next' ? STOP : flow;
}

/** A bug, not an outcome: the call is released and onHangup still runs (section 6.4). */
function failAction(run: RunContext, node: ActionNode, error: unknown): Flow {
  run.error('VG_RT_INTERNAL', error instanceof Error ? error.message : 'internal error', node);
  run.stop('system', 'INTERNAL');
  return STOP;
}

async function runHook(run: RunContext, hook: Block, hooks: RunHooks): Promise<void> {
  run.enterHook();
  run.timeline.add('hook.started');
  const deadline = run.services.clock.after(
    run.settings.hangupTimeoutMs,
    (hooked) => hooked.stop(hooked.hangupBy === '' ? 'system' : hooked.hangupBy, hooked.hangupCause),
    run,
  );
  try {
    await new BlockRunner(run, () => run.settings.hangupMaxSteps, hooks).runBlock(hook);
  } finally {
    deadline.cancel();
  }
  run.timeline.add('hook.finished');
}

function endAtMaxDuration(run: RunContext): void {
  run.error('VG_RT_CALL_DURATION', 'the call reached its maximum duration');
  run.stop('system', 'MAX_DURATION');
}

export async function runScenario(request: RunRequest): Promise<RunOutcome> {
  const settings =
    request.settings === undefined ? DEFAULT_RUN_SETTINGS : { ...DEFAULT_RUN_SETTINGS, ...request.settings };
  const startedAt = request.services.clock.now();
  let context: RunContext | null = null;
  const variables = new VariableStore(
    builtInVariables(() => context as RunContext, request.identity, startedAt),
  );
  // Initial values and launch parameters obey the same limits as any write (section 3); what was
  // cut or refused is reported once the timeline exists.
  const initialProblems: [string, 'truncated' | 'refused'][] = [];
  const initial: Iterable<readonly [string, string]>[] = [request.scenario.variables];
  if (request.parameters !== undefined) initial.push(Object.entries(request.parameters));
  for (const values of initial) {
    for (const [name, value] of values) {
      const written = variables.set(name, value);
      if (written !== 'stored') initialProblems.push([name, written]);
    }
  }
  const run = new RunContext({
    call: request.call,
    services: request.services,
    settings,
    variables,
    scenarioId: request.identity.scenarioId,
    ...(request.onEvent === undefined ? {} : { onEvent: request.onEvent }),
    ...(request.onEventTypes === undefined ? {} : { onEventTypes: request.onEventTypes }),
  });
  context = run;
  const info = request.call.info;
  if (info.direction === 'outbound') {
    run.state = 'ANSWERED';
    run.answeredAt = startedAt;
  }
  request.call.attach({
    onDigit(digit) {
      const buffered = run.digits.push(digit);
      run.timeline.add('dtmf.received', { digit, buffered });
    },
    onHangup() {
      // After a bridge both legs are already released; during a dial, the dial decides (section 6.2).
      if (run.state === 'POST_BRIDGE') return;
      const dialing = run.dialing;
      if (dialing !== null) {
        dialing.callerHungUp = true;
        dialing.controller.abort(ENGINE_ABORT);
        return;
      }
      run.state = 'ENDED';
      run.stop('caller', 'BYE');
    },
    onReleased() {
      if (run.state === 'POST_BRIDGE') return;
      const dialing = run.dialing;
      if (dialing !== null) {
        dialing.callerHungUp = true;
        dialing.controller.abort(ENGINE_ABORT);
      }
      run.state = 'ENDED';
      run.stop('system', 'RELEASED');
    },
  });
  run.timeline.add('call.started', {
    direction: info.direction,
    from: info.from,
    to: info.to,
    dialect: request.dialect ?? 'json',
  });
  for (const [name, problem] of initialProblems) {
    if (problem === 'truncated') run.error('VG_RT_VALUE_TRUNCATED', `variable ${name} was cut to its limit`);
    else
      run.error('VG_RT_VARIABLE_LIMIT', `variable ${name} not set: the call's variable limits are reached`);
  }
  const hooks: RunHooks = {
    onProgress: request.onProgress,
    onActionStarted: request.onActionStarted,
    onYield: request.onYield,
  };
  // A timer with a cancel function: a parked call holds no controller, signal or promise for it.
  const durationTimer = request.services.clock.after(settings.maxCallDurationMs, endAtMaxDuration, run);
  try {
    const flow = await new BlockRunner(run, () => settings.maxSteps, hooks).runBlock(request.scenario.script);
    if (flow.kind !== 'stop' || !run.signal.aborted) run.stop('scenario', 'BYE');
    if (run.state !== 'ENDED') {
      run.state = 'ENDED';
      await request.call.hangup();
    }
    if (request.scenario.onHangup !== null) await runHook(run, request.scenario.onHangup, hooks);
  } finally {
    durationTimer.cancel();
  }
  const endedAt = request.services.clock.now();
  const durationS = run.answeredAt === null ? 0 : Math.floor((endedAt - run.answeredAt) / 1000);
  run.timeline.add('call.ended', { hangupBy: run.hangupBy, hangupCause: run.hangupCause, durationS });
  return {
    hangupBy: run.hangupBy,
    hangupCause: run.hangupCause,
    durationS,
    variables: variables.snapshot(),
    timeline: run.timeline.events,
  };
}
