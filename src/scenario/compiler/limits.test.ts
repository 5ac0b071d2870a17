/**
 * The compile-time limits of SCENARIO-LANGUAGE.md section 8 and the error cap
 * of section 7: TOO_LARGE, TOO_MANY_ACTIONS, TOO_DEEP (checked iteratively, so
 * deep documents never overflow the stack) and TOO_MANY_ERRORS.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileErrors, compileOk, scriptOf } from './assert-compile.js';
import { compileScenario } from './index.js';

/** A script whose blocks nest `levels` deep, the script itself being level 1: Ifs inside then-branches. */
function nestedIfs(levels: number): unknown[] {
  let block: unknown[] = [{ say: 'deep' }];
  for (let level = 1; level < levels; level += 1) block = [{ if: '${to}', then: block }];
  return block;
}

const setLong = () => ({ setVariable: 'a', value: 'x'.repeat(4000) });

test('TOO_LARGE: a script over 256 KiB of long strings', () => {
  const errors = compileErrors({ script: Array.from({ length: 70 }, setLong) });

  assert.deepEqual(errors, ['TOO_LARGE@script']);
});

test('a script just under 256 KiB compiles', () => {
  compileOk({ script: Array.from({ length: 60 }, setLong) });
});

test('TOO_LARGE counts script and onHangup together', () => {
  const half = Array.from({ length: 35 }, setLong);

  assert.deepEqual(compileErrors({ script: half, onHangup: half }), ['TOO_LARGE@script']);
});

test('TOO_LARGE: a Call API body over 16 KiB', () => {
  const body = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`k${i}`, 'x'.repeat(4000)]));

  const errors = compileErrors(scriptOf({ request: 'https://a.example', options: { method: 'POST', body } }));

  assert.deepEqual(errors, ['TOO_LARGE@script[0].options.body']);
});

test('TOO_MANY_ACTIONS: 1,001 actions are refused, 1,000 accepted', () => {
  assert.deepEqual(compileErrors({ script: Array.from({ length: 1001 }, () => 'hangup') }), [
    'TOO_MANY_ACTIONS@script',
  ]);
  compileOk({ script: Array.from({ length: 1000 }, () => ({ setVariable: 'a', value: '1' })) });
});

test('TOO_MANY_ACTIONS counts actions at all levels, onHangup included', () => {
  const nested = [
    ...Array.from({ length: 998 }, () => ({ setVariable: 'a', value: '1' })),
    { if: 'x', then: ['hangup', 'hangup'] },
  ];
  const withHook = {
    script: Array.from({ length: 600 }, () => 'hangup'),
    onHangup: Array.from({ length: 401 }, () => ({ setVariable: 'a', value: '1' })),
  };

  assert.deepEqual(compileErrors({ script: nested }), ['TOO_MANY_ACTIONS@script']);
  assert.deepEqual(compileErrors(withHook), ['TOO_MANY_ACTIONS@script']);
});

test('values in a Call API body named like blocks (do, then, case) are data, not actions or blocks', () => {
  let deep: unknown = ['x'];
  for (let i = 0; i < 20; i += 1) deep = { then: deep };
  const body = { do: Array.from({ length: 1001 }, (_, i) => i), case: { a: [] }, nested: deep };

  const { scenario } = compileOk(
    scriptOf({ request: 'https://a.example', options: { method: 'POST', body } }),
  );

  assert.equal(scenario.actionCount, 1);
});

test('TOO_DEEP: 16 nested blocks are accepted, 17 refused at the 17th block', () => {
  compileOk({ script: nestedIfs(16) });

  const errors = compileErrors({ script: nestedIfs(17) });

  assert.deepEqual(errors, [`TOO_DEEP@script${'[0].then'.repeat(16)}`]);
});

