/**
 * Splits an ACTIONS10 expression (JavaScript as the vendor writes it inside `${{ … }}` and `if:`)
 * into what passes to the section 4 grammar unchanged and the references to rewrite (`$x`,
 * `$dial.ok`, `call.fromNumber`). Section 1.1: "Voxgate never runs JavaScript", so every construct
 * beyond section 4 (calls, indexing, templates, assignment, functions, `===`) is refused here, by
 * name, with `A10_EXPRESSION_UNSUPPORTED`; what merely fails to parse is left to the section 4
 * parser. Identifiers may contain `$`, as in JavaScript, so `$a$b` is one (invalid) name.
 */

export type ScanPiece =
  /** Operators, brackets, literals and whitespace, copied as written. */
  | { readonly kind: 'verbatim'; readonly text: string }
  /** `$a.b` (sigil) or `call.id` (no sigil): names in order; `called` when a `(` follows. */
  | {
      readonly kind: 'reference';
      readonly sigil: boolean;
      readonly names: readonly string[];
      readonly called: boolean;
      readonly offset: number;
    };

export interface ScanFailure {
  readonly ok: false;
  readonly code: 'A10_EXPRESSION_UNSUPPORTED' | 'EXPRESSION_SYNTAX';
  readonly message: string;
  readonly offset: number;
}

export type ScanResult = { readonly ok: true; readonly pieces: readonly ScanPiece[] } | ScanFailure;

/** Operators and brackets section 4 has. */
const PASSING_SYMBOLS = [
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '%',
  '!',
  '(',
  ')',
];

/** JavaScript operators and punctuation beyond section 4, each with why it is refused. */
const REFUSED_SYMBOLS: readonly (readonly [string, string])[] = [
  ['===', "strict equality '===' is not supported; use '=='"],
  ['!==', "strict inequality '!==' is not supported; use '!='"],
  ...[
    '=',
    '+=',
    '-=',
    '*=',
    '/=',
    '%=',
    '**=',
    '&=',
    '|=',
    '^=',
    '<<=',
    '>>=',
    '>>>=',
    '&&=',
    '||=',
    '??=',
  ].map((symbol) => [symbol, `assignment ('${symbol}') is not supported; compare with '=='`] as const),
  ['++', "increment ('++') is not supported"],
  ['--', "decrement ('--') is not supported"],
  ['=>', 'arrow functions are not supported'],
  ['**', "exponentiation ('**') is not supported"],
  ['<<', 'bit shifts are not supported'],
  ['>>', 'bit shifts are not supported'],
  ['>>>', 'bit shifts are not supported'],
  ['??', "nullish coalescing ('??') is not supported"],
  ['?.', "optional chaining ('?.') is not supported"],
  ['//', 'comments are not supported'],
  ['/*', 'comments are not supported'],
  ['?', "the conditional operator ('?:') is not supported"],
  [':', "':' is not supported: no conditional operator or object literals"],
  ['&', "bitwise '&' is not supported; use '&&'"],
  ['|', "bitwise '|' is not supported; use '||'"],
  ['^', "bitwise '^' is not supported"],
  ['~', "bitwise '~' is not supported"],
  ['[', "indexing ('[') is not supported"],
  [']', "indexing (']') is not supported"],
  ['{', "object literals and blocks ('{') are not supported"],
  ['}', "object literals and blocks ('}') are not supported"],
  [',', "',' is not supported: no function calls or lists"],
  [';', "';' is not supported: an expression is not a statement"],
  ['`', 'template literals are not supported'],
  ['.', "member access ('.') is not supported except $gather, $dial, $fetch and call fields"],
];

/** JavaScript words that are not variables; each refused by name. */
const JAVASCRIPT_WORDS = new Set([
  'async',
  'await',
  'class',
  'const',
  'delete',
  'function',
  'in',
  'instanceof',
  'let',
  'new',
  'return',
  'this',
  'typeof',
  'var',
  'void',
  'yield',
]);

const KEYWORDS = new Set(['true', 'false', 'null']);

function isIdentifierStart(char: string): boolean {
  return /^[A-Za-z_]$/.test(char);
}

function isIdentifierPart(char: string): boolean {
  return /^[A-Za-z0-9_$]$/.test(char);
}

function unsupported(message: string, offset: number): ScanFailure {
  return { ok: false, code: 'A10_EXPRESSION_UNSUPPORTED', message: `${message} at offset ${offset}`, offset };
}

function syntax(message: string, offset: number): ScanFailure {
  return { ok: false, code: 'EXPRESSION_SYNTAX', message: `${message} at offset ${offset}`, offset };
}

function skipWhile(source: string, from: number, accept: (char: string) => boolean): number {
  let position = from;
  while (position < source.length && accept(source.charAt(position))) position += 1;
  return position;
}

/** The offset just past the quoted literal opening at `offset`, or -1 if it never closes. */
export function endOfQuoted(source: string, offset: number): number {
  const quote = source.charAt(offset);
  for (let position = offset + 1; position < source.length; position += 1) {
    const char = source.charAt(position);
    if (char === '\\') position += 1;
    else if (char === quote) return position + 1;
  }
  return -1;
}

