import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluate, evaluateCondition, type VariableReader } from './evaluate.js';
import { parseExpression } from './parser.js';
import type { Value } from './values.js';

type Variables = Readonly<Record<string, string>>;

function compile(source: string) {
  const parsed = parseExpression(source);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.issue.message);
  return parsed.expression;
}

function reader(variables: Variables): VariableReader {
  return new Map(Object.entries(variables));
}

function run(source: string, variables: Variables = {}): Value {
  const result = evaluate(compile(source), reader(variables));
  assert.ok(result.ok, result.ok ? '' : result.message);
  return result.value;
}

function runError(source: string, variables: Variables = {}): { message: string; offset: number } {
  const result = evaluate(compile(source), reader(variables));
  assert.ok(!result.ok, `expected ${source} to fail, got ${JSON.stringify(result)}`);
  assert.equal(result.code, 'VG_RT_EXPRESSION_ERROR');
  return { message: result.message, offset: result.offset };
}

test('literals evaluate to themselves and a variable to its string, unset as ""', () => {
  assert.equal(run('12.5'), 12.5);
  assert.equal(run("'x'"), 'x');
  assert.equal(run('true'), true);
  assert.equal(run('null'), null);
  assert.equal(run('n', { n: '42' }), '42');
  assert.equal(run('missing'), '');
});

test('the seed forms read the same variable the same way', () => {
  assert.equal(run('${myVariable} != 1', { myVariable: '1' }), false);
  assert.equal(run('${myVariable} != 1', { myVariable: '2' }), true);
  assert.equal(run("${myVar == 'discount' || myVar == '1'}", { myVar: '1' }), true);
  assert.equal(run("${myVar == 'discount' || myVar == '1'}", { myVar: 'other' }), false);
});

test('== compares a number with a number-like string numerically', () => {
  assert.equal(run('x == 1', { x: '1' }), true);
  assert.equal(run('x == 1', { x: '01' }), true);
  assert.equal(run('x == 1', { x: '1.0' }), true);
  assert.equal(run("0 == '-0'"), true);
  assert.equal(run('${callApiStatus} == 404', { callApiStatus: '404' }), true);
  assert.equal(run('1 == 1.0'), true);
});

test('== finds a number and a string that is not number-like unequal', () => {
  assert.equal(run("1 == 'one'"), false);
  assert.equal(run("0 == ''"), false);
  assert.equal(run("1 == ' 1'"), false);
  assert.equal(run('x == 0', {}), false);
});

test('== compares a boolean with a string against "true"/"false"', () => {
  assert.equal(run("true == 'true'"), true);
  assert.equal(run("'false' == false"), true);
  assert.equal(run('vip == true', { vip: 'true' }), true);
  assert.equal(run("true == 'True'"), false);
  assert.equal(run("true == '1'"), false);
  assert.equal(run("false == ''"), false);
});

test('== makes null equal to null and "" only', () => {
  assert.equal(run('null == null'), true);
  assert.equal(run("null == ''"), true);
  assert.equal(run('unset == null'), true);
  assert.equal(run('null == 0'), false);
  assert.equal(run('null == false'), false);
  assert.equal(run("null == 'null'"), false);
});

test('== compares two strings exactly and case-sensitively', () => {
  assert.equal(run("'abc' == 'abc'"), true);
  assert.equal(run("'abc' == 'ABC'"), false);
  assert.equal(run("x == '1'", { x: '01' }), false);
  assert.equal(run('a == b', { a: '1', b: '1.0' }), false);
});

test('== finds any other mix unequal: boolean vs number', () => {
  assert.equal(run('true == 1'), false);
  assert.equal(run('false == 0'), false);
  assert.equal(run('true == true'), true);
});

test('!= is the negation of == in every case', () => {
  for (const source of ['x != 1', "x != '1'", 'x != null', 'x != true', "x != 'true'", 'true != 1']) {
    for (const x of ['1', '01', '', 'true']) {
      const equal = run(source.replace('!=', '=='), { x });
      assert.equal(run(source, { x }), !equal, `${source} with x=${x}`);
    }
  }
});

test('relational operators compare numbers and number-like strings numerically', () => {
  assert.equal(run("'10' > '9'"), true);
  assert.equal(run('x > 9', { x: '10' }), true);
  assert.equal(run('balance > 0', { balance: '12.5' }), true);
  assert.equal(run('2 < 10'), true);
  assert.equal(run('x <= 3', { x: '3.0' }), true);
  assert.equal(run('x >= 3', { x: '2.99' }), false);
});

