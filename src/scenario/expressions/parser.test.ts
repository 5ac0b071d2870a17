import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Expression, ExpressionNode } from './ast.js';
import type { ExpressionIssue } from './expression-issue.js';
import { parseExpression } from './parser.js';

/** The tree as an S-expression: `(+ 1 (* 2 3))`. */
function show(node: ExpressionNode): string {
  switch (node.kind) {
    case 'literal':
      return typeof node.value === 'string' ? `'${node.value}'` : String(node.value);
    case 'variable':
      return node.name;
    case 'unary':
      return `(${node.operator} ${show(node.operand)})`;
    case 'binary':
      return `(${node.operator} ${show(node.left)} ${show(node.right)})`;
    default:
      return node satisfies never;
  }
}

function parsed(source: string): Expression {
  const result = parseExpression(source);
  assert.ok(result.ok, result.ok ? '' : `${result.issue.message} at ${result.issue.offset}`);
  return result.expression;
}

function tree(source: string): string {
  return show(parsed(source).root);
}

function issue(source: string, limits?: Parameters<typeof parseExpression>[1]): ExpressionIssue {
  const result = parseExpression(source, limits);
  assert.ok(!result.ok, `expected ${JSON.stringify(source.slice(0, 60))} to be refused`);
  return result.issue;
}

function syntaxAt(source: string): number {
  const found = issue(source);
  assert.equal(found.code, 'VG_ERR_SCENARIO_EXPRESSION_SYNTAX', found.message);
  return found.offset;
}

function tooComplex(source: string, limits?: Parameters<typeof parseExpression>[1]): ExpressionIssue {
  const found = issue(source, limits);
  assert.equal(found.code, 'VG_ERR_SCENARIO_EXPRESSION_TOO_COMPLEX', found.message);
  return found;
}

test('the seed form "${myVariable} != 1" is a reference followed by operators', () => {
  assert.equal(tree('${myVariable} != 1'), '(!= myVariable 1)');
});

test("the seed form \"${myVar == 'discount' || myVar == '1'}\" is a whole expression in ${}", () => {
  assert.equal(tree("${myVar == 'discount' || myVar == '1'}"), "(|| (== myVar 'discount') (== myVar '1'))");
});

test('multiplicative binds tighter than additive, additive than comparison', () => {
  assert.equal(tree('1 + 2 * 3 == 7'), '(== (+ 1 (* 2 3)) 7)');
  assert.equal(tree('a - b % c / d'), '(- a (/ (% b c) d))');
  assert.equal(tree('a + b < c * d'), '(< (+ a b) (* c d))');
});

test('relational binds tighter than equality, equality than &&, && than ||', () => {
  assert.equal(tree('a < b == c >= d'), '(== (< a b) (>= c d))');
  assert.equal(tree('a == b && c != d'), '(&& (== a b) (!= c d))');
  assert.equal(tree('a || b && c || d'), '(|| (|| a (&& b c)) d)');
});

test('unary operators bind tightest and repeat', () => {
  assert.equal(tree('!a && b'), '(&& (! a) b)');
  assert.equal(tree('- - 1'), '(- (- 1))');
  assert.equal(tree('-a * b'), '(* (- a) b)');
  assert.equal(tree('!!-x'), '(! (! (- x)))');
});

test('binary operators of one level associate to the left', () => {
  assert.equal(tree('a - b - c'), '(- (- a b) c)');
  assert.equal(tree('a / b * c'), '(* (/ a b) c)');
});

test('brackets and ${} group without adding a node', () => {
  assert.equal(tree('(1 + 2) * 3'), '(* (+ 1 2) 3)');
  assert.equal(tree('${a} + ${b + 1} * 2'), '(+ a (* (+ b 1) 2))');
  assert.equal(tree('${${a}}'), 'a');
  assert.equal(parsed('((a))').nodeCount, 1);
});

test('literals: numbers, both quotes, lower-case keywords; other cases are variable names', () => {
  assert.equal(tree(`1.5 + 'x' + "y"`), "(+ (+ 1.5 'x') 'y')");
  assert.equal(tree('true == True'), '(== true True)');
  assert.equal(tree('null != NULL'), '(!= null NULL)');
  assert.deepEqual(parsed('True || FALSE || Null').variables, ['True', 'FALSE', 'Null']);
});

test('an expression records its distinct variables in order, its node count and depth', () => {
  const expression = parsed('b + a * b > (c)');
  assert.deepEqual(expression.variables, ['b', 'a', 'c']);
  assert.equal(expression.nodeCount, 7);
  assert.equal(expression.depth, 4);
  assert.equal(expression.source, 'b + a * b > (c)');
});

test('nodes carry the offset of their token and are frozen', () => {
  const { root } = parsed('  x  ==  -1');
  assert.equal(root.kind, 'binary');
  if (root.kind !== 'binary') return;
  assert.deepEqual([root.offset, root.left.offset, root.right.offset], [5, 2, 9]);
  assert.ok(Object.isFrozen(root) && Object.isFrozen(root.left) && Object.isFrozen(parsed('a').variables));
});

test('equality and relational operators cannot be chained', () => {
  assert.equal(syntaxAt('a == b == c'), 7);
  assert.equal(syntaxAt('a != b == c'), 7);
  assert.equal(syntaxAt('a < b < c'), 6);
  assert.equal(syntaxAt('1 <= x >= 2'), 7);
  assert.equal(tree('(a == b) == c'), '(== (== a b) c)');
});

