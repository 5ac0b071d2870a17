import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import { buildParseFailureResponse } from './build-parse-failure-response.js';
import { parseSipMessage } from './parse-sip-message.js';
import { serializeSipMessage } from './serialize-sip-message.js';
import { SipHeaders } from './sip-headers.js';
import type { SipMessage } from './sip-message.js';

/**
 * Runs every message of testdata/good and testdata/bad against the outcome manifest.json gives:
 * good messages parse and survive serialize(parse(bytes)); bad ones are refused with the named
 * reason and status, and answered (with the reason as Reason-Phrase) only when the manifest says
 * a response can be routed.
 */

const TESTDATA = new URL('../testdata/', import.meta.url);

type Expectation =
  | { expect: 'ok'; kind: 'request'; method: string; body?: string; note: string }
  | { expect: 'ok'; kind: 'response'; status: number; body?: string; note: string }
  | { expect: 'refused'; reason: string; status: number; answerable: boolean; note: string };

const manifest = JSON.parse(readFileSync(new URL('manifest.json', TESTDATA), 'utf8')) as Record<
  string,
  Expectation
>;

/** The message without its Content-Length, which serializing adds when the input had none. */
function withoutContentLength(message: SipMessage): SipMessage {
  const headers = new SipHeaders([...message.headers].filter(([name]) => name !== 'Content-Length'));
  return { ...message, headers };
}

test('the manifest lists every corpus file and only those', () => {
  const files = ['good', 'bad'].flatMap((dir) =>
    readdirSync(new URL(`${dir}/`, TESTDATA)).map((name) => `${dir}/${name}`),
  );

  assert.deepEqual(files.sort(), Object.keys(manifest).sort());
});

for (const [file, expected] of Object.entries(manifest)) {
  test(`${file}: ${expected.note}`, () => {
    const bytes = readFileSync(new URL(file, TESTDATA));

    const result = parseSipMessage(bytes);

    if (expected.expect === 'refused') {
      assert.ok(!result.ok, 'should be refused');
      assert.equal(result.reason, expected.reason);
      assert.equal(result.status, expected.status);
      const answer = buildParseFailureResponse(result, 'corpus');
      assert.equal(answer !== undefined, expected.answerable, 'answerable');
      // The answer echoes the request's fields, defects included, so only its status line is checked.
      if (answer !== undefined) {
        const statusLine = serializeSipMessage(answer).toString('latin1').split('\r\n')[0];
        assert.equal(statusLine, `SIP/2.0 ${expected.status} ${expected.reason}`);
      }
      return;
    }
    assert.ok(result.ok, result.ok ? '' : result.reason);
    const message = result.message;
    if (expected.kind === 'request') {
      assert.ok(message.kind === 'request');
      assert.equal(message.method, expected.method);
    } else {
      assert.ok(message.kind === 'response');
      assert.equal(message.status, expected.status);
    }
    if (expected.body !== undefined) assert.equal(message.body.toString(), expected.body);
    const again = parseSipMessage(serializeSipMessage(message));
    assert.ok(again.ok, again.ok ? '' : `serialize(parse(bytes)) is refused: ${again.reason}`);
    assert.deepStrictEqual(withoutContentLength(again.message), withoutContentLength(message));
  });
}
