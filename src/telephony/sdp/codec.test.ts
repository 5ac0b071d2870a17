import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findTelephoneEvent, hasEvent, identifyCodec } from './codec.js';
import { parseSdp } from './parse.js';
import type { MediaDescription } from './session-description.js';

function media(formats: string, attributes: readonly string[] = []): MediaDescription {
  const head = ['v=0', 'o=- 1 1 IN IP4 192.0.2.1', 's=-', 'c=IN IP4 192.0.2.1', 't=0 0'];
  const result = parseSdp([...head, `m=audio 4000 RTP/AVP ${formats}`, ...attributes].join('\r\n'));
  assert.ok(result.ok, result.ok ? '' : result.reason);
  const [first] = result.value.media;
  assert.ok(first);
  return first;
}

test('recognises static payload types 0 and 8 without an rtpmap', () => {
  const stream = media('0 8');
  assert.equal(identifyCodec(stream, 0), 'PCMU');
  assert.equal(identifyCodec(stream, 8), 'PCMA');
});

test('does not guess a codec for another static payload type without an rtpmap', () => {
  assert.equal(identifyCodec(media('18'), 18), null);
});

test('recognises G.711 under a dynamic payload type by its rtpmap, in any case', () => {
  assert.equal(identifyCodec(media('97', ['a=rtpmap:97 pcma/8000']), 97), 'PCMA');
});

test('lets an rtpmap override the static meaning of a payload type', () => {
  assert.equal(identifyCodec(media('0', ['a=rtpmap:0 G722/8000']), 0), null);
});

test('does not take PCMU at another clock rate or in stereo', () => {
  assert.equal(identifyCodec(media('96', ['a=rtpmap:96 PCMU/16000']), 96), null);
  assert.equal(identifyCodec(media('97', ['a=rtpmap:97 PCMU/8000/2']), 97), null);
});

test('finds the 8 kHz telephone-event and skips one at another clock rate', () => {
  const stream = media('0 98 101', [
    'a=rtpmap:98 telephone-event/48000',
    'a=rtpmap:101 telephone-event/8000',
    'a=fmtp:101 0-16',
  ]);
  assert.deepEqual(findTelephoneEvent(stream), { payloadType: 101, events: '0-16' });
});

test('finds no telephone-event when none is offered', () => {
  assert.equal(findTelephoneEvent(media('0 8')), null);
});

test('reads events lists of ranges and single events', () => {
  assert.equal(hasEvent('0-15,16', 16), true);
  assert.equal(hasEvent('0-11', 12), false);
  assert.equal(hasEvent('0-15', 16), false);
});

test('assumes the DTMF events 0-15 when a telephone-event has no fmtp', () => {
  assert.equal(hasEvent(null, 15), true);
  assert.equal(hasEvent(null, 16), false);
});

test('ignores malformed parts of an events list', () => {
  assert.equal(hasEvent('x,-5,16', 3), false);
  assert.equal(hasEvent('x,-5,16', 16), true);
});
