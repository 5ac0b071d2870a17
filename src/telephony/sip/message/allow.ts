import { type ParseResult, parsed, refused } from './parse-result.js';
import { isToken } from './sip-grammar.js';
import { splitHeaderValue } from './split-header-value.js';

/**
 * `Allow = "Allow" HCOLON [Method *(COMMA Method)]`: the methods a UA supports.
 * https://www.rfc-editor.org/rfc/rfc3261#section-20.5
 *
 * Takes every Allow value of a message (`headers.getAll('Allow')`); each may still hold commas.
 */
export function parseAllow(values: readonly string[]): ParseResult<readonly string[]> {
  const methods: string[] = [];
  for (const value of values) {
    if (value.trim().length === 0) continue; // an empty Allow lists no method
    for (const part of splitHeaderValue(value)) {
      const method = part.trim();
      if (!isToken(method)) return refused('malformed method in Allow');
      methods.push(method);
    }
  }
  return parsed(methods);
}

/** Writes one Allow value listing every method. */
export function serializeAllow(methods: readonly string[]): string {
  return methods.join(', ');
}
