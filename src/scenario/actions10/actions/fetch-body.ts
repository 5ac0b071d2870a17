/**
 * The `headers` and `body` of `fetch@v1|v2` as Call API options (section 5.1). Every string in them
 * may hold `${{ … }}`; a mapping body is sent as JSON with its string leaves interpolated, as the
 * canonical object body is. Header values that YAML read as numbers or booleans are sent as text.
 */
import { childPath } from '../../compiler/paths.js';
import { setField, type JsonObject, type JsonValue } from '../canonical-json.js';
import type { TranslateContext } from '../translate-context.js';
import { isMapping, ownEntries } from '../yaml-fields.js';

export function translateHeaders(ctx: TranslateContext, raw: unknown, path: string): JsonObject | undefined {
  if (!isMapping(raw)) {
    ctx.error('TYPE', path, 'must be a mapping of header name -> value');
    return undefined;
  }
  const headers: JsonObject = {};
  for (const [name, value] of ownEntries(raw)) {
    const valuePath = childPath(path, name);
    const text = typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
    const rewritten = ctx.text(text, valuePath);
    if (rewritten !== undefined) setField(headers, name, rewritten);
  }
  return headers;
}

function translateJson(ctx: TranslateContext, raw: unknown, path: string): JsonValue {
  if (typeof raw === 'string') return ctx.text(raw, path) ?? '';
  if (Array.isArray(raw))
    return raw.map((item: unknown, index) => translateJson(ctx, item, childPath(path, index)));
  if (isMapping(raw)) {
    const copy: JsonObject = {};
    for (const [key, value] of ownEntries(raw))
      setField(copy, key, translateJson(ctx, value, childPath(path, key)));
    return copy;
  }
  return typeof raw === 'number' || typeof raw === 'boolean' ? raw : null;
}

export function translateBody(ctx: TranslateContext, raw: unknown, path: string): JsonValue | undefined {
  if (typeof raw === 'string') return ctx.text(raw, path);
  if (isMapping(raw)) return translateJson(ctx, raw, path);
  ctx.error('TYPE', path, 'must be a string or a mapping (sent as JSON)');
  return undefined;
}
