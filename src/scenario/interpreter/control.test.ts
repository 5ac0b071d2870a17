/**
 * Control flow and variables: Set Variable (5.21), If (5.11), Switch (5.22),
 * the loops (5.8, 5.17, 5.18, 5.23), Go To (5.9) and Hang-up (5.10).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runScript } from './test-support/run-script.js';

// ---------------------------------------------------------------- Set Variable

test('Set Variable: ${counter + 1} counts (an unset counter reads as "", which adds as 0)', async () => {
  const run = await runScript([
    { setVariable: 'counter', value: '${counter + 1}' },
    { setVariable: 'counter', value: '${counter + 1}' },
    { setVariable: 'counter', value: '${counter + 1}' },
  ]);

  assert.equal(run.variables['counter'], '3');
  assert.deepEqual(
    run.ofType('variable.set').map((e) => e.data['value']),
    ['1', '2', '3'],
  );
});

test('Set Variable: a JSON number or boolean is written in its string form', async () => {
  const run = await runScript([
    { setVariable: 'price', value: 12.5 },
    { setVariable: 'big', value: 1e21 },
    { setVariable: 'flag', value: true },
    { setVariable: 'literal', value: 'costs $${price}' },
  ]);

  assert.equal(run.variables['price'], '12.5');
  assert.equal(run.variables['flag'], 'true');
  assert.equal(run.variables['literal'], 'costs ${price}');
  assert.equal(typeof run.variables['big'], 'string');
});

test('interpolation is one pass: a ${x} held in a variable stays inert', async () => {
  const run = await runScript([{ setVariable: 'echo', value: 'you typed ${input}' }], {
    parameters: { input: '${secret}', secret: 'leaked' },
  });

  assert.equal(run.variables['echo'], 'you typed ${secret}');
});

test('launch parameters override the scenario variables; built-ins read live', async () => {
  const run = await runScript(
    {
      variables: { greeting: 'Hello', name: 'default' },
      script: [{ setVariable: 'line', value: '${greeting} ${name} from ${from} to ${to} (${direction})' }],
    },
    { parameters: { name: 'Ana' } },
  );

  assert.equal(run.variables['line'], 'Hello Ana from +41793026727 to +41793026700 (inbound)');
});

// ---------------------------------------------------------------- If

test('If runs then when the condition holds and else when it does not', async () => {
  const script = [
    {
      if: "${attempts} < 3 && tier == 'gold'",
      then: [{ setVariable: 'branch', value: 'then' }],
      else: [{ setVariable: 'branch', value: 'else' }],
    },
  ];
  const yes = await runScript(script, { parameters: { attempts: '2', tier: 'gold' } });
  const no = await runScript(script, { parameters: { attempts: '10', tier: 'gold' } });

  assert.equal(yes.variables['branch'], 'then');
  assert.equal(no.variables['branch'], 'else', '10 < 3 compares numerically');
});

test('If: a run-time expression error counts as false (else), with an expression.error event and lastError', async () => {
  const run = await runScript(
    [
      {
        if: '${name - 1} > 0',
        then: [{ setVariable: 'branch', value: 'then' }],
        else: [
          { setVariable: 'branch', value: 'else' },
          { setVariable: 'error', value: '${lastError}' },
        ],
      },
    ],
    { parameters: { name: 'Ana' } },
  );

  assert.equal(run.variables['branch'], 'else');
  assert.equal(run.variables['error'], 'VG_RT_EXPRESSION_ERROR');
  assert.equal(run.ofType('expression.error').length, 1);
});

test('If with only then and a false condition runs nothing and continues', async () => {
  const run = await runScript([
    { if: 'false', then: [{ setVariable: 'ran', value: 'yes' }] },
    { setVariable: 'after', value: 'yes' },
  ]);

  assert.equal(run.variables['ran'], undefined);
  assert.equal(run.variables['after'], 'yes');
});

// ---------------------------------------------------------------- Switch

const menuSwitch = {
  switch: 'menu',
  case: {
    '1': [{ setVariable: 'went', value: 'one' }],
    sales: [{ setVariable: 'went', value: 'sales' }],
    __default: [{ setVariable: 'went', value: 'default' }],
  },
};

test('Switch compares keys exactly: case-sensitive, no numeric coercion, else __default', async () => {
  const cases: [string, string][] = [
    ['1', 'one'],
    ['01', 'default'],
    ['1.0', 'default'],
    ['sales', 'sales'],
    ['Sales', 'default'],
    ['', 'default'],
  ];
  for (const [menu, went] of cases) {
    const run = await runScript([menuSwitch], { parameters: { menu } });
    assert.equal(run.variables['went'], went, `menu = ${JSON.stringify(menu)}`);
  }
});

test('Switch without __default and no match runs nothing', async () => {
  const run = await runScript(
    [
      { switch: 'menu', case: { '1': [{ setVariable: 'went', value: 'one' }] } },
      { setVariable: 'after', value: 'yes' },
    ],
    { parameters: { menu: '2' } },
  );

  assert.equal(run.variables['went'], undefined);
  assert.equal(run.variables['after'], 'yes');
});

test('Switch on a ${expr} subject compares the string form of the expression', async () => {
  const run = await runScript(
    [
      {
        switch: '${menu * 2}',
        case: {
          '4': [{ setVariable: 'went', value: 'four' }],
          __default: [{ setVariable: 'went', value: 'x' }],
        },
      },
    ],
    { parameters: { menu: '2' } },
  );

  assert.equal(run.variables['went'], 'four');
});

test('Switch: an empty case block is allowed and runs nothing (no fall-through to __default)', async () => {
  const run = await runScript(
    [{ switch: 'menu', case: { '1': [], __default: [{ setVariable: 'went', value: 'default' }] } }],
    { parameters: { menu: '1' } },
  );

  assert.equal(run.variables['went'], undefined);
});

// ---------------------------------------------------------------- Loops

test('While Do tests before each pass: a false condition never runs the block', async () => {
  const run = await runScript(
    [
      { while: '${n} < 3', do: [{ setVariable: 'n', value: '${n + 1}' }] },
      { while: 'false', do: [{ setVariable: 'never', value: 'ran' }] },
    ],
    { parameters: { n: '0' } },
  );

  assert.equal(run.variables['n'], '3');
  assert.equal(run.variables['never'], undefined);
});

test('Repeat While runs at least once, then repeats while the condition holds', async () => {
  const run = await runScript([
    { repeat: [{ setVariable: 'n', value: '${n + 1}' }], while: '${n} < 3' },
    { repeat: [{ setVariable: 'once', value: '${once + 1}' }], while: 'false' },
  ]);

  assert.equal(run.variables['n'], '3');
  assert.equal(run.variables['once'], '1');
});

test('Repeat Until runs the block, then stops when the condition holds', async () => {
  const run = await runScript([
    { repeat: [{ setVariable: 'n', value: '${n + 1}' }], until: '${n} == 4' },
    { repeat: [{ setVariable: 'once', value: 'yes' }], until: 'true' },
  ]);

  assert.equal(run.variables['n'], '4');
  assert.equal(run.variables['once'], 'yes');
});

test('Repeat Until stops when its condition fails to evaluate', async () => {
  const run = await runScript(
    [{ repeat: [{ setVariable: 'n', value: '${n + 1}' }], until: '${word - 1} == 0' }],
    { parameters: { word: 'abc' } },
  );

  assert.equal(run.variables['n'], '1');
  assert.equal(run.ofType('expression.error').length, 1);
});

test('For Each: items are trimmed, empty ones dropped; <var> and <var>_Index (from 1) are set for each', async () => {
  const run = await runScript(
    [
      {
        'for-each': 'item',
        in: '${list}',
        do: [{ setVariable: 'seen', value: '${seen}[${item_Index}:${item}]' }],
      },
    ],
    { parameters: { list: ' apple ,, banana,  ,cherry , apple' } },
  );

  assert.equal(run.variables['seen'], '[1:apple][2:banana][3:cherry][4:apple]');
  assert.equal(run.variables['item'], 'apple', 'the last values remain');
  assert.equal(run.variables['item_Index'], '4');
});

test('For Each with a custom delimiter, and with no items runs nothing', async () => {
  const run = await runScript(
    [
      {
        'for-each': 'part',
        in: 'a||b||c',
        delimiter: '||',
        do: [{ setVariable: 'joined', value: '${joined}${part}' }],
      },
      { 'for-each': 'none', in: '${empty}', do: [{ setVariable: 'never', value: 'ran' }] },
    ],
    { parameters: { empty: ' , , ' } },
  );

  assert.equal(run.variables['joined'], 'abc');
  assert.equal(run.variables['never'], undefined);
  assert.equal(run.variables['none'], undefined);
});

test('a loop counts its passes per entry: re-entering a loop starts a fresh 100-pass budget', async () => {
  const run = await runScript([
    {
      'for-each': 'round',
      in: '1,2,3',
      do: [{ while: 'true', do: [{ setVariable: 'inner', value: '${inner + 1}' }] }],
    },
  ]);

  assert.equal(run.variables['inner'], '300');
  assert.equal(run.ofType('loop.limit').length, 3);
});

// ---------------------------------------------------------------- Go To

test('Go To with goToLimit 2: passes 1 and 2 jump, pass 3 falls through with countVariable = 3', async () => {
  const run = await runScript([
    { setVariable: 'visits', value: '${visits + 1}', actionId: 1 },
    { goTo: 1, options: { goToLimit: 2, countVariable: 'tries' } },
    { setVariable: 'after', value: '${tries}' },
  ]);

  assert.equal(run.variables['visits'], '3');
  assert.equal(run.variables['tries'], '3');
  assert.equal(run.variables['after'], '3');
  assert.deepEqual(
    run.ofType('goto.jump').map((e) => e.data),
    [
      { target: 1, count: 1 },
      { target: 1, count: 2 },
    ],
  );
  assert.deepEqual(run.one('goto.limit').data, { target: 1, count: 3 });
});

test('Go To default goToLimit is 100', async () => {
  const run = await runScript([{ setVariable: 'visits', value: '${visits + 1}', actionId: 7 }, { goTo: 7 }]);

  assert.equal(run.variables['visits'], '101');
  assert.equal(run.ofType('goto.jump').length, 100);
});

test('Go To out of a loop unwinds to the target block and drops the loop it leaves', async () => {
  const run = await runScript([
    { setVariable: 'starts', value: '${starts + 1}', actionId: 1 },
    {
      while: 'true',
      do: [
        { setVariable: 'inner', value: '${inner + 1}' },
        { if: '${inner} == 2', then: [{ goTo: 1, options: { goToLimit: 1 } }] },
        { if: '${inner} >= 4', then: ['hangup'] },
      ],
    },
  ]);

  assert.equal(run.variables['starts'], '2');
  assert.equal(run.variables['inner'], '4');
  assert.equal(run.ofType('loop.limit').length, 0);
});

test('Go To may target its enclosing Switch (the ACTIONS10 dispatcher of 10.4)', async () => {
  const run = await runScript(
    [
      { setVariable: 'branch', value: 'start' },
      {
        switch: 'branch',
        actionId: 1,
        case: {
          start: [{ setVariable: 'branch', value: 'support' }, { goTo: 1 }, 'hangup'],
          support: [{ setVariable: 'reached', value: 'support' }],
        },
      },
    ],
    { compile: {} },
  );

  assert.equal(run.variables['reached'], 'support');
  assert.equal(run.ofType('goto.jump').length, 1);
});

// ---------------------------------------------------------------- Hang-up

test('Hang-up ends the main script with hangupBy scenario and runs onHangup exactly once', async () => {
  const run = await runScript({
    script: [{ say: 'Goodbye' }, 'hangup', { setVariable: 'after', value: 'ran' }],
    onHangup: [{ setVariable: 'hooked', value: '${hooked + 1}:${hangupBy}:${hangupCause}' }],
  });

  assert.equal(run.hangupBy, 'scenario');
  assert.equal(run.hangupCause, 'BYE');
  assert.equal(run.variables['after'], undefined);
  assert.equal(run.variables['hooked'], '1:scenario:BYE');
  assert.equal(run.ofType('hook.started').length, 1);
  assert.equal(run.ofType('hook.finished').length, 1);
  assert.deepEqual(run.events.at(-1)?.data, { hangupBy: 'scenario', hangupCause: 'BYE', durationS: 0 });
});

test('the end of the script hangs up as the scenario', async () => {
  const run = await runScript([{ pause: 2 }]);

  assert.equal(run.hangupBy, 'scenario');
  assert.equal(run.one('call.ended').data['durationS'], 2);
});

test('Hang-up inside a loop inside a branch ends everything at once', async () => {
  const run = await runScript([
    {
      'for-each': 'i',
      in: '1,2,3',
      do: [
        { if: '${i} == 2', then: ['hangup'] },
        { setVariable: 'last', value: '${i}' },
      ],
    },
    { setVariable: 'after', value: 'ran' },
  ]);

  assert.equal(run.variables['last'], '1');
  assert.equal(run.variables['after'], undefined);
  assert.equal(run.hangupBy, 'scenario');
});
