/**
 * The pcap files in this folder, and how they are made. They are committed so a scenario runs by
 * hand without a build step; `harness.test.ts` checks each still equals what this file makes.
 * Regenerate with: `node --import tsx test/sip/media/media-fixtures.ts`
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildCallerAudioPcap, inbandDigitSegments } from '../../helpers/caller-audio-pcap.js';
import { SAMPLES_PER_PACKET } from '../../helpers/mulaw-rtp-stream.js';

/** The SSRC, first sequence number and timestamp of sip-tester's `dtmf_2833_1.pcap` (tshark). */
const SIPP_DTMF_SSRC = 0x0e05384e;
const SIPP_DTMF_FIRST_SEQUENCE = 7984;
const SIPP_DTMF_FIRST_TIMESTAMP = 13280;
const LEAD_IN_PACKETS = 50;

/** The caller's audio before an RFC 4733 digit: `ivr-rfc4733-digit.xml` plays it after the ACK. */
export const CALLER_SILENCE_PCAP = 'caller-silence-pcmu.pcap';
/** Digit 1 in-band, `ivr-inband-digit.xml`'s default; tests make other digits in their temp dir. */
export const INBAND_DTMF_1_PCAP = 'inband-dtmf-1.pcap';

/**
 * One second of PCMU silence in the same RTP stream as sip-tester's digit captures: same SSRC,
 * sequence numbers and timestamps just before digit 1's. For later digits the jump reads as lost
 * packets (RFC 3550 appendix A.1 accepts it), not as a new source, as a real phone's stream would.
 */
export function buildCallerSilencePcap(): Buffer {
  return buildCallerAudioPcap({
    segments: [{ silenceMs: LEAD_IN_PACKETS * 20 }],
    stream: {
      ssrc: SIPP_DTMF_SSRC,
      firstSequenceNumber: SIPP_DTMF_FIRST_SEQUENCE - LEAD_IN_PACKETS,
      firstTimestamp: SIPP_DTMF_FIRST_TIMESTAMP - LEAD_IN_PACKETS * SAMPLES_PER_PACKET,
    },
  });
}

/** Every fixture of this folder by file name. */
export const MEDIA_FIXTURES: Readonly<Record<string, () => Buffer>> = {
  [CALLER_SILENCE_PCAP]: buildCallerSilencePcap,
  [INBAND_DTMF_1_PCAP]: () => buildCallerAudioPcap({ segments: inbandDigitSegments('1') }),
};

/** Writes every fixture into a folder. */
export async function writeMediaFixtures(dir: string): Promise<void> {
  for (const [name, build] of Object.entries(MEDIA_FIXTURES)) await writeFile(join(dir, name), build());
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await writeMediaFixtures(fileURLToPath(new URL('.', import.meta.url)));
}
