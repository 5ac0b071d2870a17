/**
 * Reading the YAML text (sections 1.1 and 7): syntax errors with their line, duplicate keys, unknown
 * tags, size, and the alias budget that stops "billion laughs" documents.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codesAndPaths, translateErrors, translateOk } from './assert-translate.js';
import { MAX_ACTIONS10_SOURCE_BYTES } from './yaml-source.js';

test('a YAML syntax error is INVALID_YAML with its line and column', () => {
  const errors = translateErrors(
    'branches:\n  inbound-call:\n    actions: [ { action: say@v1 }\n  other: 1\n',
  );

  assert.ok(errors.length >= 1);
  assert.equal(errors[0]?.code, 'VG_ERR_SCENARIO_INVALID_YAML');
  assert.equal(errors[0]?.path, '');
  assert.match(errors[0]?.message ?? '', /^line \d+, column \d+: /);
});

test('a duplicate key is INVALID_YAML, naming its line', () => {
  const errors = translateErrors('branches: {}\nbranches: {}\n');

  assert.deepEqual(codesAndPaths(errors), [['VG_ERR_SCENARIO_INVALID_YAML', '']]);
  assert.match(errors[0]?.message ?? '', /^line 2, column 1: .*unique/);
});

test('an unknown tag is INVALID_YAML rather than a silent string', () => {
  assert.deepEqual(codesAndPaths(translateErrors('branches: !js/function "x"\n')), [
    ['VG_ERR_SCENARIO_INVALID_YAML', ''],
  ]);
});

test('several documents in one text are INVALID_YAML', () => {
  assert.equal(translateErrors('branches: {}\n---\nbranches: {}\n')[0]?.code, 'VG_ERR_SCENARIO_INVALID_YAML');
});

test('an alias without its anchor is INVALID_YAML', () => {
  assert.deepEqual(codesAndPaths(translateErrors('branches: *missing\n')), [
    ['VG_ERR_SCENARIO_INVALID_YAML', ''],
  ]);
});

test('an alias bomb (anchors of anchors) is refused as TOO_LARGE before it expands', () => {
  const lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let level = 1; level <= 9; level += 1) {
    lines.push(`a${level}: &a${level} [${Array.from({ length: 9 }, () => `*a${level - 1}`).join(', ')}]`);
  }

  const errors = translateErrors(lines.join('\n'));

  assert.deepEqual(codesAndPaths(errors), [['VG_ERR_SCENARIO_TOO_LARGE', '']]);
});

test('a params block reused through a few aliases is fine', () => {
  const source = [
    'branches:',
    '  inbound-call:',
    '    actions:',
    '      - { action: say@v2, params: &hello { what: Hello } }',
    '      - { action: say@v2, params: *hello }',
    '      - { action: say@v2, params: *hello }',
  ].join('\n');

  assert.deepEqual(translateOk(source).document.script, [
    { say: 'Hello' },
    { say: 'Hello' },
    { say: 'Hello' },
  ]);
});

test('a document over 256 KiB is TOO_LARGE without being parsed', () => {
  const source = `description: "${'x'.repeat(MAX_ACTIONS10_SOURCE_BYTES)}"\n`;

  assert.deepEqual(codesAndPaths(translateErrors(source)), [['VG_ERR_SCENARIO_TOO_LARGE', '']]);
});

test('a document that is not a mapping is TYPE at the root', () => {
  assert.deepEqual(codesAndPaths(translateErrors('- say@v1\n')), [['VG_ERR_SCENARIO_TYPE', '']]);
  assert.deepEqual(codesAndPaths(translateErrors('')), [['VG_ERR_SCENARIO_A10_NO_ENTRY_BRANCH', 'branches']]);
});
