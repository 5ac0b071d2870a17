import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { createRtpHeader, parseRtpHeader, type RtpHeader } from './rtp-packet.js';
import {
  TELEPHONE_EVENT_PACKET_BYTES,
  TelephoneEventReceiver,
  TelephoneEventSender,
  digitToEvent,
  eventToDigit,
  parseTelephoneEvent,
  type TelephoneEvent,
} from './telephone-event.js';

const SSRC = 0xcafebabe;

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`./testdata/${name}`, import.meta.url)));
}

function payload(event: number, end: boolean, duration: number): Uint8Array {
  return Uint8Array.of(event, (end ? 0x80 : 0) | 10, duration >> 8, duration & 0xff);
}

/** Feeds `packets` ([timestamp, event, end, duration]) to a receiver; returns the keys reported. */
function receiveAll(
  packets: readonly (readonly [number, number, boolean, number])[],
  receiver = new TelephoneEventReceiver(),
): string[] {
  const keys: string[] = [];
  for (const [timestamp, event, end, duration] of packets) {
    const key = receiver.receive(payload(event, end, duration), 0, 4, timestamp, SSRC);
    if (key !== null) keys.push(key);
  }
  return keys;
}

/** The packets a phone sends for one key held 100 ms: four updates, then the end three times. */
function press(event: number, timestamp: number): (readonly [number, number, boolean, number])[] {
  return [
    [timestamp, event, false, 160],
    [timestamp, event, false, 320],
    [timestamp, event, false, 480],
    [timestamp, event, false, 640],
    [timestamp, event, true, 800],
    [timestamp, event, true, 800],
    [timestamp, event, true, 800],
  ];
}

interface SentPacket {
  readonly header: RtpHeader;
  readonly event: TelephoneEvent;
  readonly bytes: Uint8Array;
}

/** Drives a sender tick by tick until it is idle, as the audio stream does. */
function sendAll(sender: TelephoneEventSender, firstSequence: number, firstTimestamp: number): SentPacket[] {
  const packets: SentPacket[] = [];
  for (let tick = 0; sender.sending; tick++) {
    const buf = new Uint8Array(TELEPHONE_EVENT_PACKET_BYTES + 4);
    const length = sender.writeNext(buf, 4, firstSequence + tick, firstTimestamp + 160 * tick);
    const header = createRtpHeader();
    assert.deepEqual(parseRtpHeader(buf.subarray(4), length, header), { ok: true });
    const event: TelephoneEvent = { event: -1, end: false, volume: -1, duration: -1 };
    assert.deepEqual(parseTelephoneEvent(buf, 4 + header.payloadOffset, header.payloadLength, event), {
      ok: true,
    });
    packets.push({ header, event, bytes: buf.subarray(4, 4 + length) });
  }
  return packets;
}

test('reads the event, E bit, volume and duration of an event payload', () => {
  const start = fixture('telephone-event-start.rtp');
  const end = fixture('telephone-event-end.rtp');
  const into: TelephoneEvent = { event: 0, end: false, volume: 0, duration: 0 };

  assert.deepEqual(parseTelephoneEvent(start, 12, 4, into), { ok: true });
  assert.deepEqual({ ...into }, { event: 5, end: false, volume: 10, duration: 160 });
  assert.deepEqual(parseTelephoneEvent(end, 12, 4, into), { ok: true });
  assert.deepEqual({ ...into }, { event: 5, end: true, volume: 10, duration: 800 });
});

test('refuses an event payload shorter than 4 bytes or running past the buffer', () => {
  const into: TelephoneEvent = { event: 0, end: false, volume: 0, duration: 0 };
  assert.deepEqual(parseTelephoneEvent(Uint8Array.of(5, 10, 0), 0, 3, into), {
    ok: false,
    reason: 'too-short',
  });
  assert.deepEqual(parseTelephoneEvent(Uint8Array.of(5, 10, 0, 160), 1, 4, into), {
    ok: false,
    reason: 'too-short',
  });
});

test('maps events 0-15 to the DTMF keys and back, and no other event', () => {
  const keys = Array.from({ length: 16 }, (_, event) => eventToDigit(event));
  assert.deepEqual(keys.join(''), '0123456789*#ABCD');
  for (const [event, key] of keys.entries()) assert.equal(digitToEvent(key ?? ''), event);
  assert.equal(eventToDigit(16), null, 'flash is not a key');
  assert.equal(digitToEvent('b'), 13, 'keys A-D in either case');
  assert.equal(digitToEvent('12'), null);
  assert.equal(digitToEvent('w'), null);
});

test('reports a key once, at the first packet of its event', () => {
  const receiver = new TelephoneEventReceiver();
  const reports = press(7, 8000).map(([timestamp, event, end, duration]) =>
    receiver.receive(payload(event, end, duration), 0, 4, timestamp, SSRC),
  );
  assert.deepEqual(reports, ['7', null, null, null, null, null, null]);
});

test('reports a key on its first end packet when every earlier packet was lost', () => {
  assert.deepEqual(receiveAll(press(11, 8000).slice(4)), ['#']);
});

test('counts the same key pressed twice in a row twice', () => {
  assert.deepEqual(receiveAll([...press(1, 8000), ...press(1, 9600)]), ['1', '1']);
});

