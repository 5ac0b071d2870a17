import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUILT_IN_VARIABLES } from '../compiler/variable-names.js';
import { builtInVariables } from './built-ins.js';
import type { RunContext } from './run-context.js';

test('the interpreter answers exactly the built-ins the compiler reserves', () => {
  const run = {
    call: {
      info: { callId: 'c1', direction: 'inbound', from: '+15550100001', to: '+15550100002', callerName: '' },
    },
    services: { clock: { now: () => 0 } },
    answeredAt: null,
    hangupBy: '',
    hangupCause: '',
    lastError: '',
    variables: { get: () => undefined, snapshot: () => ({}) },
  } as unknown as RunContext;
  const read = builtInVariables(() => run, { scenarioId: 'S', scenarioName: 'n' }, 0);
  for (const name of BUILT_IN_VARIABLES) assert.equal(typeof read(name), 'string', name);
  for (const name of ['menu', 'dialStatus', 'constructor', '__proto__'])
    assert.equal(read(name), undefined, name);
});
