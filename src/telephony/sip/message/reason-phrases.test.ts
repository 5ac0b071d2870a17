import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reasonPhrase } from './reason-phrases.js';

test('the status codes a UAS sends have their RFC 3261 section 21 phrases', () => {
  const expected: [number, string][] = [
    [100, 'Trying'],
    [180, 'Ringing'],
    [183, 'Session Progress'],
    [200, 'OK'],
    [400, 'Bad Request'],
    [403, 'Forbidden'],
    [404, 'Not Found'],
    [405, 'Method Not Allowed'],
    [408, 'Request Timeout'],
    [481, 'Call/Transaction Does Not Exist'],
    [486, 'Busy Here'],
    [487, 'Request Terminated'],
    [488, 'Not Acceptable Here'],
    [500, 'Server Internal Error'],
    [501, 'Not Implemented'],
    [503, 'Service Unavailable'],
    [505, 'Version Not Supported'],
    [513, 'Message Too Large'],
  ];
  for (const [status, phrase] of expected) assert.equal(reasonPhrase(status), phrase, String(status));
});

test('an extension code gets its class name', () => {
  assert.equal(reasonPhrase(299), 'Success');
  assert.equal(reasonPhrase(499), 'Client Error');
  assert.equal(reasonPhrase(699), 'Global Failure');
});