/** `name(.name)*` from `offset`; answers the names and the offset after them. */
function readNames(source: string, offset: number): { names: string[]; end: number } {
  const names: string[] = [];
  let position = offset;
  for (;;) {
    const end = skipWhile(source, position, isIdentifierPart);
    names.push(source.slice(position, end));
    position = end;
    if (source.charAt(position) !== '.' || !isIdentifierStart(source.charAt(position + 1))) break;
    position += 1;
  }
  return { names, end: position };
}

function isCalled(source: string, end: number): boolean {
  const next = skipWhile(source, end, (char) => /\s/.test(char));
  return source.charAt(next) === '(';
}

function readNumber(source: string, offset: number): { end: number } | ScanFailure {
  let end = skipWhile(source, offset, (char) => char >= '0' && char <= '9');
  if (source.charAt(end) === '.' && /[0-9]/.test(source.charAt(end + 1))) {
    end = skipWhile(source, end + 1, (char) => char >= '0' && char <= '9');
  }
  if (isIdentifierPart(source.charAt(end)) || source.charAt(end) === '.') {
    return unsupported('only decimal numbers such as 12 or 1.5 are supported', offset);
  }
  return { end };
}

/** Both lists, longest first, so `==` is not read as `=` nor `&&` as `&`. */
const SYMBOLS: readonly (readonly [string, string | null])[] = [
  ...PASSING_SYMBOLS.map((symbol) => [symbol, null] as const),
  ...REFUSED_SYMBOLS,
].sort((a, b) => b[0].length - a[0].length);

function readSymbol(source: string, offset: number): { text: string } | ScanFailure {
  const found = SYMBOLS.find(([symbol]) => source.startsWith(symbol, offset));
  if (found === undefined)
    return syntax(`unexpected character ${JSON.stringify(source.charAt(offset))}`, offset);
  const [text, refusal] = found;
  return refusal === null ? { text } : unsupported(refusal, offset);
}

/** Scans one piece at `offset` (not whitespace); answers it and the offset after it. */
function scanPiece(source: string, offset: number): { piece: ScanPiece; end: number } | ScanFailure {
  const char = source.charAt(offset);
  if (char === "'" || char === '"') {
    const end = endOfQuoted(source, offset);
    if (end === -1) return syntax('unterminated string', offset);
    return { piece: { kind: 'verbatim', text: source.slice(offset, end) }, end };
  }
  if (char >= '0' && char <= '9') {
    const number = readNumber(source, offset);
    if ('ok' in number) return number;
    return { piece: { kind: 'verbatim', text: source.slice(offset, number.end) }, end: number.end };
  }
  const sigil = char === '$';
  if (sigil && !isIdentifierStart(source.charAt(offset + 1))) {
    return unsupported("'$' must start a variable name such as $menu", offset);
  }
  if (sigil || isIdentifierStart(char)) {
    const { names, end } = readNames(source, sigil ? offset + 1 : offset);
    const [first] = names;
    if (!sigil && names.length === 1 && first !== undefined) {
      if (KEYWORDS.has(first)) return { piece: { kind: 'verbatim', text: first }, end };
      if (JAVASCRIPT_WORDS.has(first)) return unsupported(`JavaScript '${first}' is not supported`, offset);
    }
    if (!sigil && names.join('.') === 'JSON.stringify') return readJsonStringify(source, offset, end);
    return { piece: { kind: 'reference', sigil, names, called: isCalled(source, end), offset }, end };
  }
  const symbol = readSymbol(source, offset);
  if ('ok' in symbol) return symbol;
  return { piece: { kind: 'verbatim', text: symbol.text }, end: offset + symbol.text.length };
}

/** The vendor objects `JSON.stringify(…)` may serialise (section 1.1). */
export const JSON_CONTEXTS: ReadonlySet<string> = new Set(['call', 'app', 'run', 'recording']);

/**
 * `JSON.stringify(call|app|run|recording)`, whitespace allowed inside the brackets: one reference,
 * `__json` of that context. Anything else passed to it is refused.
 */
function readJsonStringify(
  source: string,
  offset: number,
  end: number,
): { piece: ScanPiece; end: number } | ScanFailure {
  const match = /^\s*\(\s*([A-Za-z_]\w*)\s*\)/.exec(source.slice(end));
  const context = match?.[1];
  if (match === null || context === undefined || !JSON_CONTEXTS.has(context)) {
    return unsupported('JSON.stringify(…) takes one of call, app, run, recording', offset);
  }
  return {
    piece: { kind: 'reference', sigil: false, names: ['__json', context], called: false, offset },
    end: end + match[0].length,
  };
}

export function scanActions10Expression(source: string): ScanResult {
  const pieces: ScanPiece[] = [];
  let offset = 0;
  while (offset < source.length) {
    const blank = skipWhile(source, offset, (char) => /\s/.test(char));
    if (blank > offset) {
      pieces.push({ kind: 'verbatim', text: source.slice(offset, blank) });
      offset = blank;
      continue;
    }
    const scanned = scanPiece(source, offset);
    if ('ok' in scanned) return scanned;
    pieces.push(scanned.piece);
    offset = scanned.end;
  }
  return { ok: true, pieces };
}
