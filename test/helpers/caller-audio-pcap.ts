/**
 * Builds what a caller's phone sends, as a pcap SIPp replays with `play_pcap_audio`: PCMU RTP
 * made of silence and in-band DTMF segments, one SSRC, 20 ms packets.
 */
import { synthesizeDtmfTone, G711_SAMPLE_RATE_HZ } from './dtmf-tone.js';
import { buildMuLawRtpPackets, type RtpStreamOptions } from './mulaw-rtp-stream.js';
import { serializeUdpPcap, type UdpFlow } from './pcap-writer.js';

/** A stretch of the caller's audio. */
export type AudioSegment =
  | { readonly silenceMs: number }
  | { readonly dtmf: string; readonly durationMs: number; readonly levelDbm0?: number };

export interface CallerAudioOptions {
  readonly segments: readonly AudioSegment[];
  /** RTP and capture-time settings; defaults give byte-identical files run after run. */
  readonly stream?: Partial<RtpStreamOptions>;
  /** Addresses written in the pcap; SIPp ignores them and sends to the SDP's address. */
  readonly flow?: UdpFlow;
}

export const DEFAULT_RTP_STREAM: RtpStreamOptions = {
  ssrc: 0x766f7867, // "voxg"
  firstSequenceNumber: 1000,
  firstTimestamp: 160_000,
  startTimeUs: 1_700_000_000_000_000,
};

/** RFC 5737 documentation addresses: they say "made up" to anyone reading the capture. */
export const DEFAULT_PCAP_FLOW: UdpFlow = {
  source: { ip: '192.0.2.1', port: 40000 },
  destination: { ip: '192.0.2.2', port: 40002 },
};

function segmentSamples(segment: AudioSegment): Int16Array {
  if ('silenceMs' in segment)
    return new Int16Array(Math.round((segment.silenceMs * G711_SAMPLE_RATE_HZ) / 1000));
  return synthesizeDtmfTone(segment.dtmf, {
    durationMs: segment.durationMs,
    ...(segment.levelDbm0 === undefined ? {} : { levelDbm0: segment.levelDbm0 }),
  });
}

/** The segments one after the other as linear samples at 8 kHz. */
export function renderSegments(segments: readonly AudioSegment[]): Int16Array {
  const parts = segments.map(segmentSamples);
  const out = new Int16Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** The pcap file bytes. Segments should last whole multiples of 20 ms: a packet holds 20 ms. */
export function buildCallerAudioPcap(options: CallerAudioOptions): Buffer {
  const stream = { ...DEFAULT_RTP_STREAM, ...options.stream };
  return serializeUdpPcap(
    buildMuLawRtpPackets(renderSegments(options.segments), stream),
    options.flow ?? DEFAULT_PCAP_FLOW,
  );
}

export interface InbandDigitOptions {
  readonly leadSilenceMs?: number;
  readonly toneMs?: number;
  readonly trailSilenceMs?: number;
  readonly levelDbm0?: number;
}

/**
 * Silence, one key's tone, silence: 500 ms, 100 ms at -10 dBm0 per tone, 400 ms by default. 100 ms
 * is twice Q.24's 40 ms minimum, so a detector working on 20 ms blocks sees several full ones.
 */
export function inbandDigitSegments(digit: string, options: InbandDigitOptions = {}): AudioSegment[] {
  return [
    { silenceMs: options.leadSilenceMs ?? 500 },
    {
      dtmf: digit,
      durationMs: options.toneMs ?? 100,
      ...(options.levelDbm0 === undefined ? {} : { levelDbm0: options.levelDbm0 }),
    },
    { silenceMs: options.trailSilenceMs ?? 400 },
  ];
}
