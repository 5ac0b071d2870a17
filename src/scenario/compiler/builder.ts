/** The shape every per-kind node builder has, and small readers of validated JSON. */
import type { Block, ActionNode } from '../ast/nodes.js';
import type { Template } from '../expressions/index.js';
import type { BuildContext, BuildScope } from './build-context.js';
import { childPath } from './paths.js';

/** A mutable node under construction; frozen once the whole tree is built. */
export type Draft<T> = { -readonly [K in keyof T]: T[K] };

export interface BuildInput {
  /** The action as submitted, already checked against its schema. */
  readonly raw: Readonly<Record<string, unknown>>;
  readonly path: string;
  readonly actionId: number | null;
  readonly scope: BuildScope;
  readonly ctx: BuildContext;
  /** Builds a nested block at `path`; `kind` says what kind of block it is. */
  readonly block: (raw: unknown, path: string, kind: NestedBlockKind) => Block;
}

export type NestedBlockKind = 'branch' | 'loop' | 'onAnswer';

export type NodeBuilder = (input: BuildInput) => Draft<ActionNode> | null;

export function objectAt(
  raw: Readonly<Record<string, unknown>>,
  key: string,
): Readonly<Record<string, unknown>> {
  const value = raw[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

export function numberAt(raw: Readonly<Record<string, unknown>>, key: string): number | undefined {
  const value = raw[key];
  return typeof value === 'number' ? value : undefined;
}

export function stringAt(raw: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const value = raw[key];
  return typeof value === 'string' ? value : undefined;
}

export function booleanAt(raw: Readonly<Record<string, unknown>>, key: string): boolean | undefined {
  const value = raw[key];
  return typeof value === 'boolean' ? value : undefined;
}

/** A required interpolated field; the schema guarantees it is a string. */
export function requiredTemplate(
  input: BuildInput,
  raw: Readonly<Record<string, unknown>>,
  key: string,
  base: string,
): Template | null {
  return input.ctx.template(stringAt(raw, key) ?? '', childPath(base, key));
}

/** Mapped values (Collect, Capture): each meaning is interpolated. */
export function mappedValues(
  input: BuildInput,
  raw: Readonly<Record<string, unknown>>,
  base: string,
): Map<string, Template> | null {
  const mapping = raw['mappedValues'];
  if (typeof mapping !== 'object' || mapping === null) return null;
  const result = new Map<string, Template>();
  for (const [key, value] of Object.entries(mapping as Record<string, string>)) {
    const template = input.ctx.template(value, childPath(childPath(base, 'mappedValues'), key));
    if (template !== null) result.set(key, template);
  }
  return result;
}
