/**
 * The caller-script schema: what the simulate API, the CLI and scenario test
 * files accept as a scripted caller.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { failuresOf } from '../schemas/assert-schema.js';
import { CallerScript } from './caller-script.js';

test('a full caller script validates', () => {
  assert.deepEqual(
    failuresOf(CallerScript, {
      keys: ['1', '1234#', '*A'],
      keyDelayMs: 0,
      events: [
        { at: 500, press: '12' },
        { at: 14_400_000, hangup: true },
      ],
      speech: ['I want a discount'],
      dials: [{ outcome: 'answer', ringMs: 2000, durationS: 30, hangupBy: 'caller' }, { outcome: 'busy' }],
      machine: 'notsure',
      hangupAtStep: 3,
      mediaDurationsMs: { 'media:12': 4000 },
      recordingDurationS: 0,
    }),
    [],
  );
  assert.deepEqual(failuresOf(CallerScript, {}), []);
});

test('keys are 1..64 of 0-9 * # A-D', () => {
  assert.deepEqual(
    failuresOf(CallerScript, { keys: ['12x'] }).map((f) => f.keyword),
    ['pattern'],
  );
  assert.equal(failuresOf(CallerScript, { keys: [''] }).length > 0, true);
  assert.equal(failuresOf(CallerScript, { keys: ['1'.repeat(65)] }).length > 0, true);
  assert.equal(failuresOf(CallerScript, { events: [{ at: 0, press: 'e' }] }).length > 0, true);
});

test('unknown fields, out-of-range times and unknown outcomes are refused', () => {
  const refused = (value: unknown): boolean => failuresOf(CallerScript, value).length > 0;

  assert.ok(refused({ typo: true }));
  assert.ok(refused({ events: [{ at: -1 }] }));
  assert.ok(refused({ events: [{ at: 14_400_001 }] }));
  assert.ok(refused({ events: [{ at: 0, hangup: false }] }));
  assert.ok(refused({ dials: [{ outcome: 'voicemail' }] }));
  assert.ok(refused({ machine: 'robot' }));
  assert.ok(refused({ hangupAtStep: 0 }));
  assert.ok(refused({ keyDelayMs: 60_001 }));
});
