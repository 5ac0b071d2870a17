import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { chooseDigestChallenge, digestAuthorization, parseChallenges } from './digest-auth.js';

/** RFC 7616 section 3.9.1's example exchange. */
const RFC = {
  realm: 'http-auth@example.org',
  nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
  opaque: 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS',
  cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
  credentials: { username: 'Mufasa', password: 'Circle of Life' },
  request: { method: 'GET', uri: '/dir/index.html' },
};

function challengeHeader(algorithm: string): string {
  return `Digest realm="${RFC.realm}", qop="auth, auth-int", algorithm=${algorithm}, nonce="${RFC.nonce}", opaque="${RFC.opaque}"`;
}

function paramOf(header: string, name: string): string | undefined {
  const challenge = parseChallenges([header])[0];
  return challenge?.params.get(name);
}

test("RFC 7616's example: the SHA-256 and MD5 responses are the RFC's", () => {
  for (const [algorithm, expected] of [
    ['SHA-256', '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1'],
    ['MD5', '8ca523f5e9506fed4657c9700eebdbec'],
  ] as const) {
    const challenge = chooseDigestChallenge([challengeHeader(algorithm)]);
    assert.ok(challenge !== null);
    const header = digestAuthorization(challenge, RFC.credentials, RFC.request, RFC.cnonce);
    assert.equal(paramOf(header, 'response'), expected, algorithm);
    assert.equal(paramOf(header, 'opaque'), RFC.opaque);
    assert.equal(paramOf(header, 'qop'), 'auth');
    assert.equal(paramOf(header, 'nc'), '00000001');
    assert.equal(paramOf(header, 'uri'), RFC.request.uri);
  }
});

test('SHA-256 is preferred when the server offers both, in any order and in separate headers', () => {
  const both = [challengeHeader('MD5'), challengeHeader('SHA-256')];
  assert.equal(chooseDigestChallenge(both)?.algorithm, 'SHA-256');
  assert.equal(chooseDigestChallenge([both.join(', ')])?.algorithm, 'SHA-256');
  assert.equal(chooseDigestChallenge([`Basic realm="x", ${challengeHeader('MD5')}`])?.algorithm, 'MD5');
});

test('a challenge without algorithm is MD5; one we cannot answer is skipped', () => {
  assert.equal(chooseDigestChallenge([`Digest realm="r", nonce="n", qop="auth"`])?.algorithm, 'MD5');
  assert.equal(chooseDigestChallenge([`Digest realm="r", nonce="n"`]), null, 'no qop: RFC 2069 form');
  assert.equal(chooseDigestChallenge([`Digest realm="r", nonce="n", qop="auth-int"`]), null);
  assert.equal(chooseDigestChallenge([`Digest realm="r", nonce="n", qop=auth, algorithm=SHA-512-256`]), null);
  assert.equal(chooseDigestChallenge([`Digest nonce="n", qop=auth`]), null, 'no realm');
  assert.equal(chooseDigestChallenge(['Basic realm="x"']), null);
  assert.equal(chooseDigestChallenge(['Digest realm="unterminated']), null);
});

test('quoted strings keep escaped quotes and commas; -sess and userhash change the answer', () => {
  const parsed = parseChallenges([`Digest realm="a \\"b\\", c", nonce=xyz, qop="auth"`])[0];
  assert.equal(parsed?.params.get('realm'), 'a "b", c');
  assert.equal(parsed?.params.get('nonce'), 'xyz');
  const plain = chooseDigestChallenge([challengeHeader('SHA-256')]);
  const sess = chooseDigestChallenge([challengeHeader('SHA-256-sess')]);
  const hashed = chooseDigestChallenge([`${challengeHeader('SHA-256')}, userhash=true`]);
  assert.ok(plain !== null && sess !== null && hashed !== null);
  const answer = (c: typeof plain) => digestAuthorization(c, RFC.credentials, RFC.request, RFC.cnonce);
  assert.notEqual(paramOf(answer(sess), 'response'), paramOf(answer(plain), 'response'));
  assert.equal(paramOf(answer(sess), 'algorithm'), 'SHA-256-sess');
  // RFC 7616 section 3.4.4: the username is H(username:realm).
  assert.equal(
    paramOf(answer(hashed), 'username'),
    createHash('sha256').update(`Mufasa:${RFC.realm}`).digest('hex'),
  );
  assert.equal(paramOf(answer(hashed), 'userhash'), 'true');
});
