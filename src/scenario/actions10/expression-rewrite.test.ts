/**
 * The expression rewrites of section 1.1 (`$x`, `$gather.digits`, `$dial.ok`, `$dial.status`,
 * `$fetch.status`, `$fetch.ok`, `call.*`), and the refusal of JavaScript beyond section 4 with
 * `A10_EXPRESSION_UNSUPPORTED`.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rewriteCondition, rewriteExpression } from './expression-rewrite.js';

function rewritten(source: string): string {
  const result = rewriteExpression(source);
  assert.ok(result.ok, `expected a rewrite of ${source}, got ${JSON.stringify(result)}`);
  return result.text;
}

function refusal(source: string): string {
  const result = rewriteExpression(source);
  assert.ok(!result.ok, `expected ${source} to be refused, got ${JSON.stringify(result)}`);
  return result.code;
}

const REWRITES: readonly (readonly [string, string])[] = [
  ['$menu', 'menu'],
  ['$gather.digits', '__gather'],
  ['$dial.ok', "(dialStatus == 'ANSWER')"],
  ['$dial.status', 'dialStatus'],
  ['$fetch.status', 'callApiStatus'],
  ['$fetch.ok', "(callApiOutcome == 'SUCCESS')"],
  ['call.fromNumber', 'from'],
  ['call.toNumber', 'to'],
  ['call.id', 'callId'],
  ['call.direction', 'direction'],
];

for (const [source, expected] of REWRITES) {
  test(`${source} reads ${expected}`, () => {
    assert.equal(rewritten(source), expected);
  });
}

test('operators, literals and spacing pass through unchanged', () => {
  assert.equal(rewritten("$gather.digits == '1'"), "__gather == '1'");
  assert.equal(rewritten('!$dial.ok'), "!(dialStatus == 'ANSWER')");
  assert.equal(
    rewritten('($a + 1) * 2 >= $b % 3 || !($c != "x") && true'),
    '(a + 1) * 2 >= b % 3 || !(c != "x") && true',
  );
  assert.equal(rewritten("  $fetch.status == 404 && $x == 'a.b'  "), "callApiStatus == 404 && x == 'a.b'");
});

test('a condition may be a bare expression, one ${{ }}, a YAML boolean or a number', () => {
  assert.deepEqual(rewriteCondition("$gather.digits == '1'"), { ok: true, text: "__gather == '1'" });
  assert.deepEqual(rewriteCondition('${{ $dial.ok }}'), { ok: true, text: "(dialStatus == 'ANSWER')" });
  assert.deepEqual(rewriteCondition(true), { ok: true, text: 'true' });
  assert.deepEqual(rewriteCondition(0), { ok: true, text: '0' });
});

const UNSUPPORTED: readonly (readonly [string, string])[] = [
  ['method call', '$name.trim()'],
  ['function call', 'parseInt($x)'],
  ['JSON.stringify of anything but a context', 'JSON.stringify($x)'],
  ['indexing', '$list[0]'],
  ['template literal', '`hi ${$x}`'],
  ['assignment', '$x = 1'],
  ['compound assignment', '$x += 1'],
  ['increment', '$x++'],
  ['arrow function', '(x) => x'],
  ['function keyword', 'function () { return 1 }'],
  ['strict equality', "$x === '1'"],
  ['strict inequality', "$x !== '1'"],
  ['conditional operator', '$x ? 1 : 2'],
  ['nullish coalescing', '$x ?? 1'],
  ['member access on a variable', '$name.length'],
  ['an unknown result field', '$dial.duration'],
  ['an unknown call field', 'call.callerName'],
  ['a name without $', 'undefined'],
  ['typeof', 'typeof $x'],
  ['new', 'new Date()'],
  ['bitwise operators', '$x & 1'],
  ['exponent numbers', '1e3'],
];

for (const [what, source] of UNSUPPORTED) {
  test(`${what} is A10_EXPRESSION_UNSUPPORTED: ${source}`, () => {
    assert.equal(refusal(source), 'A10_EXPRESSION_UNSUPPORTED');
  });
}

test('JSON.stringify(call|app|run|recording) reads the serialised context', () => {
  assert.deepEqual(rewriteExpression('JSON.stringify(call)'), { ok: true, text: '__json_call' });
  assert.deepEqual(rewriteExpression("JSON.stringify( recording ) != ''"), {
    ok: true,
    text: "__json_recording != ''",
  });
  const refused = rewriteExpression('JSON.stringify(window)');
  assert.ok(!refused.ok);
  assert.match(refused.message, /call, app, run, recording/);
});

test('what the section 4 grammar cannot parse is EXPRESSION_SYNTAX', () => {
  assert.equal(refusal('$a =='), 'EXPRESSION_SYNTAX');
  assert.equal(refusal("'open"), 'EXPRESSION_SYNTAX');
  assert.equal(refusal(''), 'EXPRESSION_SYNTAX');
  assert.equal(refusal('$a == 1 == 2'), 'EXPRESSION_SYNTAX');
});

test('variable names follow section 3: invalid, reserved and translator names are refused', () => {
  assert.equal(refusal('$__branch'), 'INVALID_VARIABLE_NAME');
  assert.equal(refusal('$true'), 'INVALID_VARIABLE_NAME');
  assert.equal(refusal('$a$b'), 'INVALID_VARIABLE_NAME');
  assert.equal(refusal('$to == 1'), 'RESERVED_VARIABLE');
  assert.equal(refusal('$dialStatus'), 'RESERVED_VARIABLE');
});
