import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readToken } from './lexer.js';
import type { Token } from './token.js';

function tokens(source: string): Token[] {
  const found: Token[] = [];
  for (let offset = 0; ;) {
    const result = readToken(source, offset);
    assert.ok(result.ok, result.ok ? '' : result.issue.message);
    found.push(result.token);
    if (result.token.kind === 'end') return found;
    offset = result.token.end;
  }
}

function firstValue(source: string): unknown {
  const result = readToken(source, 0);
  assert.ok(result.ok, result.ok ? '' : result.issue.message);
  return 'value' in result.token ? result.token.value : undefined;
}

function issueAt(source: string): { message: string; offset: number } {
  for (let offset = 0; ;) {
    const result = readToken(source, offset);
    if (!result.ok) return { message: result.issue.message, offset: result.issue.offset };
    assert.notEqual(result.token.kind, 'end', `no lexical issue in ${source}`);
    offset = result.token.end;
  }
}

test('string literals take single or double quotes', () => {
  assert.equal(firstValue('\'it said "hi"\''), 'it said "hi"');
  assert.equal(firstValue('"it\'s"'), "it's");
  assert.equal(firstValue("''"), '');
});

test('string escapes are exactly \\\' \\" \\\\ \\n \\t and \\u with four hex digits', () => {
  assert.equal(firstValue(String.raw`'\'\"\\\n\t'`), '\'"\\\n\t');
  assert.equal(firstValue(String.raw`"\u00e9\u00E9\u20AC"`), 'éé€');
  assert.equal(firstValue(String.raw`'\ud83d\ude00'`), '😀');
});

test('an unknown escape, a short \\u and an unterminated string are syntax errors at their offset', () => {
  assert.equal(issueAt(String.raw`a == 'x\r'`).offset, 7);
  assert.match(issueAt(String.raw`'\x41'`).message, /unsupported escape '\\x'/);
  assert.equal(issueAt(String.raw`'\u12g4'`).offset, 1);
  assert.equal(issueAt(String.raw`'\u12'`).offset, 1);
  assert.deepEqual(issueAt(`a + 'open`), {
    message: 'unterminated string: its single quote is never closed',
    offset: 4,
  });
  assert.equal(issueAt(`"x\\"`).offset, 0);
  assert.equal(issueAt(`'x\\`).offset, 2);
});

test('numbers are digits with an optional fraction, as IEEE doubles', () => {
  assert.equal(firstValue('0'), 0);
  assert.equal(firstValue('007'), 7);
  assert.equal(firstValue('12.50'), 12.5);
  assert.equal(firstValue('12345678901234567890'), Number('12345678901234567890'));
});

test('a number with a bare dot, an exponent, a hex prefix or a letter suffix is a syntax error', () => {
  assert.deepEqual(issueAt('1.'), { message: "a number needs digits after '.'", offset: 1 });
  assert.equal(issueAt('.5').offset, 0);
  assert.equal(issueAt('1e5').offset, 1);
  assert.equal(issueAt('0x1F').offset, 1);
  assert.equal(issueAt('1.2.3').offset, 3);
  assert.equal(issueAt('10px').offset, 2);
});

test('a number too large for a double is a syntax error', () => {
  assert.deepEqual(issueAt(`1${'0'.repeat(400)}`), { message: 'number is too large', offset: 0 });
});

test('keywords are lower case only; other spellings are identifiers', () => {
  assert.deepEqual(
    tokens('true false null True FALSE Null nullable').map((token) => token.kind),
    ['keyword', 'keyword', 'keyword', 'identifier', 'identifier', 'identifier', 'identifier', 'end'],
  );
});

test('identifiers are ASCII letters, digits and underscores, not starting with a digit', () => {
  const names = tokens('_a __gather menu_Meaning A1').flatMap((token) =>
    token.kind === 'identifier' ? [token.name] : [],
  );
  assert.deepEqual(names, ['_a', '__gather', 'menu_Meaning', 'A1']);
  assert.equal(issueAt('café').offset, 3);
  assert.match(issueAt('café').message, /U\+00E9/);
});

test('spaces, tabs and line breaks separate tokens; other white space is refused', () => {
  assert.equal(tokens(' \t\r\n1 \n+\t2 ').length, 4);
  assert.match(issueAt('1 +\u00a02').message, /U\+00A0/);
});

test('two-character operators are read whole', () => {
  const symbols = tokens('${ || && == != <= >= < > }').flatMap((token) =>
    token.kind === 'symbol' ? [token.symbol] : [],
  );
  assert.deepEqual(symbols, ['${', '||', '&&', '==', '!=', '<=', '>=', '<', '>', '}']);
});

test('JavaScript-only characters are refused with a message naming the feature', () => {
  assert.match(issueAt('a.b').message, /member access/);
  assert.match(issueAt('a[0]').message, /indexing/);
  assert.match(issueAt('a = 1').message, /assignment/);
  assert.match(issueAt('a === 1').message, /'===' is not supported/);
  assert.match(issueAt('a !== 1').message, /'!==' is not supported/);
  assert.match(issueAt('`x`').message, /template literals/);
  assert.match(issueAt('a & b').message, /use '&&'/);
  assert.match(issueAt('a | b').message, /use '\|\|'/);
  assert.match(issueAt('$a').message, /'\$' must start/);
  assert.match(issueAt('a ? b : c').message, /conditional operator/);
  assert.match(issueAt('#').message, /unexpected character '#'/);
  assert.match(issueAt('\u0000').message, /U\+0000/);
});
