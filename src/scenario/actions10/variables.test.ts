/**
 * `ACTIONS10.Start.Options.variables` (seed 04): `$`-names overriding the document's variables at
 * launch, as canonical names with string values (section 3).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codesAndPaths } from './assert-translate.js';
import { translateStartVariables } from './variables.js';

test('start variables drop their $ and become strings', () => {
  assert.deepEqual(
    translateStartVariables({ $support: '+15559820800', $tries: 2, $vip: false, $note: null }),
    {
      ok: true,
      variables: { support: '+15559820800', tries: '2', vip: 'false', note: '' },
    },
  );
});

test('no start variables is an empty override', () => {
  assert.deepEqual(translateStartVariables(undefined), { ok: true, variables: {} });
});

test('start variables without $, with engine names or non-scalar values are refused', () => {
  const result = translateStartVariables({ support: '1', $from: '2', $list: [1] });

  assert.ok(!result.ok);
  assert.deepEqual(codesAndPaths(result.errors), [
    ['VG_ERR_SCENARIO_RESERVED_VARIABLE', 'variables.$from'],
    ['VG_ERR_SCENARIO_TYPE', 'variables.$list'],
    ['VG_ERR_SCENARIO_INVALID_VARIABLE_NAME', 'variables.support'],
  ]);
});
