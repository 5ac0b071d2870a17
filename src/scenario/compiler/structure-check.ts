/**
 * Size, nesting and string-length checks over the raw document, done
 * iteratively before anything recursive runs, so 10,000 nested Ifs (or a
 * 100,000-deep Call API body) are refused with TOO_DEEP instead of
 * overflowing the stack (section 7).
 */
import type { CompilerLimits } from './compiler-limits.js';
import { childPath } from './paths.js';
import type { IssueSink } from './scenario-issue.js';

/** Keys of an action whose value is a block; `options.onAnswer` and the values of `case` are blocks too. */
const ACTION_BLOCK_KEYS = new Set(['then', 'else', 'do', 'repeat']);

/** Deepest JSON nesting accepted anywhere in a script, blocks or not. */
export const MAX_JSON_NESTING = 64;

interface Pending {
  readonly value: unknown;
  readonly path: string;
  /** Block depth of the nearest enclosing block (1 = the top-level script). */
  readonly depth: number;
  readonly role: Role;
  /** JSON nesting of any kind. */
  readonly nesting: number;
}

export interface StructureFacts {
  readonly buildable: boolean;
  /** The serialised size in bytes, counted without JSON.stringify (which recurses). */
  readonly bytes: number;
}

/** Bytes a value adds to its JSON text, brackets of containers included. */
function ownBytes(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value) + 2;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value).length + 1;
  if (value === null) return 5;
  return typeof value === 'object' ? 2 : 0;
}

/**
 * A block of actions, one action of a block, the `options` of an action, the
 * `case` map of a Switch (each value a block), or any other value. Only where
 * the grammar puts a block is one counted: a Call API body with a `do` key
 * holds data, not actions.
 */
type Role = 'block' | 'action' | 'options' | 'caseMap' | 'value';

function roleOf(parent: Role, key: string | number): Role {
  switch (parent) {
    case 'block':
      return 'action';
    case 'caseMap':
      return 'block';
    case 'action':
      if (typeof key === 'string' && ACTION_BLOCK_KEYS.has(key)) return 'block';
      if (key === 'case') return 'caseMap';
      return key === 'options' ? 'options' : 'value';
    case 'options':
      return key === 'onAnswer' ? 'block' : 'value';
    case 'value':
      return 'value';
  }
}

export function checkStructure(
  roots: readonly { value: unknown; path: string }[],
  limits: CompilerLimits,
  sink: IssueSink,
): StructureFacts {
  const pending: Pending[] = roots.map((root) => ({ ...root, depth: 1, role: 'block', nesting: 1 }));
  let actions = 0;
  let bytes = 0;
  let tooDeep = false;
  const refuseDepth = (path: string, message: string): void => {
    if (!tooDeep) sink.error('TOO_DEEP', path, message);
    tooDeep = true;
  };
  while (pending.length > 0) {
    const { value, path, depth, role, nesting } = pending.pop() as Pending;
    bytes += ownBytes(value);
    if (typeof value === 'string' && value.length > limits.maxStringLength) {
      sink.error('STRING_TOO_LONG', path, `longer than ${limits.maxStringLength} characters`);
    }
    if (typeof value !== 'object' || value === null) continue;
    if (nesting > MAX_JSON_NESTING) {
      refuseDepth(path, `values nest deeper than ${MAX_JSON_NESTING} levels`);
      continue;
    }
    if (role === 'block' && Array.isArray(value)) {
      if (depth > limits.maxDepth) {
        refuseDepth(path, `blocks nest deeper than ${limits.maxDepth} levels`);
        continue;
      }
      actions += value.length;
    }
    const entries: [string | number, unknown][] = Array.isArray(value)
      ? value.map((item, index) => [index, item])
      : Object.entries(value as Record<string, unknown>);
    for (const [key, child] of entries) {
      // A "block" that is not an array is refused later (TYPE); its members are no actions.
      const childRole = role === 'block' && !Array.isArray(value) ? 'value' : roleOf(role, key);
      pending.push({
        value: child,
        path: childPath(path, key),
        depth: childRole === 'block' ? depth + 1 : depth,
        role: childRole,
        nesting: nesting + 1,
      });
      bytes += typeof key === 'string' ? Buffer.byteLength(key) + 4 : 1;
    }
  }
  if (actions > limits.maxActions) {
    sink.error('TOO_MANY_ACTIONS', roots[0]?.path ?? 'script', `more than ${limits.maxActions} actions`);
  }
  return { buildable: !tooDeep && actions <= limits.maxActions, bytes };
}
