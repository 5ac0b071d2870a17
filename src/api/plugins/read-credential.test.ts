import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readCredential } from './read-credential.js';

test('reads a token from each Authorization scheme the seeds use', () => {
  for (const scheme of ['Bearer', 'App', 'Api-Key', 'Session', 'bearer']) {
    const reading = readCredential({ authorization: `${scheme} abc123` });
    assert.deepEqual(reading, { ok: true, credential: { kind: 'token', token: 'abc123' } }, scheme);
  }
});

test('reads Basic credentials as login and password, keeping colons in the password', () => {
  const reading = readCredential({ authorization: `Basic ${Buffer.from('alice:p:w').toString('base64')}` });
  assert.deepEqual(reading, { ok: true, credential: { kind: 'password', login: 'alice', password: 'p:w' } });
});

test('refuses Basic credentials without a colon', () => {
  const reading = readCredential({ authorization: `Basic ${Buffer.from('alice').toString('base64')}` });
  assert.equal(reading.ok, false);
});

test('refuses an unknown Authorization scheme', () => {
  assert.equal(readCredential({ authorization: 'Digest x=1' }).ok, false);
  assert.equal(readCredential({ authorization: 'Bearer' }).ok, false);
});

test('reads the token headers and access_token in query or body', () => {
  for (const sources of [
    { accessTokenHeader: 't1' },
    { authenticationTokenHeader: 't1' },
    { queryAccessToken: 't1' },
    { bodyAccessToken: 't1' },
  ]) {
    assert.deepEqual(readCredential(sources), { ok: true, credential: { kind: 'token', token: 't1' } });
  }
});

test('accepts the same token given twice but refuses two different ones', () => {
  assert.equal(readCredential({ authorization: 'Bearer t1', queryAccessToken: 't1' }).ok, true);
  assert.equal(readCredential({ authorization: 'Bearer t1', queryAccessToken: 't2' }).ok, false);
  assert.equal(readCredential({ accessTokenHeader: 't1', bodyAccessToken: 't2' }).ok, false);
});

test('refuses an access_token that is not a string', () => {
  assert.equal(readCredential({ bodyAccessToken: ['t1'] }).ok, false);
});

test('no credential at all is not an error of its own', () => {
  assert.deepEqual(readCredential({}), { ok: true, credential: null });
});