test('does not count again a late packet of an earlier event', () => {
  const late: readonly [number, number, boolean, number] = [8000, 2, true, 800];
  assert.deepEqual(receiveAll([...press(2, 8000), ...press(3, 9600).slice(0, 2), late]), ['2', '3']);
});

test('ignores events that are not DTMF keys, and their updates', () => {
  assert.deepEqual(receiveAll([...press(16, 8000), ...press(4, 9600)]), ['4']);
});

test('counts a new event across the 32-bit timestamp wrap', () => {
  assert.deepEqual(receiveAll([...press(8, 0xffffff00), ...press(9, 0x00000100)]), ['8', '9']);
});

test('starts afresh when the SSRC changes, whatever the new timestamps', () => {
  const receiver = new TelephoneEventReceiver();
  assert.equal(receiver.receive(payload(5, false, 160), 0, 4, 90_000, 1), '5');
  assert.equal(receiver.receive(payload(5, false, 160), 0, 4, 1_000, 2), '5');
  assert.equal(receiver.receive(payload(5, false, 320), 0, 4, 1_000, 2), null);
});

test('treats the next segment of an event longer than 0xFFFF units as the same press', () => {
  const segments: (readonly [number, number, boolean, number])[] = [
    [1000, 0, false, 0xff00],
    [1000, 0, false, 0xffff],
    [1000 + 0xffff, 0, false, 160],
    [1000 + 0xffff, 0, true, 800],
  ];
  assert.deepEqual(receiveAll(segments), ['0']);
});

test('ignores a payload too short to hold an event', () => {
  const receiver = new TelephoneEventReceiver();
  assert.equal(receiver.receive(Uint8Array.of(5, 10), 0, 2, 8000, SSRC), null);
  assert.equal(
    receiver.receive(payload(5, false, 160), 0, 4, 8000, SSRC),
    '5',
    'the next real packet counts',
  );
});

test('sends a key as growing updates, then its end three times, all on one timestamp', () => {
  const sender = new TelephoneEventSender({ payloadType: 101, ssrc: SSRC });
  sender.start('9', 100);

  const packets = sendAll(sender, 65534, 4000);

  assert.deepEqual(
    packets.map(({ header, event }) => [
      header.marker,
      header.sequenceNumber,
      header.timestamp,
      event.end,
      event.duration,
    ]),
    [
      [true, 65534, 4000, false, 160],
      [false, 65535, 4000, false, 320],
      [false, 0, 4000, false, 480],
      [false, 1, 4000, false, 640],
      [false, 2, 4000, true, 800],
      [false, 3, 4000, true, 800],
      [false, 4, 4000, true, 800],
    ],
  );
  assert.ok(
    packets.every(
      ({ header, event }) => header.payloadType === 101 && header.ssrc === SSRC && event.event === 9,
    ),
  );
  assert.equal(sender.writeNext(new Uint8Array(16), 0, 5, 5120), 0, 'idle once the key is sent');
});

test('ends a key whose duration is not a whole number of ticks on its exact duration', () => {
  const sender = new TelephoneEventSender({ payloadType: 101, ssrc: SSRC });
  sender.start('*', 50);
  const durations = sendAll(sender, 0, 0).map(({ event }) => [event.duration, event.end]);
  assert.deepEqual(durations, [
    [160, false],
    [320, false],
    [400, true],
    [400, true],
    [400, true],
  ]);
});

test('writes the same bytes as a phone for the first and end packets of a key', () => {
  const sender = new TelephoneEventSender({ payloadType: 101, ssrc: SSRC, volume: 10 });
  sender.start('5', 100);
  const packets = sendAll(sender, 1, 0x1f40);
  assert.deepEqual([...(packets[0]?.bytes ?? [])], [...fixture('telephone-event-start.rtp')]);
  assert.deepEqual([...(packets[4]?.bytes ?? [])], [...fixture('telephone-event-end.rtp')]);
});

test('a receiver counts each key of a sender exactly once', () => {
  const sender = new TelephoneEventSender({ payloadType: 101, ssrc: SSRC });
  const receiver = new TelephoneEventReceiver();
  const keys: string[] = [];
  let timestamp = 0;
  for (const key of '1#1D') {
    sender.start(key, 120);
    for (const { header, bytes } of sendAll(sender, 0, timestamp)) {
      const digit = receiver.receive(
        bytes,
        header.payloadOffset,
        header.payloadLength,
        header.timestamp,
        header.ssrc,
      );
      if (digit !== null) keys.push(digit);
    }
    timestamp += 1600;
  }
  assert.deepEqual(keys.join(''), '1#1D');
});

test('refuses an unknown key, a duration that does not fit, and a second key while sending', () => {
  const sender = new TelephoneEventSender({ payloadType: 101, ssrc: SSRC });
  assert.throws(() => sender.start('x', 100), RangeError);
  assert.throws(() => sender.start('1', 0), RangeError);
  assert.throws(() => sender.start('1', 9000), RangeError, '72000 units exceed 16 bits');
  sender.start('1', 100);
  assert.throws(() => sender.start('2', 100), /already/);
});

test('stops sending when cancelled', () => {
  const sender = new TelephoneEventSender({ payloadType: 101, ssrc: SSRC });
  sender.start('3', 1000);
  assert.equal(sender.writeNext(new Uint8Array(16), 0, 0, 0), 16);
  sender.cancel();
  assert.equal(sender.sending, false);
  assert.equal(sender.writeNext(new Uint8Array(16), 0, 1, 160), 0);
});
