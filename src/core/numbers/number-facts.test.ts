import assert from 'node:assert/strict';
import test from 'node:test';
import { countryOf, numberFacts } from './number-facts.js';

test('a French mobile number: country, national digits and form, type', () => {
  assert.deepEqual(numberFacts('+33612345678'), {
    country: 'FR',
    nationalNumber: '612345678',
    nationalFormat: '06 12 34 56 78',
    type: 'mobile',
  });
});

test('a North American number is told apart by its area code', () => {
  assert.equal(countryOf('+16469820800'), 'US');
  assert.equal(countryOf('+14165550123'), 'CA');
});

test('no country for a withheld caller, a non-number or a non-geographic code', () => {
  assert.equal(countryOf(null), null);
  assert.equal(countryOf('anonymous'), null);
  assert.equal(countryOf('+80012345678'), null);
  assert.equal(numberFacts('sip-user').country, null);
});
