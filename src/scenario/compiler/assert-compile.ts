/**
 * Test support for the compiler tests: compiles a document and asserts on the
 * outcome, writes issues as `CODE@path` so a whole list compares at once, and
 * finds compiled nodes by their path in the submitted document. The walkers
 * here are generic (any object, any Map), so they do not trust the compiler's
 * own tree walkers.
 */
import assert from 'node:assert/strict';
import type { ActionNode, CompiledScenario } from '../ast/nodes.js';
import { compileScenario, type CompileOptions, type ScenarioDocument, type ScenarioIssue } from './index.js';

/** A document whose script is `actions`. */
export function scriptOf(...actions: unknown[]): ScenarioDocument {
  return { script: actions };
}

/** `CODE@path`, without the `VG_ERR_SCENARIO_` / `VG_WARN_SCENARIO_` prefix. */
export function short(issues: readonly ScenarioIssue[]): string[] {
  return issues.map((issue) => `${issue.code.replace(/^VG_(?:ERR|WARN)_SCENARIO_/, '')}@${issue.path}`);
}

export interface Compiled {
  readonly scenario: CompiledScenario;
  /** Warnings as `CODE@path`. */
  readonly warnings: string[];
}

/** Compiles `document` and fails the test, listing the errors, unless it compiles. */
export function compileOk(document: ScenarioDocument, options: CompileOptions = {}): Compiled {
  const result = compileScenario(document, options);
  assert.ok(
    result.ok,
    `expected the scenario to compile, got ${short(result.ok ? [] : result.errors).join(', ')}`,
  );
  return { scenario: result.scenario, warnings: short(result.warnings) };
}

/** Compiles `document` and fails the test unless it is refused; returns the errors as `CODE@path`. */
export function compileErrors(document: ScenarioDocument, options: CompileOptions = {}): string[] {
  const result = compileScenario(document, options);
  assert.equal(result.ok, false, 'expected the scenario to be refused');
  return result.ok ? [] : short(result.errors);
}

/** Every object reachable from `root`, Map keys and values included. */
export function reachableObjects(root: unknown): object[] {
  const found: object[] = [];
  const seen = new Set<unknown>();
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item !== 'object' || item === null || seen.has(item)) continue;
    seen.add(item);
    found.push(item);
    if (item instanceof Map) for (const [key, value] of item) pending.push(key, value);
    else pending.push(...Object.values(item as Record<string, unknown>));
  }
  return found;
}

function isActionNode(value: object): value is ActionNode {
  return 'kind' in value && 'path' in value && 'actionId' in value && typeof value.path === 'string';
}

/** The compiled node whose source sits at `path`, checked to be of `kind`. */
export function nodeAt<K extends ActionNode['kind']>(
  scenario: CompiledScenario,
  path: string,
  kind: K,
): Extract<ActionNode, { kind: K }> {
  const node = reachableObjects(scenario)
    .filter(isActionNode)
    .find((candidate) => candidate.path === path);
  assert.ok(node !== undefined, `no compiled node at ${path}`);
  assert.equal(node.kind, kind, `the node at ${path}`);
  return node as Extract<ActionNode, { kind: K }>;
}

/** Each prompt's resolved barge-in, by path: `{ "script[0]": true }`. */
export function interruptible(scenario: CompiledScenario): Record<string, boolean> {
  const result: Record<string, boolean> = {};
  for (const node of reachableObjects(scenario).filter(isActionNode)) {
    if ('interruptible' in node) result[node.path] = node.interruptible;
  }
  return result;
}
