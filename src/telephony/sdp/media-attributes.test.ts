import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findDirection, findFmtp, findMaxptimeMs, findPtimeMs, findRtpmap } from './media-attributes.js';
import { parseSdp } from './parse.js';
import type { MediaDescription, SessionDescription } from './session-description.js';

function buildDescription(
  sessionLines: readonly string[],
  mediaLines: readonly string[],
): SessionDescription {
  const head = ['v=0', 'o=- 1 1 IN IP4 192.0.2.1', 's=-', 'c=IN IP4 192.0.2.1', 't=0 0'];
  const result = parseSdp(
    [...head, ...sessionLines, 'm=audio 4000 RTP/AVP 0 8 101', ...mediaLines].join('\r\n'),
  );
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return result.value;
}

function audio(description: SessionDescription): MediaDescription {
  const [media] = description.media;
  assert.ok(media);
  return media;
}

test('reads an rtpmap with its encoding name, clock rate and channels', () => {
  const media = audio(buildDescription([], ['a=rtpmap:96 opus/48000/2']));
  assert.deepEqual(findRtpmap(media, 96), {
    payloadType: 96,
    encodingName: 'opus',
    clockRateHz: 48000,
    channels: 2,
  });
});

test('reads an rtpmap without channels as channels null', () => {
  const media = audio(buildDescription([], ['a=rtpmap:0 PCMU/8000']));
  assert.equal(findRtpmap(media, 0)?.channels, null);
});

test('ignores a malformed rtpmap', () => {
  const media = audio(buildDescription([], ['a=rtpmap:0 PCMU', 'a=rtpmap:8']));
  assert.equal(findRtpmap(media, 0), null);
  assert.equal(findRtpmap(media, 8), null);
});

test('finds the fmtp of the payload type asked for', () => {
  const media = audio(buildDescription([], ['a=fmtp:18 annexb=no', 'a=fmtp:101 0-16']));
  assert.equal(findFmtp(media, 101), '0-16');
  assert.equal(findFmtp(media, 0), null);
});

test('reads ptime and maxptime in milliseconds', () => {
  const media = audio(buildDescription([], ['a=ptime:30', 'a=maxptime:60']));
  assert.equal(findPtimeMs(media), 30);
  assert.equal(findMaxptimeMs(media), 60);
});

test('falls back to a session-level ptime', () => {
  const description = buildDescription(['a=ptime:40'], []);
  assert.equal(findPtimeMs(audio(description), description), 40);
});

test('ignores a ptime that is zero, negative, or not a number', () => {
  for (const value of ['0', '-20', 'twenty', '']) {
    assert.equal(findPtimeMs(audio(buildDescription([], [`a=ptime:${value}`]))), null, value);
  }
});

test('takes the direction of the media description over the session one', () => {
  const description = buildDescription(['a=inactive'], ['a=sendonly']);
  assert.equal(findDirection(audio(description), description), 'sendonly');
});

test('takes the session direction when the media description has none', () => {
  const description = buildDescription(['a=recvonly'], []);
  assert.equal(findDirection(audio(description), description), 'recvonly');
});

test('assumes sendrecv when no direction attribute is present', () => {
  const description = buildDescription([], []);
  assert.equal(findDirection(audio(description), description), 'sendrecv');
});
