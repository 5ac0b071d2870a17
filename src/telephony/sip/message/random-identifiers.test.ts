import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isCallId } from './check-mandatory-headers.js';
import { generateBranch, generateCallId, generateTag } from './random-identifiers.js';
import { isToken } from './sip-grammar.js';
import { isRfc3261Branch } from './via.js';

test('a new branch starts with the magic cookie and is a token', () => {
  const branch = generateBranch();

  assert.ok(isRfc3261Branch(branch));
  assert.ok(isToken(branch));
  assert.ok(branch.length >= 7 + 16);
});

test('a new tag is a token carrying at least 32 random bits', () => {
  const tag = generateTag();

  assert.ok(isToken(tag));
  assert.ok(tag.length * 6 >= 32);
});

test('a new Call-ID is a valid callid, with or without a host', () => {
  assert.ok(isCallId(generateCallId()));
  assert.ok(isCallId(generateCallId('192.0.2.10')));
  assert.match(generateCallId('voxgate.example.net'), /@voxgate\.example\.net$/);
});

test('identifiers do not repeat', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 1000; i++) seen.add(generateBranch()).add(generateTag()).add(generateCallId());

  assert.equal(seen.size, 3000);
});
