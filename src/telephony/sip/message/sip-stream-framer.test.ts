import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSipMessage } from './parse-sip-message.js';
import { MAX_SIP_MESSAGE_BYTES } from './sip-limits.js';
import { SipStreamFramer } from './sip-stream-framer.js';

function message(callId: string, body: string, lineEnd = '\r\n'): string {
  return [
    'MESSAGE sip:ivr@voxgate.example.net SIP/2.0',
    'Via: SIP/2.0/TCP 198.51.100.7;branch=z9hG4bK' + callId,
    'From: <sip:a@example.org>;tag=1',
    'To: <sip:ivr@voxgate.example.net>',
    `Call-ID: ${callId}`,
    'CSeq: 1 MESSAGE',
    `l: ${Buffer.byteLength(body)}`,
    '',
    body,
  ].join(lineEnd);
}

const FIRST = message('first', 'body with\r\n\r\nblank lines inside');
const SECOND = message('second', 'é');
const STREAM = Buffer.from(FIRST + SECOND);

test('a message split at every byte offset of a two-message stream is framed the same', () => {
  for (let cut = 0; cut <= STREAM.length; cut++) {
    const framer = new SipStreamFramer();

    const framed = [
      ...framer.push(STREAM.subarray(0, cut)).messages,
      ...framer.push(STREAM.subarray(cut)).messages,
    ];

    assert.deepEqual(
      framed.map((bytes) => bytes.toString()),
      [FIRST, SECOND],
      `cut at ${cut}`,
    );
    assert.equal(framer.buffered, 0);
  }
});

test('a stream fed one byte at a time yields both messages, each once', () => {
  const framer = new SipStreamFramer();
  const framed: string[] = [];

  for (const byte of STREAM) framed.push(...framer.push(Uint8Array.of(byte)).messages.map(String));

  assert.deepEqual(framed, [FIRST, SECOND]);
});

test('several messages in one chunk are all framed, in order', () => {
  const framer = new SipStreamFramer();

  const { messages } = framer.push(Buffer.from(FIRST + SECOND + FIRST));

  assert.deepEqual(messages.map(String), [FIRST, SECOND, FIRST]);
});

test('CRLF keep-alives before and between messages are skipped', () => {
  const framer = new SipStreamFramer();

  const { messages } = framer.push(
    Buffer.from('\r\n\r\n' + FIRST + '\r\n' + '\r\n\r\n' + SECOND + '\r\n\r\n'),
  );

  assert.deepEqual(messages.map(String), [FIRST, SECOND]);
  assert.equal(framer.buffered, 0);
});

test('bare LF line ends frame too', () => {
  const lf = message('lf', 'x', '\n');

  assert.deepEqual(new SipStreamFramer().push(Buffer.from(lf + lf)).messages.map(String), [lf, lf]);
});

test('each framed message parses as a stream message', () => {
  const { messages } = new SipStreamFramer().push(STREAM);

  const callIds = messages.map((bytes) => {
    const result = parseSipMessage(bytes, { stream: true });
    return result.ok ? result.message.headers.get('Call-ID') : result.reason;
  });

  assert.deepEqual(callIds, ['first', 'second']);
});

test('a message without Content-Length is framed with an empty body', () => {
  const noLength = FIRST.replace(/l: \d+\r\n/, '').replace(/\r\n\r\n[\s\S]*$/, '\r\n\r\n');

  const { messages } = new SipStreamFramer().push(Buffer.from(noLength + SECOND));

  assert.deepEqual(messages.map(String), [noLength, SECOND]);
});

test('a folded line that looks like a Content-Length does not frame the message', () => {
  const tricky = FIRST.replace('CSeq: 1 MESSAGE', 'Subject: x\r\n l: 9999\r\nCSeq: 1 MESSAGE');

  const { messages, error } = new SipStreamFramer().push(Buffer.from(tricky));

  assert.equal(error, undefined);
  assert.deepEqual(messages.map(String), [tricky]);
});

test('a Content-Length over the message cap is a fatal framing error', () => {
  const framer = new SipStreamFramer();
  const huge = FIRST.replace(/l: \d+/, `l: ${MAX_SIP_MESSAGE_BYTES}`);

  const result = framer.push(Buffer.from(huge));

  assert.deepEqual(result, { messages: [], error: 'Message too large' });
});

test('a header section growing past the cap without an empty line is a fatal framing error', () => {
  const framer = new SipStreamFramer({ maxMessageBytes: 1_000 });
  framer.push(Buffer.from('INVITE sip:a@example.com SIP/2.0\r\n'));

  const result = framer.push(Buffer.from('X-Filler: ' + 'y'.repeat(1_000) + '\r\n'));

  assert.equal(result.error, 'Header section too large');
});

test('an unreadable or contradictory Content-Length is a fatal framing error', () => {
  for (const lengths of ['l: abc', 'l: -1', 'l: 3\r\nContent-Length: 4']) {
    const bad = FIRST.replace(/l: \d+/, lengths);

    assert.equal(
      new SipStreamFramer().push(Buffer.from(bad)).error,
      'Malformed Content-Length header',
      lengths,
    );
  }
});

test('messages framed before a fatal error are still returned, and the framer stays failed', () => {
  const framer = new SipStreamFramer();
  const bad = FIRST.replace(/l: \d+/, 'l: abc');

  const first = framer.push(Buffer.from(SECOND + bad));
  const later = framer.push(Buffer.from(SECOND));

  assert.deepEqual(first.messages.map(String), [SECOND]);
  assert.equal(first.error, 'Malformed Content-Length header');
  assert.deepEqual(later, { messages: [], error: 'Malformed Content-Length header' });
});

test('a framed message is a copy: later chunks do not change it', () => {
  const framer = new SipStreamFramer();
  const [framed] = framer.push(Buffer.from(FIRST)).messages;

  for (let i = 0; i < 20; i++) framer.push(Buffer.from(SECOND));

  assert.equal(framed?.toString(), FIRST);
});
