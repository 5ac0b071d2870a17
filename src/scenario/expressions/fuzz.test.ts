/**
 * Property tests without a library: a seeded PRNG builds token soups and grammatical expressions;
 * whatever comes in, the parser, evaluator and template functions answer with a value or an
 * issue, never an exception. Set VOXGATE_FUZZ_SEED to explore other inputs; failures print the seed.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ExpressionNode } from './ast.js';
import { evaluate, type VariableReader } from './evaluate.js';
import { parseExpression } from './parser.js';
import { parseTemplate, renderTemplate } from './template.js';
import { toText } from './values.js';

const SEED = Number(process.env.VOXGATE_FUZZ_SEED ?? 20240917);

/** mulberry32: small, fast, good enough to spread test inputs. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

// prettier-ignore
const TOKENS = [
  'a', 'b', 'x1', '_y', 'True', 'constructor', '__proto__', 'toString',
  '0', '1', '12.5', '007', '123456789012345', '1234567890123456', "'s'", '"d"', "'\\n'", "'\\u00e9'", "'}'", "'${'",
  'true', 'false', 'null', '||', '&&', '==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%', '!',
  '(', ')', '${', '}',
];

// prettier-ignore
const NOISE = [
  '1e5', '1.', '.5', '9'.repeat(400), "'", '"', "'\\x'", '\\u12', '{', '$', '$$', '$${',
  '.', '[', ']', '=', '===', '`', ',', '?', ':', '&', '|', ';', '\\',
  '  ', '\t', '\n', '\u00a0', 'é', '😀', '\ud800', 'Hello ', '/x?q=',
];

// prettier-ignore
const VALUES = ['', '0', '1', '-0', '01', '12.5', 'true', 'false', 'abc', '1234567890123456', 'x'.repeat(3000),
  "1' || '1' == '1", '${a}', '\ud800'];

function soup(random: () => number): string {
  const length = 1 + Math.floor(random() * 16);
  const fragment = () => pick(random, random() < 0.9 ? TOKENS : NOISE) + (random() < 0.5 ? ' ' : '');
  return Array.from({ length }, fragment).join('');
}

function randomReader(random: () => number): VariableReader {
  const values = new Map<string, string>();
  return { get: (name) => values.get(name) ?? (values.set(name, pick(random, VALUES)), values.get(name)) };
}

function assertEvaluates(source: string, random: () => number): void {
  const parsed = parseExpression(source);
  if (!parsed.ok) return;
  const result = evaluate(parsed.expression, randomReader(random));
  const where = `seed ${SEED}, source ${JSON.stringify(source)}`;
  if (!result.ok) {
    assert.equal(result.code, 'VG_RT_EXPRESSION_ERROR', where);
    assert.ok(result.offset >= 0 && result.offset < source.length, where);
  } else if (typeof result.value === 'number') {
    assert.ok(Number.isFinite(result.value), where);
  } else if (typeof result.value === 'string') {
    assert.ok(result.value.length <= 4096, where);
  }
}

test('parseExpression and evaluate never throw on 4,000 random token soups', () => {
  const random = createRandom(SEED);
  let accepted = 0;
  for (let round = 0; round < 4000; round += 1) {
    const source = soup(random);
    const where = `seed ${SEED}, source ${JSON.stringify(source)}`;
    const parsed = parseExpression(source);
    if (parsed.ok) {
      accepted += 1;
      assert.ok(parsed.expression.nodeCount <= 256 && parsed.expression.depth <= 32, where);
    } else {
      assert.ok(parsed.issue.offset >= 0 && parsed.issue.offset <= source.length, where);
    }
    assertEvaluates(source, random);
  }
  assert.ok(accepted > 50, `seed ${SEED}: only ${accepted} soups parsed; the generator is too noisy`);
});

test('parseTemplate and renderTemplate never throw on 2,000 random strings', () => {
  const random = createRandom(SEED + 1);
  for (let round = 0; round < 2000; round += 1) {
    const source = soup(random);
    const where = `seed ${SEED + 1}, source ${JSON.stringify(source)}`;
    const parsed = parseTemplate(source);
    if (!parsed.ok) {
      assert.ok(parsed.issue.offset >= 0 && parsed.issue.offset <= source.length, where);
      continue;
    }
    const rendered = renderTemplate(parsed.template, randomReader(random), {
      encode: (v) => v.toUpperCase(),
    });
    assert.equal(typeof rendered.text, 'string', where);
  }
});

// prettier-ignore
const ATOMS = ['0', '1', '2.5', '007', '123456789012345', "''", "'0'", "'abc'", '"x y"', "'\\''", "'\\u00e9'",
  'true', 'false', 'null', 'a', 'b', 'constructor', 'True'];
const BINARY = ['||', '&&', '==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%'];

/** A grammatical expression, fully bracketed, at most `levels` deep. */
function grammatical(random: () => number, levels: number): string {
  const choice = random();
  if (levels === 0 || choice < 0.25) return pick(random, ATOMS);
  if (choice < 0.4) return `${pick(random, ['!', '-', '!!'])}${grammatical(random, levels - 1)}`;
  if (choice < 0.5) return `\${ ${grammatical(random, levels - 1)} }`;
  const left = grammatical(random, levels - 1);
  return `(${left} ${pick(random, BINARY)} ${grammatical(random, levels - 1)})`;
}

/** Prints a tree fully bracketed, in the grammar, so it can be parsed again. */
function print(node: ExpressionNode): string {
  switch (node.kind) {
    case 'literal':
      if (typeof node.value === 'number') {
        return Number.isInteger(node.value) ? BigInt(node.value).toString() : toText(node.value);
      }
      if (typeof node.value === 'string')
        return `'${node.value.replace(/[\\']/g, '\\$&').replace(/\n/g, '\\n')}'`;
      return String(node.value);
    case 'variable':
      return node.name;
    case 'unary':
      return `(${node.operator}${print(node.operand)})`;
    case 'binary':
      return `(${print(node.left)} ${node.operator} ${print(node.right)})`;
    default:
      return node satisfies never;
  }
}

test('every grammatical expression within the limits parses, evaluates, and reprints to the same tree', () => {
  const random = createRandom(SEED + 2);
  const roomy = { maxLength: 100_000, maxDepth: 256, maxNodes: 10_000 };
  for (let round = 0; round < 2000; round += 1) {
    const source = grammatical(random, 1 + Math.floor(random() * 5));
    const where = `seed ${SEED + 2}, source ${JSON.stringify(source)}`;
    const parsed = parseExpression(source, roomy);
    assert.ok(parsed.ok, `${where}: ${parsed.ok ? '' : parsed.issue.message}`);
    const printed = print(parsed.expression.root);
    const again = parseExpression(printed, roomy);
    assert.ok(again.ok, where);
    assert.equal(print(again.expression.root), printed, where);
    assertEvaluates(source, random);
  }
});
