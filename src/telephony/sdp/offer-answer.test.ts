import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { findDirection, findFmtp, findRtpmap } from './media-attributes.js';
import { acceptAnswer, answerOffer, buildOffer, type LocalMedia } from './offer-answer.js';
import { parseSdp } from './parse.js';
import { serializeSdp } from './serialize.js';
import type { MediaDescription, SessionDescription } from './session-description.js';

const LOCAL: LocalMedia = {
  address: '203.0.113.1',
  port: 20000,
  codecs: ['PCMU', 'PCMA'],
  telephoneEvent: true,
  sessionId: '1700000000',
  sessionVersion: '1700000000',
};

function parsed(text: string): SessionDescription {
  const result = parseSdp(text);
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return result.value;
}

function fixture(name: string): SessionDescription {
  return parsed(readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8'));
}

/** An offer with the given m= sections after a standard session section. */
function offerOf(...sections: readonly (readonly string[])[]): SessionDescription {
  const head = ['v=0', 'o=peer 10 10 IN IP4 198.51.100.2', 's=-', 'c=IN IP4 198.51.100.2', 't=0 0'];
  return parsed([...head, ...sections.flat()].join('\r\n'));
}

function answered(offer: SessionDescription, local: LocalMedia = LOCAL, options = {}) {
  const outcome = answerOffer(offer, local, options);
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.reason);
  return outcome;
}

function stream(description: SessionDescription, index = 0): MediaDescription {
  const media = description.media[index];
  assert.ok(media, `no m= line ${index}`);
  return media;
}

test("answers SIPp's default offer with PCMU, our address and port, and ptime 20", () => {
  const { answer, media } = answered(fixture('sipp-default.sdp'));
  assert.equal(
    serializeSdp(answer),
    [
      'v=0',
      'o=- 1700000000 1700000000 IN IP4 203.0.113.1',
      's=Voxgate',
      'c=IN IP4 203.0.113.1',
      't=0 0',
      'm=audio 20000 RTP/AVP 0',
      'a=rtpmap:0 PCMU/8000',
      'a=ptime:20',
      'a=sendrecv',
      '',
    ].join('\r\n'),
  );
  assert.deepEqual(media, {
    remoteAddress: '127.0.0.1',
    remotePort: 6000,
    payloadType: 0,
    codec: 'PCMU',
    telephoneEventPayloadType: null,
    remotePtimeMs: 20,
    direction: 'sendrecv',
    remoteHold: false,
  });
});

test("chooses the first offered codec we speak, in the offerer's order rather than ours", () => {
  const { media } = answered(fixture('baresip-offer.sdp'), { ...LOCAL, codecs: ['PCMA', 'PCMU'] });
  assert.equal(media.codec, 'PCMU');
  assert.equal(media.payloadType, 0);
});

test('answers with only the chosen codec and telephone-event', () => {
  const { answer } = answered(fixture('baresip-offer.sdp'));
  assert.deepEqual(stream(answer).formats, ['0', '101']);
});

test("answers telephone-event under the offerer's payload type with its rtpmap and fmtp 0-15", () => {
  const { answer, media } = answered(fixture('baresip-offer.sdp'));
  assert.equal(media.telephoneEventPayloadType, 101);
  assert.equal(findRtpmap(stream(answer), 101)?.encodingName, 'telephone-event');
  assert.equal(findFmtp(stream(answer), 101), '0-15');
});

test('answers fmtp 0-16 when the offer names event 16', () => {
  const offer = offerOf([
    'm=audio 4000 RTP/AVP 0 100',
    'a=rtpmap:100 telephone-event/8000',
    'a=fmtp:100 0-16',
  ]);
  const { answer, media } = answered(offer);
  assert.equal(media.telephoneEventPayloadType, 100);
  assert.equal(findFmtp(stream(answer), 100), '0-16');
});

test('leaves telephone-event out when we do not speak it', () => {
  const { answer, media } = answered(fixture('baresip-offer.sdp'), { ...LOCAL, telephoneEvent: false });
  assert.equal(media.telephoneEventPayloadType, null);
  assert.deepEqual(stream(answer).formats, ['0']);
});

test('recognises PCMA by its static payload type when the offer has no rtpmap', () => {
  const { media } = answered(offerOf(['m=audio 4000 RTP/AVP 8']));
  assert.equal(media.codec, 'PCMA');
  assert.equal(media.payloadType, 8);
});

test("reads the peer's ptime", () => {
  const { media } = answered(fixture('sendonly-hold.sdp'));
  assert.equal(media.remotePtimeMs, 30);
});

test('answers an old-style hold (c=0.0.0.0) recvonly and reports the peer holding us', () => {
  const { answer, media } = answered(fixture('old-style-hold.sdp'));
  assert.equal(findDirection(stream(answer), answer), 'recvonly');
  assert.equal(media.direction, 'recvonly');
  assert.equal(media.remoteHold, true);
  assert.equal(media.remoteAddress, '0.0.0.0');
});

