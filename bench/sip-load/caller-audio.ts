/**
 * What the benchmark's callers say: two seconds of espeak-ng speech at 8 kHz, made once per run.
 *
 * - The IVR calls replay it with SIPp's `play_pcap_audio` before the digit, as PCMU RTP in the
 *   same stream as sip-tester's digit captures (`dtmf_2833_<d>.pcap`: SSRC 0x0e05384e, payload
 *   type 101, checked with tshark): sequence numbers and timestamps run on into the digit's, so
 *   Voxgate sees one phone's stream, audio then event. One capture per digit, as the two digit
 *   captures start at different sequence numbers.
 * - The concurrency calls' RTP peer sends the same speech, µ-law encoded, in a loop.
 *
 * Speech rather than silence, so Voxgate's in-band DTMF detector (which runs on a call's audio until
 * the first RFC 4733 event) does the work it does on a real call.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { encodeMuLaw } from '../../src/telephony/rtp/g711.js';
import { buildMuLawRtpPackets, SAMPLES_PER_PACKET } from '../../test/helpers/mulaw-rtp-stream.js';
import { serializeUdpPcap } from '../../test/helpers/pcap-writer.js';

const run = promisify(execFile);

/** Length of the caller's speech: the IVR call sends its digit this long after the ACK. */
export const CALLER_AUDIO_MS = 2000;
const SAMPLE_RATE_HZ = 8000;
const SPEECH = 'One moment please, I am choosing an option.';

/** The first packet of each sip-tester digit capture (tshark): sequence number and RTP timestamp. */
const DIGIT_CAPTURES = {
  '1': { firstSequenceNumber: 7984, firstTimestamp: 13280 },
  '2': { firstSequenceNumber: 8042, firstTimestamp: 23200 },
} as const;
const DIGIT_CAPTURE_SSRC = 0x0e05384e;
/** Any start time: SIPp replays the gaps between packets, not the dates. */
const CAPTURE_START_US = 1_700_000_000_000_000;
/** RFC 5737 documentation addresses; SIPp rewrites them to the call's. */
const PCAP_FLOW = {
  source: { ip: '192.0.2.1', port: 40000 },
  destination: { ip: '192.0.2.2', port: 40002 },
};

export type BenchDigit = keyof typeof DIGIT_CAPTURES;
export const BENCH_DIGITS: readonly BenchDigit[] = ['1', '2'];

/** The caller audio pcap `ivr-call.xml` plays before digit `digit`. */
export function callerAudioPcapName(digit: BenchDigit): string {
  return `caller-audio-${digit}.pcap`;
}

/** espeak-ng speech, resampled to 8 kHz mono, normalised to -16 dBFS, cut or padded to CALLER_AUDIO_MS. */
export async function synthesizeCallerSpeech(workDir: string): Promise<Int16Array> {
  const wav = path.join(workDir, 'caller-speech.wav');
  const raw = path.join(workDir, 'caller-speech.s16');
  await run('espeak-ng', ['-w', wav, SPEECH]);
  const seconds = String(CALLER_AUDIO_MS / 1000);
  await run(
    'sox',
    [wav, '-r', String(SAMPLE_RATE_HZ), '-c', '1', '-b', '16', '-e', 'signed-integer'].concat([
      '-L',
      '-t',
      'raw',
      raw,
      'gain',
      '-n',
      '-16',
      'pad',
      '0',
      seconds,
      'trim',
      '0',
      seconds,
    ]),
  );
  const bytes = await readFile(raw);
  const samples = new Int16Array(Math.floor(bytes.length / 2));
  for (let index = 0; index < samples.length; index += 1) samples[index] = bytes.readInt16LE(index * 2);
  return samples;
}

/** Writes `caller-audio-1.pcap` and `caller-audio-2.pcap` into `dir`. */
export async function writeCallerAudioPcaps(dir: string, speech: Int16Array): Promise<void> {
  const packets = Math.ceil(speech.length / SAMPLES_PER_PACKET);
  for (const digit of BENCH_DIGITS) {
    const capture = DIGIT_CAPTURES[digit];
    const stream = {
      ssrc: DIGIT_CAPTURE_SSRC,
      firstSequenceNumber: (capture.firstSequenceNumber - packets) & 0xffff,
      firstTimestamp: (capture.firstTimestamp - packets * SAMPLES_PER_PACKET) >>> 0,
      startTimeUs: CAPTURE_START_US,
    };
    const pcap = serializeUdpPcap(buildMuLawRtpPackets(speech, stream), PCAP_FLOW);
    await writeFile(path.join(dir, callerAudioPcapName(digit)), pcap);
  }
}

/** The speech as µ-law bytes, a whole number of 20 ms frames, for the RTP peer to loop. */
export function speechAsMuLaw(speech: Int16Array): Buffer {
  const frames = Math.floor(speech.length / SAMPLES_PER_PACKET);
  const out = Buffer.alloc(frames * SAMPLES_PER_PACKET);
  encodeMuLaw(speech.subarray(0, out.length), out);
  return out;
}
