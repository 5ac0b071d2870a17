/**
 * RFC 4733 telephone-events: DTMF sent as RTP named events rather than as tones in the audio.
 * The payload (section 2.3, https://www.rfc-editor.org/rfc/rfc4733#section-2.3):
 *
 * ```
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     event     |E|R| volume    |          duration             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ```
 *
 * Every packet of one event carries the RTP timestamp of the event's start; the duration grows
 * as the key is held; the last packet has the E bit and is sent three times. The receiver below
 * turns that stream into one key press per event, the sender produces it.
 */
import { RTP_HEADER_BYTES, writeRtpHeader, type RtpHeaderFields } from './rtp-packet.js';

/** Size of one event in the payload. */
export const TELEPHONE_EVENT_BYTES = 4;
/** Events 0..15 in order: the DTMF keys of RFC 4733 section 3.2 (10 is `*`, 11 is `#`). */
export const DTMF_EVENT_DIGITS = '0123456789*#ABCD';
/** The largest duration one event packet can state, in timestamp units (16 bits). */
export const MAX_EVENT_DURATION = 0xffff;
/** How many times the final packet of an event is sent (RFC 4733 section 2.5.1.4). */
export const END_PACKET_COUNT = 3;

/** One decoded event payload. */
export interface TelephoneEvent {
  event: number;
  /** The E bit: this packet ends the event. */
  end: boolean;
  /** Power level of the tone, in -dBm0 (0..63). */
  volume: number;
  /** Time since the event's start, in timestamp units. */
  duration: number;
}

/** The outcome of {@link parseTelephoneEvent}: the fields are in the caller's object when `ok`. */
export type TelephoneEventParseResult =
  { readonly ok: true } | { readonly ok: false; readonly reason: 'too-short' };

const OK: TelephoneEventParseResult = Object.freeze({ ok: true });
const TOO_SHORT: TelephoneEventParseResult = Object.freeze({ ok: false, reason: 'too-short' });

/**
 * Reads the event at `buf[offset..offset + length]` into `into`. A longer payload holds more
 * events only with RFC 2198 redundancy, which is not negotiated, so the first one is read.
 */
export function parseTelephoneEvent(
  buf: Uint8Array,
  offset: number,
  length: number,
  into: TelephoneEvent,
): TelephoneEventParseResult {
  if (length < TELEPHONE_EVENT_BYTES || offset < 0 || offset + TELEPHONE_EVENT_BYTES > buf.length)
    return TOO_SHORT;
  const flags = buf[offset + 1] ?? 0;
  into.event = buf[offset] ?? 0;
  into.end = (flags & 0x80) !== 0;
  into.volume = flags & 0x3f;
  into.duration = ((buf[offset + 2] ?? 0) << 8) | (buf[offset + 3] ?? 0);
  return OK;
}

/** Writes one event payload at `buf[offset..]`. */
export function writeTelephoneEvent(buf: Uint8Array, offset: number, event: TelephoneEvent): number {
  buf[offset] = event.event & 0xff;
  buf[offset + 1] = (event.end ? 0x80 : 0) | (event.volume & 0x3f);
  buf[offset + 2] = (event.duration >>> 8) & 0xff;
  buf[offset + 3] = event.duration & 0xff;
  return TELEPHONE_EVENT_BYTES;
}

/** The key of a DTMF event code, or null for the other events (flash, fax tones...). */
export function eventToDigit(event: number): string | null {
  return Number.isInteger(event) && event >= 0 && event < DTMF_EVENT_DIGITS.length
    ? DTMF_EVENT_DIGITS.charAt(event)
    : null;
}

/** The event code of a DTMF key (`0`-`9`, `*`, `#`, `A`-`D`), or null. */
export function digitToEvent(digit: string): number | null {
  const event = digit.length === 1 ? DTMF_EVENT_DIGITS.indexOf(digit.toUpperCase()) : -1;
  return event < 0 ? null : event;
}

/**
 * Turns received telephone-event packets into key presses. An event is identified by its RTP
 * timestamp (RFC 4733 section 2.5.2.1): its first packet to arrive, start or end, reports the key;
 * updates and the retransmitted end packets share the timestamp and report nothing. A new timestamp
 * is a new press, even of the same key. A new SSRC starts afresh (its timestamps are unrelated).
 */
export class TelephoneEventReceiver {
  readonly #packet: TelephoneEvent = { event: 0, end: false, volume: 0, duration: 0 };
  #hasEvent = false;
  #ssrc = 0;
  #timestamp = 0;
  #event = 0;
  #duration = 0;

