import assert from 'node:assert/strict';
import { test } from 'node:test';
import { summarizeSippErrors } from './sipp-run.js';

test('counts repeated SIPp errors once per kind, even when SIPp left out the newline between two', () => {
  const log =
    'The following events occurred:\n' +
    '2026-11-23\t19:59:04.409650\t1795463944.409650: Aborting call on an unexpected BYE for call: 2-41@127.0.0.1' +
    '2026-11-23\t19:59:04.924330\t1795463944.924330: Call-Id: 1-41@127.0.0.1, receive timeout on message x:11\n' +
    '2026-11-23\t19:59:05.924330\t1795463945.924330: Call-Id: 3-41@127.0.0.1, receive timeout on message x:11\n';

  assert.deepEqual(summarizeSippErrors(log), [
    { message: 'Call-Id: … receive timeout on message x:N', count: 2 },
    { message: 'Aborting call on an unexpected BYE for call: …', count: 1 },
  ]);
});
