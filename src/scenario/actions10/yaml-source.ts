/**
 * Reads an ACTIONS10 document (seed 04: `{"format": "YAML", "script": "…"}`) into plain data. The
 * text comes from customers, so it is bounded before it is parsed (256 KiB, as a canonical script,
 * section 8) and alias expansion is capped: a few kilobytes of nested anchors ("billion laughs")
 * would otherwise expand to gigabytes. Every YAML error is reported, with its line and column.
 */
import { isAlias, LineCounter, parseDocument, visit, type Document, type YAMLError } from 'yaml';

export const MAX_ACTIONS10_SOURCE_BYTES = 256 * 1024;

/**
 * Alias resolutions allowed, weighted by the aliases inside each anchor (the `yaml` package's
 * `maxAliasCount`): reusing a params block a dozen times is fine, nesting anchors of anchors is not.
 */
export const MAX_YAML_ALIAS_COUNT = 20;

export interface SourceIssue {
  readonly code: 'INVALID_YAML' | 'TOO_LARGE' | 'TYPE';
  readonly path: string;
  readonly message: string;
}

export type SourceResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly issues: readonly SourceIssue[] };

function describe(error: YAMLError, lines: LineCounter): string {
  const { line, col } = lines.linePos(error.pos[0]);
  return `line ${line}, column ${col}: ${error.message}`;
}

/** The first alias whose anchor is not defined before it (`a: *x`), which `toJS` would throw on. */
function findUnresolvedAlias(document: Document): string | null {
  const anchors = new Set<string>();
  let unresolved: string | null = null;
  visit(document, {
    Node(_key, node) {
      if (isAlias(node)) {
        if (!anchors.has(node.source)) {
          unresolved = node.source;
          return visit.BREAK;
        }
      } else if (node.anchor !== undefined) {
        anchors.add(node.anchor);
      }
      return undefined;
    },
  });
  return unresolved;
}

/** Parses one YAML 1.2 document (core schema, unique keys, no `<<` merges) into JSON-like data. */
export function parseActions10Source(source: unknown): SourceResult {
  if (typeof source !== 'string') {
    return { ok: false, issues: [{ code: 'TYPE', path: '', message: 'the script must be YAML text' }] };
  }
  const bytes = Buffer.byteLength(source, 'utf8');
  if (bytes > MAX_ACTIONS10_SOURCE_BYTES) {
    const message = `the document is ${bytes} bytes, over ${MAX_ACTIONS10_SOURCE_BYTES}`;
    return { ok: false, issues: [{ code: 'TOO_LARGE', path: '', message }] };
  }
  const lines = new LineCounter();
  const document = parseDocument(source, {
    lineCounter: lines,
    prettyErrors: false,
    uniqueKeys: true,
    merge: false,
    schema: 'core',
    version: '1.2',
  });
  // Warnings (an unknown tag, a bad directive) would silently change meaning: refuse them too.
  const problems = [...document.errors, ...document.warnings];
  if (problems.length > 0) {
    const issues = problems.map((error) => ({
      code: 'INVALID_YAML' as const,
      path: '',
      message: describe(error, lines),
    }));
    return { ok: false, issues };
  }
  const unresolved = findUnresolvedAlias(document);
  if (unresolved !== null) {
    const message = `alias *${unresolved} has no anchor &${unresolved} before it`;
    return { ok: false, issues: [{ code: 'INVALID_YAML', path: '', message }] };
  }
  try {
    return { ok: true, value: document.toJS({ maxAliasCount: MAX_YAML_ALIAS_COUNT }) };
  } catch (error) {
    // With every alias resolvable, the only refusal left is the alias budget.
    const reason = error instanceof Error ? error.message : String(error);
    const message = `the aliases expand too much (over ${MAX_YAML_ALIAS_COUNT} resolutions): ${reason}`;
    return { ok: false, issues: [{ code: 'TOO_LARGE', path: '', message }] };
  }
}
