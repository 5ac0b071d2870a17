import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  callerMatches,
  dtmfMatches,
  isMaskError,
  parseCallerMask,
  parseDtmfMask,
  type Mask,
  type MaskError,
} from './masks.js';

function mask(parsed: Mask | MaskError): Mask {
  if (isMaskError(parsed)) throw new Error(`unexpected mask error: ${parsed.reason}`);
  return parsed;
}

test("the seed's example mask matches its numbers and its range, bounds included, numerically", () => {
  const seed = mask(parseDtmfMask('1000;2000;3000-4000'));
  const matching = ['1000', '2000', '3000', '3500', '4000', '03500', '0001000'];
  const missing = ['999', '1001', '2999', '4001', '10000', '100', '300', '1'];
  assert.deepEqual(
    matching.filter((entry) => !dtmfMatches(seed, entry)),
    [],
    'entries that should match',
  );
  assert.deepEqual(
    missing.filter((entry) => dtmfMatches(seed, entry)),
    [],
    'entries that should not match',
  );
});

test('a DTMF entry with * or #, or an empty one, matches no mask item', () => {
  const any = mask(parseDtmfMask('0-99999999999999999999'));
  assert.equal(dtmfMatches(any, '12*'), false);
  assert.equal(dtmfMatches(any, '#'), false);
  assert.equal(dtmfMatches(any, ''), false);
  assert.equal(dtmfMatches(any, '5'), true);
  assert.equal(dtmfMatches(any, '99999999999999999999'), true, '20 digits, beyond 2^53, compared exactly');
  assert.equal(dtmfMatches(mask(parseDtmfMask('9007199254740993')), '9007199254740992'), false);
});

test('an absent DTMF mask matches any entry, but not the lack of one', () => {
  assert.equal(dtmfMatches(null, '1'), true);
  assert.equal(dtmfMatches(null, '*9'), true);
  assert.equal(dtmfMatches(null, ''), false);
});

test('DTMF masks that break the grammar are refused with the item named', () => {
  const refused = [
    '',
    ';',
    '1;',
    ';1',
    '1;;2',
    '12a',
    '4000-3000',
    '1-2-3',
    '-5',
    '5-',
    '1 2',
    '12*',
    '+12',
    '123456789012345678901',
  ];
  for (const text of refused) {
    const parsed = parseDtmfMask(text);
    assert.ok(isMaskError(parsed), `"${text}" should be refused`);
  }
  const reversed = parseDtmfMask('1;4000-3000');
  assert.deepEqual(isMaskError(reversed) ? reversed.item : null, '4000-3000');
  assert.ok(!isMaskError(parseDtmfMask(' 1 ; 2-3 ')), 'blanks around items are allowed');
  assert.ok(!isMaskError(parseDtmfMask('7-7')), 'a range of one number is a range');
});

test('caller masks: exact numbers with or without +, numeric ranges and prefixes', () => {
  const callers = mask(parseCallerMask('+33612345678;4420-4429;1555*'));
  assert.equal(callerMatches(callers, '+33612345678'), true);
  assert.equal(callerMatches(callers, '33612345678'), true);
  assert.equal(callerMatches(callers, '+336123456780'), false, 'a longer number is another number');
  assert.equal(callerMatches(callers, '+4425'), true);
  assert.equal(callerMatches(callers, '+4430'), false);
  assert.equal(callerMatches(callers, '+15551234567'), true);
  assert.equal(callerMatches(callers, '+1555'), true, 'the prefix itself starts with the prefix');
  assert.equal(callerMatches(callers, '+1556000'), false);
  const range = mask(parseCallerMask('33600000000-33699999999'));
  assert.equal(callerMatches(range, '+33612345678'), true);
  assert.equal(callerMatches(range, '+3361234567'), false, 'ten digits are numerically below the range');
});

test('a withheld caller matches only the absent caller mask', () => {
  assert.equal(callerMatches(null, ''), true);
  assert.equal(callerMatches(mask(parseCallerMask('0-99999999999999999999')), ''), false);
  assert.equal(callerMatches(mask(parseCallerMask('1*')), 'anonymous'), false);
});

test('caller masks that break the grammar are refused', () => {
  for (const text of ['', '33*6', '*', '+', '++33', '33-', '9-1', 'abc', '33;;44', '+33-+34']) {
    assert.ok(isMaskError(parseCallerMask(text)), `"${text}" should be refused`);
  }
});