  /**
   * Reads the payload at `buf[offset..offset + length]` of a packet with RTP `timestamp` and `ssrc`.
   * @returns the key when the packet is the first seen of a new DTMF event, else null.
   */
  receive(buf: Uint8Array, offset: number, length: number, timestamp: number, ssrc: number): string | null {
    if (!parseTelephoneEvent(buf, offset, length, this.#packet).ok) return null;
    const { event, duration } = this.#packet;
    if (this.#hasEvent && ssrc >>> 0 === this.#ssrc) {
      // Serial-number arithmetic on the 32-bit timestamp: a negative distance is a late packet of
      // an earlier event, which must not count again.
      const distance = (timestamp - this.#timestamp) | 0;
      if (distance < 0) return null;
      if (distance === 0) {
        this.#duration = Math.max(this.#duration, duration);
        return null;
      }
      // An event longer than 0xFFFF units goes on as a new segment whose timestamp is the old one
      // plus 0xFFFF (RFC 4733 section 2.5.1.3): the same key still held, not a new press.
      const continues =
        event === this.#event && this.#duration === MAX_EVENT_DURATION && distance === MAX_EVENT_DURATION;
      this.#remember(timestamp, ssrc, event, duration);
      return continues ? null : eventToDigit(event);
    }
    this.#remember(timestamp, ssrc, event, duration);
    return eventToDigit(event);
  }

  #remember(timestamp: number, ssrc: number, event: number, duration: number): void {
    this.#hasEvent = true;
    this.#ssrc = ssrc >>> 0;
    this.#timestamp = timestamp >>> 0;
    this.#event = event;
    this.#duration = duration;
  }
}

/** Settings of a {@link TelephoneEventSender}. */
export interface TelephoneEventSenderOptions {
  /** The telephone-event payload type negotiated in SDP (often 101). */
  readonly payloadType: number;
  /** The SSRC of the audio stream the events belong to. */
  readonly ssrc: number;
  /** The telephone-event clock rate, the audio codec's (RFC 4733 section 2.1): 8000 for G.711. */
  readonly clockRate?: number;
  /** Time between packets, the media clock tick. */
  readonly ptimeMs?: number;
  /** Tone power stated in the packets, in -dBm0 (RFC 4733 section 2.3.4). */
  readonly volume?: number;
}

/** The RTP packet of one event: header plus one event payload. */
export const TELEPHONE_EVENT_PACKET_BYTES = RTP_HEADER_BYTES + TELEPHONE_EVENT_BYTES;

/**
 * Sends one DTMF key as RFC 4733 packets, one per media clock tick (section 2.5.1): the first has
 * the marker bit; all carry the timestamp of the tick the key started on; the duration grows by a
 * tick's worth of units; the final duration goes out {@link END_PACKET_COUNT} times with the E bit.
 * The audio stream owns the sequence numbers: it hands in its next one and skips its audio packet
 * on every tick that sent an event packet.
 */
export class TelephoneEventSender {
  readonly #clockRate: number;
  /** Timestamp units per media clock tick: 160 for 20 ms at 8000 Hz. */
  readonly #samplesPerTick: number;
  readonly #header: RtpHeaderFields;
  readonly #payload: TelephoneEvent = { event: 0, end: false, volume: 10, duration: 0 };
  /** Timestamp units the key lasts; 0 when idle. */
  #totalDuration = 0;
  /** Packets written for the current key. */
  #sent = 0;

  constructor(options: TelephoneEventSenderOptions) {
    this.#clockRate = options.clockRate ?? 8000;
    this.#samplesPerTick = (this.#clockRate * (options.ptimeMs ?? 20)) / 1000;
    this.#payload.volume = options.volume ?? 10;
    this.#header = {
      marker: false,
      payloadType: options.payloadType,
      sequenceNumber: 0,
      timestamp: 0,
      ssrc: options.ssrc,
    };
  }

  /** Whether a key is still being sent; the stream keeps calling `writeNext` until it is not. */
  get sending(): boolean {
    return this.#totalDuration > 0;
  }

  /**
   * Starts sending `digit` for `durationMs`, from the next `writeNext`. Throws on an unknown key, a
   * duration that is not positive or does not fit the 16-bit field, or while a key is sending.
   */
  start(digit: string, durationMs: number): void {
    const event = digitToEvent(digit);
    const duration = Math.round((durationMs * this.#clockRate) / 1000);
    if (event === null) throw new RangeError(`not a DTMF key: ${JSON.stringify(digit)}`);
    if (!(duration > 0 && duration <= MAX_EVENT_DURATION))
      throw new RangeError(`bad DTMF duration ${durationMs} ms`);
    if (this.sending) throw new Error('a DTMF key is already being sent');
    this.#payload.event = event;
    this.#totalDuration = duration;
    this.#sent = 0;
  }

  /** Abandons the current key; a receiver that saw its start still counts it once. */
  cancel(): void {
    this.#totalDuration = 0;
  }

  /**
   * On a media clock tick, writes the key's next packet at `buf[offset..]`.
   * @param sequenceNumber the stream's next RTP sequence number.
   * @param timestamp the stream's RTP timestamp for this tick; the first packet's is the event's.
   * @returns the packet length, or 0 when no key is being sent (the stream sends audio instead).
   */
  writeNext(buf: Uint8Array, offset: number, sequenceNumber: number, timestamp: number): number {
    if (!this.sending) return 0;
    if (offset < 0 || offset + TELEPHONE_EVENT_PACKET_BYTES > buf.length) {
      throw new RangeError(`telephone-event packet does not fit at offset ${offset} of ${buf.length}`);
    }
    const first = this.#sent === 0;
    if (first) this.#header.timestamp = timestamp;
    this.#header.marker = first;
    this.#header.sequenceNumber = sequenceNumber;
    this.#sent += 1;
    const duration = Math.min(this.#sent * this.#samplesPerTick, this.#totalDuration);
    const updates = Math.ceil(this.#totalDuration / this.#samplesPerTick);
    this.#payload.duration = duration;
    this.#payload.end = duration === this.#totalDuration;
    writeRtpHeader(buf, offset, this.#header);
    writeTelephoneEvent(buf, offset + RTP_HEADER_BYTES, this.#payload);
    if (this.#sent >= updates + END_PACKET_COUNT - 1) this.#totalDuration = 0;
    return TELEPHONE_EVENT_PACKET_BYTES;
  }
}
