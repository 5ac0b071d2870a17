/**
 * The format of an action URL's `headers` (seed 01 says only "string"): a JSON object of header name
 * to value, `{"X-Api-Key": "k1", "X-Tenant": "acme"}`. JSON says unambiguously where a name and a
 * value end, which `Name: value` lines would leave to escaping rules.
 *
 * Names are HTTP tokens; values hold no control characters (so no header can be smuggled in with a
 * line break). Headers that frame the request or name its target are Voxgate's to set, and
 * `Authorization` is the `auth` field's unless that is DISABLE.
 */

export const MAX_HEADERS = 20;
export const MAX_HEADERS_TEXT = 4096;

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}$/;
// eslint-disable-next-line no-control-regex -- the rule is precisely "no control characters"
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/;
const RESERVED = new Set([
  'host',
  'content-length',
  'content-type',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'upgrade',
  'te',
  'trailer',
  'expect',
  'proxy-authorization',
  'proxy-connection',
]);

export type HeadersCheck =
  | { readonly ok: true; readonly headers: Readonly<Record<string, string>> }
  | { readonly ok: false; readonly reason: string };

/** Parses and checks stored or submitted headers; `authSet` when `auth` is not DISABLE. */
export function parseActionUrlHeaders(text: string, authSet: boolean): HeadersCheck {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'is not a JSON object of header name to value' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return { ok: false, reason: 'is not a JSON object of header name to value' };
  const entries = Object.entries(parsed as Record<string, unknown>);
  if (entries.length > MAX_HEADERS) return { ok: false, reason: `has more than ${MAX_HEADERS} headers` };
  const headers: Record<string, string> = {};
  const seen = new Set<string>();
  for (const [name, value] of entries) {
    const lower = name.toLowerCase();
    if (!TOKEN.test(name)) return { ok: false, reason: `header name "${name}" is not an HTTP token` };
    if (seen.has(lower)) return { ok: false, reason: `header "${name}" is given twice` };
    seen.add(lower);
    if (RESERVED.has(lower) || lower.startsWith('proxy-'))
      return { ok: false, reason: `header "${name}" is set by Voxgate` };
    if (lower === 'authorization' && authSet)
      return {
        ok: false,
        reason: 'header "Authorization" is set by auth; set auth to DISABLE to send your own',
      };
    if (typeof value !== 'string') return { ok: false, reason: `header "${name}" is not a string` };
    if (CONTROL.test(value)) return { ok: false, reason: `header "${name}" holds a control character` };
    headers[name] = value;
  }
  return { ok: true, headers };
}
