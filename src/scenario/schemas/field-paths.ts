/**
 * The field paths an action schema defines, as the language document writes
 * them: `options.timeout` for a nested object, `dialToMany[].number` for the
 * objects of an array. Maps (headers, mappedValues, case keys) and blocks stop
 * the walk: their keys are data, not fields.
 */
import type { TSchema } from 'typebox';

type SchemaNode = Readonly<Record<string, unknown>>;

function asNode(value: unknown): SchemaNode | undefined {
  return typeof value === 'object' && value !== null ? (value as SchemaNode) : undefined;
}

function walk(node: SchemaNode, prefix: string, into: Set<string>): void {
  const properties = asNode(node['properties']);
  for (const [key, child] of Object.entries(properties ?? {})) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    into.add(path);
    const childNode = asNode(child);
    if (childNode !== undefined) walk(childNode, path, into);
  }
  const branches = node['anyOf'];
  if (Array.isArray(branches)) {
    for (const branch of branches) {
      const branchNode = asNode(branch);
      if (branchNode !== undefined) walk(branchNode, prefix, into);
    }
  }
  const items = asNode(node['items']);
  if (items !== undefined) walk(items, `${prefix}[]`, into);
}

/** Every field path of `schema`, in schema order; none for a bare-string action. */
export function fieldPaths(schema: TSchema): string[] {
  const into = new Set<string>();
  walk(schema as SchemaNode, '', into);
  return [...into];
}