test('TOO_DEEP counts every kind of block: case, do, repeat, else and onAnswer', () => {
  const chain = (innermost: unknown): unknown[] => {
    let block: unknown[] = [innermost];
    const wrappers = [
      (b: unknown[]) => ({ switch: 'to', case: { a: b, __default: [] } }),
      (b: unknown[]) => ({ while: '${to}', do: b }),
      (b: unknown[]) => ({ repeat: b, while: '${to}' }),
      (b: unknown[]) => ({ if: '${to}', else: b }),
      (b: unknown[]) => ({ 'for-each': 'i', in: '${to}', do: b }),
    ];
    for (let level = 1; level < 16; level += 1)
      block = [(wrappers[level % wrappers.length] as (b: unknown[]) => unknown)(block)];
    return block;
  };

  compileOk({ script: chain({ say: 'deep' }) });
  const tooDeep = compileScenario({
    script: chain({ dial: '41793026727', options: { onAnswer: [{ say: 'x' }] } }),
  });

  assert.equal(tooDeep.ok, false);
  assert.deepEqual(tooDeep.ok ? [] : tooDeep.errors.map((error) => error.code), ['VG_ERR_SCENARIO_TOO_DEEP']);
});

test('TOO_DEEP: 10,000 nested Ifs are refused quickly, without a stack overflow', () => {
  const script = nestedIfs(10_000);
  const started = performance.now();

  const result = compileScenario({ script });

  assert.ok(performance.now() - started < 2000, 'refused within 2 s');
  assert.equal(result.ok, false);
  assert.deepEqual(result.ok ? [] : result.errors.map((error) => error.code), ['VG_ERR_SCENARIO_TOO_DEEP']);
});

test('TOO_DEEP: a 100,000-deep Call API body is refused without a stack overflow', () => {
  let body: unknown = 'leaf';
  for (let i = 0; i < 100_000; i += 1) body = i % 2 === 0 ? { a: body } : [body];

  const result = compileScenario(
    scriptOf({ request: 'https://a.example', options: { method: 'POST', body } }),
  );

  assert.equal(result.ok, false);
  assert.deepEqual(result.ok ? [] : result.errors.map((error) => error.code), ['VG_ERR_SCENARIO_TOO_DEEP']);
  assert.ok(!result.ok && result.errors[0]?.path.startsWith('script[0].options.body[0].a[0].a[0]'));
});

test('TOO_MANY_ERRORS: over 100 errors give the first 100 sorted by path, then one TOO_MANY_ERRORS', () => {
  const script = Array.from({ length: 150 }, () => ({ say: 'Hello there' }));

  const result = compileScenario({ script }, { limits: { maxStringLength: 5 } });

  assert.equal(result.ok, false);
  const errors = result.ok ? [] : result.errors;
  assert.equal(errors.length, 101);
  assert.deepEqual(
    errors.slice(0, 100).map((error) => `${error.code}@${error.path}`),
    Array.from({ length: 100 }, (_, i) => `VG_ERR_SCENARIO_STRING_TOO_LONG@script[${i}].say`),
  );
  assert.equal(errors[100]?.code, 'VG_ERR_SCENARIO_TOO_MANY_ERRORS');
  assert.match(errors[100]?.message ?? '', /50/);
});

test('exactly 100 errors are all reported, without TOO_MANY_ERRORS', () => {
  const errors = compileErrors({ script: Array.from({ length: 100 }, () => ({ say: 5 })) });

  assert.equal(errors.length, 100);
  assert.ok(!errors.some((error) => error.startsWith('TOO_MANY_ERRORS')));
});

test('operator limits lower the defaults: maxActions and maxDepth', () => {
  assert.deepEqual(compileErrors(scriptOf('hangup', 'hangup', 'hangup'), { limits: { maxActions: 2 } }), [
    'TOO_MANY_ACTIONS@script',
  ]);
  assert.deepEqual(compileErrors({ script: nestedIfs(3) }, { limits: { maxDepth: 2 } }), [
    'TOO_DEEP@script[0].then[0].then',
  ]);
});