test('relational operators compare other strings by UTF-16 code unit', () => {
  assert.equal(run("${localTime} >= '09:00'", { localTime: '10:30' }), true);
  assert.equal(run("'abc' < 'abd'"), true);
  assert.equal(run("'Z' < 'a'"), true);
  assert.equal(run("10 < 'abc'"), true);
  assert.equal(run("'' < '1'"), true);
  assert.equal(run("'\\uff5e' > x", { x: '😀' }), true);
});

test('relational operators refuse a boolean or null operand', () => {
  assert.deepEqual(runError('true < 1'), { message: "'<' cannot compare a boolean", offset: 5 });
  assert.match(runError('1 >= false').message, /boolean/);
  assert.match(runError('null > 0').message, /null/);
  assert.match(runError("'a' <= null").message, /null/);
});

test('+ adds numbers and number-like strings', () => {
  assert.equal(run('1 + 2'), 3);
  assert.equal(run('x + y', { x: '2', y: '3.5' }), 5.5);
  assert.equal(run('counter + 1', { counter: '41' }), 42);
});

test('+ counts "" and null as 0 when both sides are numeric-capable', () => {
  assert.equal(run('counter + 1'), 1);
  assert.equal(run('null + 1'), 1);
  assert.equal(run("'' + ''"), 0);
});

test('+ concatenates string forms when either side is not numeric-capable', () => {
  assert.equal(run("'a' + 1"), 'a1');
  assert.equal(run("1 + 2 + 'a'"), '3a');
  assert.equal(run("'a' + 1 + 2"), 'a12');
  assert.equal(run('true + 1'), 'true1');
  assert.equal(run("null + 'a'"), 'a');
  assert.equal(run('0.5 + x', { x: 'kg' }), '0.5kg');
  assert.equal(run('firstName + " " + lastName', { firstName: 'Ana', lastName: 'Lee' }), 'Ana Lee');
});

test('- * / % compute on numeric-capable operands', () => {
  assert.equal(run('7 - 2'), 5);
  assert.equal(run('x * 3', { x: '2' }), 6);
  assert.equal(run('7 / 2'), 3.5);
  assert.equal(run('7 % 3'), 1);
  assert.equal(run('-7 % 3'), -1);
  assert.equal(run("'' - 1"), -1);
  assert.equal(run('null * 5'), 0);
});

test('- * / % and unary - refuse booleans and strings that are not number-like', () => {
  assert.deepEqual(runError("'a' - 1"), {
    message: "'-' needs numbers; the left is a string that is not a number",
    offset: 4,
  });
  assert.match(runError('2 * true').message, /the right is a boolean/);
  assert.match(runError('x / 2', { x: '1234567890123456' }).message, /not a number/);
  assert.match(runError("-'a'").message, /'-' needs a number/);
  assert.match(runError('-true').message, /boolean/);
});

test('division and modulo by zero are errors, "" and null divisors included', () => {
  assert.deepEqual(runError('1 / 0'), { message: 'division by zero', offset: 2 });
  assert.equal(runError('1 % 0').message, 'modulo by zero');
  assert.equal(runError("1 / ''").message, 'division by zero');
  assert.equal(runError('1 / x', { x: '-0.0' }).message, 'division by zero');
  assert.equal(runError('1 % null').message, 'modulo by zero');
});

test('a result beyond the finite doubles is an error, never Infinity', () => {
  const big = `1${'0'.repeat(200)}`;
  assert.match(runError(`${big} * ${big}`).message, /too large/);
  assert.match(runError(`-${big} * ${big}`).message, /too large/);
});

test('unary - negates numeric-capable values and repeats', () => {
  assert.equal(run('-x', { x: '5' }), -5);
  assert.equal(run('- - 1'), 1);
  assert.ok(Object.is(run("-''"), -0));
});

test('! && || use truthiness and give a boolean', () => {
  assert.equal(run("!''"), true);
  assert.equal(run("!'0.0'"), true);
  assert.equal(run("!'False'"), false);
  assert.equal(run("'a' || 'b'"), true);
  assert.equal(run("'' && 'x'"), false);
  assert.equal(run("'x' && 'y'"), true);
  assert.equal(run("'false' || 0"), false);
});

