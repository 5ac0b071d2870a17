/**
 * Builds the m= sections of our own descriptions: an audio stream we offer or accept, and a
 * rejected stream in an answer.
 * https://www.rfc-editor.org/rfc/rfc3264#section-6
 */
import { G711_CLOCK_RATE_HZ, TELEPHONE_EVENT, type Codec } from './codec.js';
import { RTP_AVP } from './negotiated-media.js';
import type { Attribute, Direction, MediaDescription } from './session-description.js';

/** The packet time we send and ask for: 20 ms, 160 G.711 samples per packet. */
export const PTIME_MS = 20;

/** What goes into one of our audio streams. */
export interface AudioStreamOptions {
  readonly port: number;
  /** In order of preference; each with the payload type to list it under. */
  readonly codecs: readonly { readonly payloadType: number; readonly codec: Codec }[];
  /** RFC 4733 events (`0-15`, `0-16`) under a dynamic payload type, or null for none. */
  readonly telephoneEvent: { readonly payloadType: number; readonly events: string } | null;
  readonly direction: Direction;
}

/**
 * An audio stream with an rtpmap for every format (static ones too: harmless, and some peers
 * look for it), the fmtp of telephone-event (RFC 4733 section 2.4.1), a=ptime and an explicit
 * direction attribute. The connection sits at session level.
 */
export function buildAudioStream(options: AudioStreamOptions): MediaDescription {
  const formats = options.codecs.map(({ payloadType }) => `${payloadType}`);
  const attributes: Attribute[] = options.codecs.map(({ payloadType, codec }) => ({
    name: 'rtpmap',
    value: `${payloadType} ${codec}/${G711_CLOCK_RATE_HZ}`,
  }));
  const event = options.telephoneEvent;
  if (event !== null) {
    formats.push(`${event.payloadType}`);
    attributes.push(
      { name: 'rtpmap', value: `${event.payloadType} ${TELEPHONE_EVENT}/${G711_CLOCK_RATE_HZ}` },
      { name: 'fmtp', value: `${event.payloadType} ${event.events}` },
    );
  }
  attributes.push({ name: 'ptime', value: `${PTIME_MS}` }, { name: options.direction, value: null });
  return {
    type: 'audio',
    port: options.port,
    portCount: null,
    proto: RTP_AVP,
    formats,
    connection: null,
    attributes,
    otherLines: [],
  };
}

/**
 * A rejected stream: "the port number in the corresponding stream in the answer MUST be set to
 * zero. Any media formats listed are ignored. At least one MUST be present" (RFC 3264 section 6).
 * The offered formats are echoed.
 */
export function buildRejectedStream(offered: MediaDescription): MediaDescription {
  return {
    type: offered.type,
    port: 0,
    portCount: null,
    proto: offered.proto,
    formats: offered.formats,
    connection: null,
    attributes: [],
    otherLines: [],
  };
}
