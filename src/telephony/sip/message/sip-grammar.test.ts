import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isToken, quoteString, readQuotedString, skipQuotedString } from './sip-grammar.js';

test('a token holds only the token alphabet of RFC 3261 section 25.1', () => {
  assert.equal(isToken("INVITE-x.!%*_+`'~9"), true);
  assert.equal(isToken(''), false);
  for (const bad of ['a b', 'a:b', 'a;b', 'a"b', 'a,b', 'é']) assert.equal(isToken(bad), false, bad);
});

test('a quoted string is unescaped: a backslash keeps the next character', () => {
  const text = 'x "say \\"hi\\" \\\\ now" y';

  const read = readQuotedString(text, 2);

  assert.deepEqual(read, { value: 'say "hi" \\ now', end: text.length - 2 });
});

test('an unterminated quoted string is refused, even when it ends in a backslash', () => {
  assert.equal(readQuotedString('"open', 0), undefined);
  assert.equal(readQuotedString('"open\\', 0), undefined);
  assert.equal(readQuotedString('"open\\"', 0), undefined);
  assert.equal(skipQuotedString('"open\\"', 0), -1);
});

test('quoting escapes quotes and backslashes and turns line breaks into spaces', () => {
  const quoted = quoteString('a "b" \\ c\r\nd\te');

  assert.equal(quoted, '"a \\"b\\" \\\\ c  d\te"');
  assert.equal(readQuotedString(quoted, 0)?.value, 'a "b" \\ c  d\te');
});