test('answers a sendonly offer recvonly and reports the peer holding us', () => {
  const { answer, media } = answered(fixture('sendonly-hold.sdp'));
  assert.equal(findDirection(stream(answer), answer), 'recvonly');
  assert.equal(media.remoteHold, true);
});

test('answers an inactive offer inactive', () => {
  const { answer, media } = answered(offerOf(['m=audio 4000 RTP/AVP 0', 'a=inactive']));
  assert.equal(findDirection(stream(answer), answer), 'inactive');
  assert.equal(media.remoteHold, true);
});

test('answers a recvonly offer sendonly, which is no hold', () => {
  const { media } = answered(offerOf(['m=audio 4000 RTP/AVP 0', 'a=recvonly']));
  assert.equal(media.direction, 'sendonly');
  assert.equal(media.remoteHold, false);
});

test('answers sendonly while we hold a peer that offered sendrecv', () => {
  const { answer, media } = answered(fixture('sipp-default.sdp'), LOCAL, { direction: 'sendonly' });
  assert.equal(findDirection(stream(answer), answer), 'sendonly');
  assert.equal(media.remoteHold, false);
});

test('rejects the video stream with port 0 and its offered formats, and accepts the audio', () => {
  const { answer } = answered(fixture('video-and-audio.sdp'));
  assert.equal(answer.media.length, 2);
  assert.deepEqual(stream(answer, 0), {
    type: 'video',
    port: 0,
    portCount: null,
    proto: 'RTP/AVP',
    formats: ['96', '97'],
    connection: null,
    attributes: [],
    otherLines: [],
  });
  assert.equal(stream(answer, 1).port, LOCAL.port);
});

test('sends to the media-level connection address over the session one', () => {
  const { media } = answered(fixture('video-and-audio.sdp'));
  assert.equal(media.remoteAddress, '2001:db8::8');
  assert.equal(media.remotePort, 49170);
});

test('skips a telephone-event at 48 kHz for the 8 kHz one', () => {
  const { media } = answered(fixture('video-and-audio.sdp'));
  assert.equal(media.telephoneEventPayloadType, 101);
});

test('answers an offer with only G.729 with 488', () => {
  const outcome = answerOffer(fixture('g729-only.sdp'), LOCAL);
  assert.equal(outcome.ok, false);
  if (!outcome.ok) {
    assert.equal(outcome.status, 488);
    assert.match(outcome.reason, /no codec in common/);
  }
});

test('answers an offer without audio with 488', () => {
  const outcome = answerOffer(offerOf(['m=video 4000 RTP/AVP 96', 'a=rtpmap:96 H264/90000']), LOCAL);
  assert.equal(outcome.ok, false);
  if (!outcome.ok) assert.equal(outcome.status, 488);
});

test('answers an SRTP-only offer with 488', () => {
  const outcome = answerOffer(offerOf(['m=audio 4000 RTP/SAVP 0']), LOCAL);
  assert.equal(outcome.ok, false);
  if (!outcome.ok) assert.match(outcome.reason, /RTP\/SAVP is not RTP\/AVP/);
});

test('rejects an audio stream without a common codec when a later one has one', () => {
  const { answer, media } = answered(offerOf(['m=audio 4000 RTP/AVP 18'], ['m=audio 4002 RTP/AVP 8']));
  assert.equal(stream(answer, 0).port, 0);
  assert.equal(stream(answer, 1).port, LOCAL.port);
  assert.equal(media.remotePort, 4002);
});

test('rejects a second usable audio stream: one RTP session per call', () => {
  const { answer, media } = answered(offerOf(['m=audio 4000 RTP/AVP 0'], ['m=audio 4002 RTP/AVP 0']));
  assert.equal(stream(answer, 1).port, 0);
  assert.equal(media.remotePort, 4000);
});

test('answers a disabled offered stream with port 0', () => {
  const { answer } = answered(offerOf(['m=audio 0 RTP/AVP 0'], ['m=audio 4002 RTP/AVP 0']));
  assert.equal(stream(answer, 0).port, 0);
});

test('copies the t= line of the offer into the answer', () => {
  const offer = { ...fixture('sipp-default.sdp'), timing: { start: '3034423619', stop: '3042462419' } };
  assert.deepEqual(answered(offer).answer.timing, offer.timing);
});

test('keeps o= and its version when a re-offer leaves the answer unchanged', () => {
  const first = answered(fixture('sipp-default.sdp'), { ...LOCAL, sessionVersion: '5' }).answer;
  const again = answered(
    fixture('sipp-default.sdp'),
    { ...LOCAL, sessionVersion: '99' },
    { previous: first },
  );
  assert.deepEqual(again.answer, first);
});

test('increments sess-version by one when a re-offer changes the answer', () => {
  const first = answered(fixture('sipp-default.sdp')).answer;
  const held = answered(fixture('sendonly-hold.sdp'), LOCAL, { previous: first }).answer;
  assert.deepEqual(held.origin, { ...first.origin, sessionVersion: '1700000001' });
});

