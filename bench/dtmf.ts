/**
 * The in-band DTMF detector's cost (`npm run bench -- dtmf`): CPU time per 20 ms G.711 packet, the
 * work the media thread does for every packet of a peer that offered no telephone-event. The
 * concurrency ladder of sip-load runs it on every stream, so at 750 calls each microsecond here is
 * about 4% of the core.
 *
 * - Inputs: espeak-ng speech (what most packets hold), silence, and keys (tones of each of the 16
 *   keys, 60 ms with 60 ms gaps), µ-law encoded, fed as 160-byte payloads through `processCodes`,
 *   as rtp-leg-media.ts does.
 * - 750 detectors, one packet to each in turn, so their state is as cold in the caches as on the
 *   media thread; 15 rounds of 200 packets each, and the least time per packet is reported (the
 *   least is what the code costs; the rest is this machine's noise).
 * - The run fails if the keys input does not give the 16 keys on every detector, or the speech and
 *   silence any key.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DtmfDetector } from '../src/telephony/media/dtmf-detector.js';
import { linearToMuLaw, MU_LAW_DECODE_TABLE } from '../src/telephony/rtp/g711.js';
import { machineFacts } from './harness/machine.js';
import { writeResults } from './harness/results.js';
import { markdownTable, textTable, type Table } from './harness/table.js';
import { synthesizeCallerSpeech } from './sip-load/caller-audio.js';

const DETECTORS = 750;
const PACKETS_PER_ROUND = 200;
const ROUNDS = 15;
const PACKET_BYTES = 160;
const KEYS = '123A456B789C*0#D';
const ROWS_HZ = [697, 770, 852, 941];
const COLUMNS_HZ = [1209, 1336, 1477, 1633];
/** -10 dBm0 per tone in the 16-bit G.711 scale (0 dBm0 peaks near 22,700). */
const TONE_PEAK = 22_700 * 10 ** (-10 / 20);

interface InputResult {
  readonly input: string;
  readonly packets: number;
  readonly minMicroseconds: number;
  readonly medianMicroseconds: number;
  readonly keysPerDetector: string;
}

function muLaw(samples: ArrayLike<number>): Buffer {
  const codes = Buffer.alloc(Math.ceil(samples.length / PACKET_BYTES) * PACKET_BYTES, 0xff);
  for (let i = 0; i < samples.length; i++)
    codes[i] = linearToMuLaw(Math.max(-32768, Math.min(32767, Math.round(samples[i] ?? 0))));
  return codes;
}

function keyTones(): Float64Array {
  const gap = 480;
  const tone = 480;
  const samples = new Float64Array(KEYS.length * (tone + gap));
  for (let index = 0; index < KEYS.length; index++) {
    const row = ROWS_HZ[index >> 2] ?? 0;
    const column = COLUMNS_HZ[index & 3] ?? 0;
    for (let n = 0; n < tone; n++) {
      const t = n / 8000;
      samples[index * (tone + gap) + n] =
        TONE_PEAK * (Math.sin(2 * Math.PI * row * t) + Math.sin(2 * Math.PI * column * t + 1));
    }
  }
  return samples;
}

/** Runs every detector over the input packet by packet; the CPU time per packet of each round. */
function measure(codes: Buffer, detectors: DtmfDetector[]): number[] {
  const packets = codes.length / PACKET_BYTES;
  const rounds: number[] = [];
  let next = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const before = process.cpuUsage();
    for (let p = 0; p < PACKETS_PER_ROUND; p++) {
      const offset = (next % packets) * PACKET_BYTES;
      next += 1;
      for (const detector of detectors)
        detector.processCodes(codes, offset, PACKET_BYTES, MU_LAW_DECODE_TABLE);
    }
    const used = process.cpuUsage(before);
    rounds.push((used.user + used.system) / (PACKETS_PER_ROUND * detectors.length));
  }
  return rounds;
}

/** What one detector hears over the whole input, once. */
function keysHeard(codes: Buffer): string {
  let keys = '';
  const detector = new DtmfDetector({ onDigit: (key) => (keys += key) });
  for (let offset = 0; offset < codes.length; offset += PACKET_BYTES)
    detector.processCodes(codes, offset, PACKET_BYTES, MU_LAW_DECODE_TABLE);
  return keys;
}

function runInput(input: string, codes: Buffer): InputResult {
  const detectors = Array.from({ length: DETECTORS }, () => new DtmfDetector());
  measure(codes, detectors); // warm-up: the optimising compiler, the caches
  const rounds = measure(codes, detectors).sort((a, b) => a - b);
  return {
    input,
    packets: codes.length / PACKET_BYTES,
    minMicroseconds: rounds[0] ?? NaN,
    medianMicroseconds: rounds[Math.floor(rounds.length / 2)] ?? NaN,
    keysPerDetector: keysHeard(codes),
  };
}

function table(results: readonly InputResult[]): Table {
  return {
    headers: ['input', 'packets', 'least µs/packet', 'median µs/packet', 'keys heard'],
    rows: results.map((r) => [
      r.input,
      String(r.packets),
      r.minMicroseconds.toFixed(3),
      r.medianMicroseconds.toFixed(3),
      r.keysPerDetector === '' ? '(none)' : r.keysPerDetector,
    ]),
    numeric: new Set([1, 2, 3]),
  };
}

export async function main(): Promise<number> {
  const date = new Date();
  const machine = machineFacts(date);
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'voxgate-bench-dtmf-'));
  let speech: Int16Array;
  try {
    speech = await synthesizeCallerSpeech(workDir);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  const results = [
    runInput('espeak-ng speech, 2 s', muLaw(speech)),
    runInput('silence', muLaw(new Float64Array(8000))),
    runInput('the 16 keys, 60 ms each', muLaw(keyTones())),
  ];
  const problems: string[] = [];
  const [onSpeech, onSilence, onKeys] = results;
  if (onSpeech?.keysPerDetector !== '') problems.push(`speech gave keys: ${onSpeech?.keysPerDetector}`);
  if (onSilence?.keysPerDetector !== '') problems.push(`silence gave keys: ${onSilence?.keysPerDetector}`);
  if (onKeys?.keysPerDetector !== KEYS) problems.push(`the keys input gave ${onKeys?.keysPerDetector}`);

  const intro =
    `${DETECTORS} detectors, one packet each in turn, ${ROUNDS} rounds of ${PACKETS_PER_ROUND} packets ` +
    'after one warm-up pass; CPU time of the whole process per packet, on whatever cores it was started ' +
    'on (`taskset -c 0 npm run bench -- dtmf` for steadier figures).';
  process.stdout.write(
    `\nIn-band DTMF detector, ${machine.date}\n${intro}\n\n${textTable(table(results))}\n`,
  );
  if (problems.length > 0) process.stdout.write(`\nFAILED: ${problems.join('; ')}\n`);
  const markdown = [
    `# In-band DTMF detector, ${machine.date}`,
    '',
    `- CPU: ${machine.cpuCount} × ${machine.cpuModel}; Node: ${machine.node}; load average ${machine.loadAverage1m} at start`,
    `- ${intro}`,
    '',
    markdownTable(table(results)),
    '',
    ...(problems.length > 0 ? [`**FAILED**: ${problems.join('; ')}`, ''] : []),
  ].join('\n');
  const files = await writeResults('dtmf', date, { machine, results, problems }, markdown);
  process.stdout.write(`\nResults: ${files.join(', ')}\n`);
  return problems.length > 0 ? 1 : 0;
}
