/**
 * Translation, then the canonical compiler (section 7's pipeline), with the compiler's findings moved
 * back onto the YAML: the paths an author sees are always paths into the ACTIONS10 document.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codesAndPaths, inbound, withBranches } from './assert-translate.js';
import { compileActions10, type CompileActions10Options } from './compile-actions10.js';
import { SUPPORT_LINE_JSON, SUPPORT_LINE_YAML, supportLineWith } from './testdata/support-line.js';
import { simulate } from '../simulator/index.js';

function compiledOk(source: string, options: CompileActions10Options = {}) {
  const result = compileActions10(source, options);
  assert.ok(
    result.ok,
    `expected a compiled scenario, got ${JSON.stringify(!result.ok && result.errors, null, 2)}`,
  );
  return result;
}

function compileErrors(source: string, options: CompileActions10Options = {}): [string, string][] {
  const result = compileActions10(source, options);
  assert.ok(!result.ok, 'expected compile errors');
  return codesAndPaths(result.errors);
}

test('section 10.4 compiles, with the translator names allowed', () => {
  const result = compiledOk(SUPPORT_LINE_YAML);

  assert.deepEqual(result.document, SUPPORT_LINE_JSON);
  assert.equal(result.autoAnswer, false);
  assert.equal(result.scenario.script.actions[1]?.kind, 'switch');
  assert.equal(result.scenario.onHangup?.actions[0]?.kind, 'callApi');
  assert.equal(result.scenario.variables.get('support'), '+15559820800');
});

test("section 10.4 warnings point into the YAML; the dispatcher's own lint is dropped", () => {
  const result = compiledOk(SUPPORT_LINE_YAML);

  assert.deepEqual(codesAndPaths(result.warnings), [
    ['VG_WARN_SCENARIO_MEDIA_AFTER_DIAL', 'branches.support.actions[1]'],
  ]);
});

test('internal names stay allowed whatever the caller passes', () => {
  assert.ok(compileActions10(SUPPORT_LINE_YAML, { internalNames: false }).ok);
});

test('a target timeout out of 5..300 is reported at params.targets[0].timeout (section 10.4)', () => {
  assert.deepEqual(compileErrors(supportLineWith('timeout: 20', 'timeout: 2')), [
    ['VG_ERR_SCENARIO_OUT_OF_RANGE', 'branches.support.actions[0].params.targets[0].timeout'],
  ]);
});

test('the timeout of a second target is reported at its own entry', () => {
  const source = inbound({
    action: 'dial@v1',
    params: {
      targets: [
        { number: '+15559820801', timeout: 20 },
        { number: '+15559820802', timeout: 301 },
      ],
    },
  });

  const errors = compileErrors(source);

  // The canonical Dial To Many schema also reports the entry itself ("does not match any accepted form").
  assert.ok(
    errors.every(([, path]) => path.startsWith('branches["inbound-call"].actions[0].params.targets[1]')),
  );
  assert.deepEqual(
    errors.find(([code]) => code === 'VG_ERR_SCENARIO_OUT_OF_RANGE'),
    ['VG_ERR_SCENARIO_OUT_OF_RANGE', 'branches["inbound-call"].actions[0].params.targets[1].timeout'],
  );
});

test('a bad URL is reported at params.url, a bad number at its target, a bad cli at params.cli', () => {
  const source = inbound(
    { action: 'say@v2', params: { what: 'Hi' } },
    { action: 'gather@v1' },
    { action: 'fetch@v1', params: { url: 'ftp://crm.example.com/calls' } },
    { action: 'dial@v1', params: { targets: [{ number: 'reception' }], cli: 'nobody' } },
  );

  assert.deepEqual(compileErrors(source), [
    ['VG_ERR_SCENARIO_INVALID_URL', 'branches["inbound-call"].actions[2].params.url'],
    ['VG_ERR_SCENARIO_INVALID_NUMBER', 'branches["inbound-call"].actions[3].params.cli'],
    ['VG_ERR_SCENARIO_INVALID_NUMBER', 'branches["inbound-call"].actions[3].params.targets[0].number'],
  ]);
});

test('gather ranges are reported at maxDigits and timeout', () => {
  const source = inbound({ action: 'gather@v1', params: { prompt: 'PIN', maxDigits: 300, timeout: 31 } });

  assert.deepEqual(compileErrors(source), [
    ['VG_ERR_SCENARIO_OUT_OF_RANGE', 'branches["inbound-call"].actions[0].params.maxDigits'],
    ['VG_ERR_SCENARIO_OUT_OF_RANGE', 'branches["inbound-call"].actions[0].params.timeout'],
  ]);
});

test('an unknown say language is reported at params.language; a bad method at params.method', () => {
  const source = inbound(
    { action: 'say@v2', params: { what: 'Hi', language: 'xx' } },
    { action: 'fetch@v2', params: { url: 'https://example.com', method: 'FETCH' } },
  );

  assert.deepEqual(compileErrors(source), [
    ['VG_ERR_SCENARIO_ENUM', 'branches["inbound-call"].actions[0].params.language'],
    ['VG_ERR_SCENARIO_ENUM', 'branches["inbound-call"].actions[1].params.method'],
  ]);
});

test('a refused header is reported under params.headers', () => {
  const source = inbound({
    action: 'fetch@v2',
    params: { url: 'https://example.com', headers: { Host: 'evil' } },
  });

  const errors = compileErrors(source);

  assert.equal(errors.length, 1);
  assert.match(errors[0]?.[1] ?? '', /^branches\["inbound-call"\]\.actions\[0\]\.params\.headers/);
});

test('a call action in the hangup branch is NOT_ALLOWED_IN_HOOK at its item', () => {
  const source = withBranches({
    'inbound-call': [{ action: 'hangup@v1' }],
    hangup: [{ action: 'say@v2', params: { what: 'Bye' } }],
  });

  assert.deepEqual(compileErrors(source), [
    ['VG_ERR_SCENARIO_NOT_ALLOWED_IN_HOOK', 'branches.hangup.actions[0]'],
  ]);
});

test('errors inside an answerOnBranch branch point into that branch', () => {
  const source = withBranches({
    'inbound-call': [
      { action: 'dial@v1', params: { targets: [{ number: '+15559820800' }], answerOnBranch: 'whisper' } },
    ],
    whisper: [{ action: 'gather@v1', params: { timeout: 0 } }, { action: 'bridge@v1' }],
  });

  assert.deepEqual(compileErrors(source), [
    ['VG_ERR_SCENARIO_OUT_OF_RANGE', 'branches.whisper.actions[0].params.timeout'],
  ]);
});

test('an api-initiated document compiles with start "api"', () => {
  const source = withBranches({
    'api-initiated': [{ action: 'say@v1', params: { what: 'This is a reminder' } }],
  });

  const result = compiledOk(source, { start: 'api' });

  assert.equal(result.scenario.script.actions[0]?.kind, 'say');
  assert.equal(result.autoAnswer, true);
});

test('translation errors are returned as they are, before any compiling', () => {
  assert.deepEqual(compileErrors(inbound({ action: 'route@v1' })), [
    ['VG_ERR_SCENARIO_A10_UNKNOWN_ACTION', 'branches["inbound-call"].actions[0].action'],
  ]);
});

test('JSON.stringify(call) in a fetch body sends the call as JSON (section 1.1)', async () => {
  const source = [
    'branches:',
    '  inbound-call:',
    '    actions:',
    '      - action: fetch@v2',
    "        params: { url: 'https://crm.example.com/calls', method: POST, body: '${{ JSON.stringify(call) }}' }",
  ].join('\n');
  const compiled = compileActions10(source);
  assert.ok(compiled.ok, JSON.stringify(!compiled.ok && compiled.errors));
  const bodies: string[] = [];
  const result = await simulate({
    scenario: compiled.scenario,
    caller: {},
    from: '+15550100001',
    to: '+15550100002',
    callId: 'call-7',
    identity: { scenarioId: 'APP1', scenarioName: 'app' },
    http: {
      exchange: (request) => {
        bodies.push(request.body ?? '');
        return Promise.resolve({ kind: 'response', status: 200, contentType: 'text/plain', body: '' });
      },
    },
    sms: { send: () => Promise.resolve({ status: 'ACCEPTED', messageId: 'm' }) },
  });
  assert.equal(result.variables['callApiOutcome'], 'SUCCESS');
  assert.deepEqual(JSON.parse(bodies[0] ?? '{}'), {
    id: 'call-7',
    fromNumber: '+15550100001',
    toNumber: '+15550100002',
    direction: 'inbound',
  });
});
