import { isToken, readToken, skipQuotedString, skipWhitespace } from './sip-grammar.js';

/**
 * `generic-param = token [ EQUAL gen-value ]`, `gen-value = token / host / quoted-string`: the
 * `;name=value` parameters of From, To, Contact, Via, Content-Type and most other fields.
 * https://www.rfc-editor.org/rfc/rfc3261#section-25.1
 *
 * The value is kept as written, quotes included (`"<urn:uuid:...>"`): whether a value was quoted
 * matters to some extensions (RFC 3840 feature tags). `null` is a parameter written without `=`.
 */
export interface HeaderParam {
  readonly name: string;
  readonly value: string | null;
}

/** Parameters read from a header value, and where reading stopped. */
export interface ParsedParams {
  readonly params: readonly HeaderParam[];
  /** The index of the first character that is not part of a parameter (the value's length at best). */
  readonly end: number;
}

/**
 * Reads `*( SEMI generic-param )` from `from`, stopping at the first character that does not
 * start a parameter. Undefined when a parameter is malformed (`;`, `;=x`, `;a=`, `;a="x`).
 */
export function parseHeaderParams(text: string, from: number): ParsedParams | undefined {
  const params: HeaderParam[] = [];
  let i = skipWhitespace(text, from);
  while (i < text.length && text.charCodeAt(i) === 0x3b) {
    i = skipWhitespace(text, i + 1);
    const nameEnd = readToken(text, i);
    if (nameEnd === i) return undefined;
    const name = text.slice(i, nameEnd);
    i = skipWhitespace(text, nameEnd);
    if (text.charCodeAt(i) !== 0x3d) {
      params.push({ name, value: null });
      continue;
    }
    i = skipWhitespace(text, i + 1);
    const valueEnd = text.charCodeAt(i) === 0x22 ? skipQuotedString(text, i) : readGenValue(text, i);
    if (valueEnd <= i) return undefined;
    params.push({ name, value: text.slice(i, valueEnd) });
    i = skipWhitespace(text, valueEnd);
  }
  return { params, end: i };
}

/** The end of an unquoted gen-value: token characters, plus `:` `[` `]` for IPv6 hosts. */
function readGenValue(text: string, from: number): number {
  let i = from;
  for (;;) {
    i = readToken(text, i);
    const code = text.charCodeAt(i);
    if (code !== 0x3a && code !== 0x5b && code !== 0x5d) return i;
    i++;
  }
}

/** The value of the first parameter called `name` (case-insensitive): undefined when absent. */
export function findHeaderParam(params: readonly HeaderParam[], name: string): string | null | undefined {
  for (const param of params) {
    if (param.name.length === name.length && param.name.toLowerCase() === name.toLowerCase()) {
      return param.value;
    }
  }
  return undefined;
}

/** A copy of `params` with `name` set to `value` (replacing an existing one, else appended). */
export function withHeaderParam(
  params: readonly HeaderParam[],
  name: string,
  value: string | null,
): readonly HeaderParam[] {
  const lower = name.toLowerCase();
  const index = params.findIndex((param) => param.name.toLowerCase() === lower);
  if (index === -1) return [...params, { name, value }];
  return params.map((param, i) => (i === index ? { name: param.name, value } : param));
}

/** Writes `;name=value` for each parameter. */
export function serializeHeaderParams(params: readonly HeaderParam[]): string {
  let out = '';
  for (const param of params)
    out += param.value === null ? `;${param.name}` : `;${param.name}=${param.value}`;
  return out;
}

/**
 * True when `param` can be written back as read: a token name and a token, host or quoted value.
 * Code that builds parameters from outside input checks them with this first.
 */
export function isValidHeaderParam(param: HeaderParam): boolean {
  if (!isToken(param.name)) return false;
  if (param.value === null) return true;
  const text = `;${param.name}=${param.value}`;
  const read = parseHeaderParams(text, 0);
  return read !== undefined && read.end === text.length && read.params[0]?.value === param.value;
}