test('&& and || short-circuit: the right side is not evaluated or read', () => {
  const reads: string[] = [];
  const tracing: VariableReader = { get: (name) => (reads.push(name), undefined) };
  assert.deepEqual(evaluate(compile('false && 1 / 0'), tracing), { ok: true, value: false });
  assert.deepEqual(evaluate(compile('true || 1 / 0'), tracing), { ok: true, value: true });
  assert.deepEqual(evaluate(compile("a == '' || b"), tracing), { ok: true, value: true });
  assert.deepEqual(reads, ['a']);
  assert.equal(runError('true && 1 / 0').message, 'division by zero');
});

test('precedence holds at run time: 1 + 2 * 3 == 7 and !a && b', () => {
  assert.equal(run('1 + 2 * 3 == 7'), true);
  assert.equal(run('(1 + 2) * 3'), 9);
  assert.equal(run('!a && b', { b: 'yes' }), true);
  assert.equal(run('!(a && b)', { a: '1' }), true);
});

test('15-digit strings compare numerically; 16-digit phone numbers compare exactly as strings', () => {
  assert.equal(run('x == 123456789012345', { x: '0123456789012345'.slice(1) }), true);
  assert.equal(run('x == 1234567890123456', { x: '1234567890123456' }), false);
  assert.equal(run('a > b', { a: '9007199254740993', b: '9007199254740992' }), true);
  assert.equal(run('a > b', { a: '900719925474099', b: '900719925474100' }), false);
  assert.equal(run("from == '0033612345678'", { from: '0033612345678' }), true);
  assert.equal(run('x + 1', { x: '1234567890123456' }), '12345678901234561');
});

test('hostile names are only unset variables with a Map-backed reader', () => {
  for (const name of ['constructor', '__proto__', 'toString', 'process', 'hasOwnProperty', 'valueOf']) {
    assert.equal(run(name), '', name);
    assert.equal(run(`${name} == ''`), true, name);
  }
});

test('hostile names are unset with a null-prototype reader, and non-strings from any reader read as ""', () => {
  const store: Record<string, string> = Object.create(null) as Record<string, string>;
  const nullPrototype: VariableReader = { get: (name) => store[name] };
  const careless = { get: (name: string) => ({})[name as keyof object] } as unknown as VariableReader;
  for (const variables of [nullPrototype, careless]) {
    for (const name of ['constructor', '__proto__', 'toString']) {
      assert.deepEqual(evaluate(compile(name), variables), { ok: true, value: '' });
    }
  }
});

test("a value holding 1' || '1' == '1 stays a string", () => {
  const injected = { x: "1' || '1' == '1" };
  assert.equal(run("x == 'abc'", injected), false);
  assert.equal(run('${x}', injected), "1' || '1' == '1");
  assert.equal(run('x == 1', injected), false);
});

test('a string result of 4,096 characters is allowed and one of 4,097 is an error', () => {
  const x = 'a'.repeat(4095);
  assert.equal(run("x + 'b'", { x }), `${x}b`);
  assert.deepEqual(runError("x + 'bc'", { x }), {
    message: 'the result is longer than 4096 characters',
    offset: 2,
  });
  assert.match(runError('${x}', { x: 'a'.repeat(4097) }).message, /longer than 4096/);
  assert.equal(run("x == ''", { x: 'a'.repeat(10_000) }), false);
});

test('concatenation is checked at every step, so a long chain errors before growing', () => {
  const chain = Array(30).fill('x').join(' + ');
  assert.equal(runError(chain, { x: 'y'.repeat(1000) }).offset, 14);
});

test('the value limit can be lowered per evaluation', () => {
  const result = evaluate(compile("'abcd'"), reader({}), { maxValueLength: 3 });
  assert.equal(result.ok, false);
});

test('evaluateCondition gives truthiness, and false with the reason when evaluation fails', () => {
  assert.deepEqual(evaluateCondition(compile('attempts < 3'), reader({ attempts: '2' })), { value: true });
  assert.deepEqual(evaluateCondition(compile("'0'"), reader({})), { value: false });
  assert.deepEqual(evaluateCondition(compile('1 / 0 == 1'), reader({})), {
    value: false,
    error: 'division by zero (at offset 2)',
  });
});
