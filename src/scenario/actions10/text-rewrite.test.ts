/**
 * `${{ expr }}` inside ACTIONS10 strings (section 1.1) becomes `${expr'}`; the text around it stays
 * text in the canonical language, which interpolates every `${` (section 3). Each case is also
 * rendered by the canonical template engine, to prove the meaning is kept.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTemplate, renderTemplate } from '../expressions/index.js';
import { rewriteText } from './text-rewrite.js';

const VARIABLES = new Map([
  ['price', '5'],
  ['from', '+15550001111'],
]);

function rendered(canonical: string): string {
  const parsed = parseTemplate(canonical);
  assert.ok(parsed.ok, `the canonical compiler must parse ${canonical}`);
  return renderTemplate(parsed.template, VARIABLES).text;
}

function translated(source: string): string {
  const result = rewriteText(source);
  assert.ok(result.ok, `expected ${source} to translate, got ${JSON.stringify(result)}`);
  return result.text;
}

const CASES: readonly (readonly [string, string, string, string])[] = [
  ['plain text', 'Welcome.', 'Welcome.', 'Welcome.'],
  ['one expression', 'From ${{ call.fromNumber }}', 'From ${from}', 'From +15550001111'],
  [
    'JSON around an expression',
    '{"from":"${{ call.fromNumber }}"}',
    '{"from":"${from}"}',
    '{"from":"+15550001111"}',
  ],
  ['an expression with operators', 'Total ${{ $price * 2 }}', 'Total ${price * 2}', 'Total 10'],
  ['a literal ${', 'costs ${price}', 'costs $${price}', 'costs ${price}'],
  ['a literal $${', 'a $${b}', 'a $$${b}', 'a $${b}'],
  ['a $ just before an expression', 'cost $${{ $price }}', "cost ${'$'}${price}", 'cost $5'],
  ['two $ before an expression', '$$${{ $price }}', "${'$'}${'$'}${price}", '$$5'],
  ['a $ at the end', 'pay in $', 'pay in $', 'pay in $'],
  ['}} inside a quoted string', "a ${{ '}}' }} b", "a ${'}}'} b", 'a }} b'],
];

for (const [what, source, canonical, text] of CASES) {
  test(`${what}: ${source}`, () => {
    assert.equal(translated(source), canonical);
    assert.equal(rendered(canonical), text);
  });
}

test('an unterminated ${{ is INVALID_INTERPOLATION', () => {
  const result = rewriteText('Hello ${{ $name');

  assert.deepEqual(result.ok ? null : result.code, 'INVALID_INTERPOLATION');
});

test('JavaScript inside ${{ }} is refused with its offset in the string', () => {
  const result = rewriteText('Hi ${{ $name.toUpperCase() }}');

  assert.ok(!result.ok);
  assert.equal(result.code, 'A10_EXPRESSION_UNSUPPORTED');
  assert.match(result.message, /offset 3/);
});
