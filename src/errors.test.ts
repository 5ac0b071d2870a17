import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
// Between them, the app and core import every module that defines errors.
import './api/app.js';
import './core/index.js';
import { defineError, listDefinedErrors } from './errors.js';

function documentedCodes(): Map<string, number> {
  const text = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
  const codes = new Map<string, number>();
  for (const match of text.matchAll(/^\|\s*`(VG_ERR_[A-Z0-9_]+)`\s*\|\s*(\d{3})\s*\|/gm)) {
    codes.set(match[1] as string, Number(match[2]));
  }
  return codes;
}

test('every defined error code is documented in docs/errors.md with its status, and nothing else is', () => {
  const defined = new Map(listDefinedErrors().map((e) => [e.code, e.statusCode]));
  assert.deepEqual([...documentedCodes().entries()].sort(), [...defined.entries()].sort());
});

test('an error code cannot be defined twice or off the VG_ERR_ pattern', () => {
  assert.throws(() => defineError('VG_ERR_INTERNAL', 500, 'again'), /defined twice/);
  assert.throws(() => defineError('ERR_SOMETHING', 400, 'bad'), /bad error code/);
});