test('member access, indexing, calls, assignment and === are syntax errors at their offset', () => {
  assert.equal(syntaxAt('a.constructor'), 1);
  assert.equal(syntaxAt('a[0]'), 1);
  assert.equal(syntaxAt('f()'), 1);
  assert.equal(syntaxAt('(a)(b)'), 3);
  assert.equal(syntaxAt('x = 1'), 2);
  assert.equal(syntaxAt('x === 1'), 2);
  assert.equal(syntaxAt('x !== 1'), 2);
  assert.equal(syntaxAt('`${x}`'), 0);
  assert.match(issue('f(1)').message, /function calls/);
});

test('operators the grammar lacks are syntax errors at their offset', () => {
  assert.equal(syntaxAt('+1'), 0);
  assert.equal(syntaxAt('a ++ b'), 3);
  assert.equal(syntaxAt('a ** 2'), 3);
  assert.equal(syntaxAt('a & b'), 2);
  assert.equal(syntaxAt('a ? b : c'), 2);
  assert.equal(syntaxAt('a <> b'), 3);
  assert.equal(syntaxAt('a, b'), 1);
});

test('missing operands and brackets are syntax errors where the token was expected', () => {
  assert.equal(syntaxAt(''), 0);
  assert.equal(syntaxAt('   '), 3);
  assert.equal(syntaxAt('1 +'), 3);
  assert.equal(syntaxAt('a == '), 5);
  assert.equal(syntaxAt('(1'), 2);
  assert.equal(syntaxAt('${a'), 3);
  assert.equal(syntaxAt('(a}'), 2);
  assert.equal(syntaxAt('1)'), 1);
  assert.equal(syntaxAt('a}'), 1);
  assert.equal(syntaxAt('a b'), 2);
  assert.equal(syntaxAt('1 2'), 2);
  assert.equal(syntaxAt('()'), 1);
  assert.equal(syntaxAt('${}'), 2);
  assert.match(issue('').message, /empty/);
  assert.match(issue('(1 2').message, /closing the '\(' at offset 0/);
});

test('an expression of 1,024 characters is accepted and one of 1,025 is too complex at offset 1024', () => {
  assert.ok(parseExpression(`'${'x'.repeat(1022)}'`).ok);
  assert.equal(tooComplex(`'${'x'.repeat(1023)}'`).offset, 1024);
  assert.equal(tooComplex('a + b', { maxLength: 4 }).offset, 4);
});

/** 16 bracketed sums of 8 ones: 255 nodes at depth 24; each leading '-' adds a node. */
function manyNodes(extraNodes: number): string {
  const group = `(${Array(8).fill('1').join('+')})`;
  return `${'-'.repeat(extraNodes)}${Array(16).fill(group).join('+')}`;
}

test('an expression of 256 nodes is accepted and one of 257 is too complex', () => {
  assert.equal(parsed(manyNodes(1)).nodeCount, 256);
  assert.match(tooComplex(manyNodes(2)).message, /more than 256 nodes/);
  assert.equal(tooComplex('a + b + c', { maxNodes: 4 }).offset, 6);
});

test('depth 32 is accepted and depth 33 is too complex, for chains, brackets and unary runs', () => {
  const chain = (leaves: number) => Array(leaves).fill('a').join(' + ');
  assert.equal(parsed(chain(32)).depth, 32);
  assert.match(tooComplex(chain(33)).message, /deeper than 32/);
  assert.equal(parsed(`${'('.repeat(31)}a${')'.repeat(31)}`).depth, 32);
  assert.equal(tooComplex(`${'('.repeat(32)}a${')'.repeat(32)}`).offset, 31);
  assert.equal(parsed(`${'!'.repeat(31)}a`).depth, 32);
  assert.equal(tooComplex(`${'!'.repeat(32)}a`).offset, 31);
  assert.equal(tooComplex('${${a}}', { maxDepth: 2 }).offset, 2);
});

test('100,000 nested brackets, ${, ! or - end in too complex, never a stack overflow', () => {
  const deep = 100_000;
  const limits = { maxLength: 10 * deep };
  for (const [open, close] of [
    ['(', ')'],
    ['${', '}'],
    ['!', ''],
    ['-', ''],
    ['!(', ')'],
    ['a + (', ')'],
  ] as const) {
    tooComplex(`${open.repeat(deep)}1${close.repeat(deep)}`, limits);
  }
  tooComplex(`${'('.repeat(deep)}1`, limits);
  tooComplex(`${'1 + '.repeat(deep)}1`, limits);
});

test('with default limits a 100,000-deep input is refused by length before parsing', () => {
  assert.equal(tooComplex('('.repeat(100_000)).offset, 1024);
});

test('the deepest nesting the hard ceiling allows still parses without exhausting the stack', () => {
  const limits = { maxDepth: 256, maxLength: 10_000 };
  assert.equal(parseExpression(`${'('.repeat(255)}1${')'.repeat(255)}`, limits).ok, true);
  assert.equal(parseExpression(`${'-'.repeat(255)}1`, limits).ok, true);
});

test('a limit outside its range is a configuration bug and throws', () => {
  assert.throws(() => parseExpression('a', { maxDepth: 257 }), RangeError);
  assert.throws(() => parseExpression('a', { maxNodes: 0 }), RangeError);
  assert.throws(() => parseExpression('a', { maxLength: Number.NaN }), RangeError);
});
