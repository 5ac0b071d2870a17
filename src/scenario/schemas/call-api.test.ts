import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectActionKind } from './action-kinds.js';
import {
  assertActionId,
  assertBound,
  assertNoExtraField,
  assertRefused,
  assertRequired,
  assertValid,
  withField,
} from './assert-schema.js';
import { CallApiAction } from './call-api.js';

const example = {
  request: 'https://crm.example.com/ivr/${callId}',
  options: {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: { payload: '${to} finished the IVR.' },
    collectResponse: true,
  },
};

/** The seed 02 request sample: no `request`, only `options`. */
const seedSample = {
  options: {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: { payload: '${to} finished the IVR.' },
  },
};

function headers(count: number): Record<string, string> {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`x-h${i}`, 'v']));
}

test('the spec example of Call API validates', () => assertValid(CallApiAction, example));

test('the seed 02 sample without request is detected as Call API and validates', () => {
  assert.deepEqual(detectActionKind(seedSample), { ok: true, kind: 'callApi' });
  assertValid(CallApiAction, seedSample);
});

test('options and options.method are required', () => {
  assertRequired(CallApiAction, example, 'options');
  assertRequired(CallApiAction, example, 'options.method');
});

test('options.method is one of GET POST PUT DELETE PATCH', () => {
  assertBound(CallApiAction, example, 'options.method', {
    accepted: 'PATCH',
    refused: 'HEAD',
    keyword: 'enum',
  });
  assertRefused(CallApiAction, withField(example, 'options.method', 'post'), 'enum', 'options.method');
});

test('request holds at most 2048 characters', () => {
  const url = (length: number) => 'https://a.example/' + 'x'.repeat(length - 18);
  assertBound(CallApiAction, example, 'request', {
    accepted: url(2048),
    refused: url(2049),
    keyword: 'maxLength',
  });
});

test('options.headers holds at most 50 headers of string values', () => {
  assertBound(CallApiAction, example, 'options.headers', {
    accepted: headers(50),
    refused: headers(51),
    keyword: 'maxProperties',
  });
  assertRefused(CallApiAction, withField(example, 'options.headers.x-n', 1), 'type', 'options.headers.x-n');
});

test('options.headers refuses host, content-length, connection and transfer-encoding in any case', () => {
  for (const name of ['host', 'Content-Length', 'CONNECTION', 'Transfer-Encoding', 'bad name']) {
    assertRefused(
      CallApiAction,
      withField(example, 'options.headers', { [name]: 'x' }),
      'pattern',
      'options.headers',
    );
  }
  assertValid(CallApiAction, withField(example, 'options.headers', { 'x-host': 'a', hosts: 'b' }));
});

test('options.body is a string or an object', () => {
  assertValid(CallApiAction, withField(example, 'options.body', 'plain ${to}'));
  assertRefused(CallApiAction, withField(example, 'options.body', 42), 'anyOf', 'options.body');
  assertRefused(CallApiAction, withField(example, 'options.body', ['a']), 'anyOf', 'options.body');
});

test('options.collectResponse is a JSON boolean', () => {
  assertRefused(
    CallApiAction,
    withField(example, 'options.collectResponse', 'true'),
    'type',
    'options.collectResponse',
  );
});

test('options.timeout is an integer from 1 to 30 seconds', () => {
  assertBound(CallApiAction, example, 'options.timeout', { accepted: 1, refused: 0, keyword: 'minimum' });
  assertBound(CallApiAction, example, 'options.timeout', { accepted: 30, refused: 31, keyword: 'maximum' });
  assertRefused(CallApiAction, withField(example, 'options.timeout', 2.5), 'type', 'options.timeout');
});

test('actionId is an optional integer from 0 to 2147483647', () => assertActionId(CallApiAction, example));

test('an unknown field is refused, at the top and in options', () => {
  assertNoExtraField(CallApiAction, example, 'url');
  assertNoExtraField(CallApiAction, example, 'options.retries');
});
