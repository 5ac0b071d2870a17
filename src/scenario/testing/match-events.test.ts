import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TimelineEvent } from '../interpreter/timeline.js';
import { matchEvents, matchesSubset } from './match-events.js';

const events: TimelineEvent[] = [
  { seq: 1, at: 'a', type: 'call.started', data: { from: '+1' } },
  { seq: 2, at: 'b', type: 'prompt.said', path: 'script[0]', data: { text: 'Hi', interrupted: false } },
  { seq: 3, at: 'c', type: 'input.collected', path: 'script[1]', data: { variable: 'menu', value: '2' } },
];

test('a subset match needs only the fields given, recursively', () => {
  assert.equal(matchesSubset({ type: 'prompt.said', data: { text: 'Hi' } }, events[1]), true);
  assert.equal(matchesSubset({ data: { text: 'Ho' } }, events[1]), false);
  assert.equal(matchesSubset({ data: { value: 2 } }, events[2]), true, 'a YAML number matches its text');
});

test('subset matching finds expected events in order, skipping others', () => {
  assert.equal(matchEvents([{ type: 'prompt.said' }, { type: 'input.collected' }], events, 'subset'), null);
  const outOfOrder = matchEvents([{ type: 'input.collected' }, { type: 'prompt.said' }], events, 'subset');
  assert.equal(outOfOrder?.expectedIndex, 1);
});

test('a failed subset match points at the closest event of the same type', () => {
  const mismatch = matchEvents([{ type: 'input.collected', data: { value: '3' } }], events, 'subset');
  assert.equal(mismatch?.closest?.seq, 3);
});

test('exact matching compares every event, ignoring seq and at unless given', () => {
  const exact = events.map(({ seq: _seq, at: _at, ...rest }) => rest);
  assert.equal(matchEvents(exact, events, 'exact'), null);
  assert.equal(matchEvents(exact.slice(0, 2), events, 'exact')?.reason, 'an extra event happened');
  const changed = [exact[0], { ...exact[1], data: { text: 'Hi' } }, exact[2]];
  assert.equal(matchEvents(changed, events, 'exact')?.expectedIndex, 1, 'exact means no field left out');
});
