/**
 * The messages between the main thread and the media thread (media-thread.ts, media-worker.ts).
 *
 * The media thread owns every RTP and RTCP socket, the one media clock, prompt playback and digit
 * detection; the main thread (SIP, scenarios, HTTP, the database) tells it what to play and hears
 * back when a prompt ended or a digit came. Legs and plays are numbered by the main thread, so
 * a command never waits for an answer to name what it acts on.
 */
import type { PromptEnd } from '../../scenario/call-port.js';
import type { MediaClockStats } from '../rtp/media-clock.js';
import type { LegCodec } from './rtp-leg-media.js';
import type { ThreadPriority } from './thread-priority.js';

/** What the media thread needs to start its clock and its port pool. */
export interface MediaThreadSettings {
  /** Where RTP sockets bind. */
  readonly host: string;
  readonly rtpPorts: { readonly min: number; readonly max: number };
  /** The scheduling the media thread asks the kernel for; null leaves it as it is. */
  readonly priority: ThreadPriority | null;
  /** The CNAME of our RTCP reports (RFC 3550 section 6.5.1). */
  readonly cname: string;
}

/** How a leg's stream runs, from the SDP offer/answer. */
export interface LegStreamSettings {
  readonly codec: LegCodec;
  readonly payloadType: number;
  readonly telephoneEventPayloadType: number | null;
  readonly remote: { readonly address: string; readonly port: number };
  /** False while the peer holds the call (sendonly/inactive). */
  readonly sending: boolean;
  /** Listen for tones in the audio until the peer sends an RFC 4733 event. */
  readonly inbandDtmf: boolean;
}

/** A leg's RTP figures when it closes, for the call's log line. */
export interface LegMediaReport {
  readonly sent: number;
  readonly received: number;
  readonly lost: number;
  readonly jitterMs: number;
  readonly dropped: number;
  readonly rtcpReceived: number;
  readonly rtcpSent: number;
  /** What the peer last reported of our stream: fraction lost (0-255) and jitter (timestamp units). */
  readonly peerFractionLost: number;
  readonly peerJitter: number;
}

export type MediaCommand =
  /** Bind an RTP/RTCP port pair for leg `leg`; answered by `opened`. */
  | { readonly op: 'open'; readonly leg: number }
  /** The SDP is agreed: start sending and receiving. */
  | { readonly op: 'start'; readonly leg: number; readonly stream: LegStreamSettings }
  /** Play frames (`bytes` null: silence) as play `play`; answered by `played`. */
  | {
      readonly op: 'play';
      readonly leg: number;
      readonly play: number;
      readonly bytes: Uint8Array | null;
      readonly frameCount: number;
    }
  | { readonly op: 'stop'; readonly leg: number; readonly play: number }
  | { readonly op: 'sending'; readonly leg: number; readonly sending: boolean }
  | { readonly op: 'remote'; readonly leg: number; readonly address: string; readonly port: number }
  /** Send `keys` as RFC 4733 events (send `request`); answered by `keysSent`. */
  | {
      readonly op: 'keys';
      readonly leg: number;
      readonly request: number;
      readonly keys: string;
      readonly durationMs: number;
      readonly gapMs: number;
    }
  /** Close the leg's stream and sockets; answered by `closed`. */
  | { readonly op: 'close'; readonly leg: number }
  /** Answered by `stats`. */
  | { readonly op: 'stats'; readonly request: number };

export type MediaEvent =
  /** The thread runs; `priority` says whether the kernel gave it the scheduling it asked for. */
  | {
      readonly op: 'ready';
      readonly capacity: number;
      readonly priority: { readonly asked: ThreadPriority | null; readonly refused: string | null };
    }
  /** `port` null: every pair is taken, or none could be bound. */
  | { readonly op: 'opened'; readonly leg: number; readonly port: number | null }
  | { readonly op: 'played'; readonly leg: number; readonly play: number; readonly end: PromptEnd }
  | { readonly op: 'digit'; readonly leg: number; readonly digit: string }
  /** `sent` false: the peer offered no telephone-event, the stream is not up, or keys are going out. */
  | { readonly op: 'keysSent'; readonly leg: number; readonly request: number; readonly sent: boolean }
  | { readonly op: 'closed'; readonly leg: number; readonly report: LegMediaReport | null }
  | {
      readonly op: 'stats';
      readonly request: number;
      readonly clock: MediaClockStats;
      readonly legs: number;
    }
  /** Something the main thread should log. */
  | { readonly op: 'warning'; readonly message: string; readonly detail: string };