test('increments a sess-version wider than 2^53 exactly', () => {
  const first = answered(fixture('sipp-default.sdp'), {
    ...LOCAL,
    sessionVersion: '18446744073709551615',
  }).answer;
  const held = answered(fixture('sendonly-hold.sdp'), LOCAL, { previous: first }).answer;
  assert.equal(held.origin.sessionVersion, '18446744073709551616');
});

test('writes an answer that parses back to itself', () => {
  const { answer } = answered(fixture('video-and-audio.sdp'));
  assert.deepEqual(parseSdp(serializeSdp(answer)), { ok: true, value: answer });
});

test('builds an offer listing our codecs in our order, telephone-event 101 with 0-16, ptime 20', () => {
  assert.equal(
    serializeSdp(buildOffer(LOCAL)),
    [
      'v=0',
      'o=- 1700000000 1700000000 IN IP4 203.0.113.1',
      's=Voxgate',
      'c=IN IP4 203.0.113.1',
      't=0 0',
      'm=audio 20000 RTP/AVP 0 8 101',
      'a=rtpmap:0 PCMU/8000',
      'a=rtpmap:8 PCMA/8000',
      'a=rtpmap:101 telephone-event/8000',
      'a=fmtp:101 0-16',
      'a=ptime:20',
      'a=sendrecv',
      '',
    ].join('\r\n'),
  );
});

test('builds an IPv6 offer with IP6 in o= and c=', () => {
  const offer = buildOffer({ ...LOCAL, address: '2001:db8::1' });
  assert.equal(offer.origin.addrType, 'IP6');
  assert.equal(offer.connection?.addrType, 'IP6');
});

test('builds a hold re-offer: same o= with the version plus one, and a=sendonly', () => {
  const first = buildOffer(LOCAL);
  const hold = buildOffer(LOCAL, { direction: 'sendonly', previous: first });
  assert.deepEqual(hold.origin, { ...first.origin, sessionVersion: '1700000001' });
  assert.equal(findDirection(stream(hold), hold), 'sendonly');
});

test('keeps the version of a re-offer that changes nothing', () => {
  const first = buildOffer(LOCAL);
  assert.deepEqual(buildOffer(LOCAL, { previous: first }), first);
});

test('refuses to build with no codecs, a bug in our configuration', () => {
  assert.throws(() => buildOffer({ ...LOCAL, codecs: [] }), /at least one codec/);
});

test('accepts an answer choosing PCMA from our offer', () => {
  const answer = offerOf(['m=audio 5000 RTP/AVP 8 101', 'a=rtpmap:101 telephone-event/8000', 'a=ptime:20']);
  const outcome = acceptAnswer(buildOffer(LOCAL), answer);
  assert.deepEqual(outcome, {
    ok: true,
    media: {
      remoteAddress: '198.51.100.2',
      remotePort: 5000,
      payloadType: 8,
      codec: 'PCMA',
      telephoneEventPayloadType: 101,
      remotePtimeMs: 20,
      direction: 'sendrecv',
      remoteHold: false,
    },
  });
});

test('reads a recvonly answer to our hold offer as us sending only', () => {
  const offer = buildOffer(LOCAL, { direction: 'sendonly' });
  const outcome = acceptAnswer(offer, offerOf(['m=audio 5000 RTP/AVP 0', 'a=recvonly']));
  assert.ok(outcome.ok);
  assert.equal(outcome.media.direction, 'sendonly');
});

test('refuses an answer whose number of m= lines differs from the offer', () => {
  const outcome = acceptAnswer(
    buildOffer(LOCAL),
    offerOf(['m=audio 5000 RTP/AVP 0'], ['m=video 0 RTP/AVP 96']),
  );
  assert.equal(outcome.ok, false);
  if (!outcome.ok) assert.match(outcome.reason, /2 m= lines, the offer had 1/);
});

test('refuses an answer with a codec we did not offer', () => {
  const outcome = acceptAnswer(
    buildOffer({ ...LOCAL, codecs: ['PCMU'] }),
    offerOf(['m=audio 5000 RTP/AVP 8']),
  );
  assert.equal(outcome.ok, false);
  if (!outcome.ok) assert.match(outcome.reason, /no codec in common/);
});

test('refuses an answer that rejected our audio stream', () => {
  const outcome = acceptAnswer(buildOffer(LOCAL), offerOf(['m=audio 0 RTP/AVP 0']));
  assert.equal(outcome.ok, false);
  if (!outcome.ok) assert.match(outcome.reason, /disabled/);
});

test('ignores telephone-event in an answer when we did not offer it', () => {
  const offer = buildOffer({ ...LOCAL, telephoneEvent: false });
  const answer = offerOf(['m=audio 5000 RTP/AVP 0 101', 'a=rtpmap:101 telephone-event/8000']);
  const outcome = acceptAnswer(offer, answer);
  assert.ok(outcome.ok);
  assert.equal(outcome.media.telephoneEventPayloadType, null);
});
