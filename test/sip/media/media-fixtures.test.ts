/**
 * The pcaps SIPp plays are checked by tools that are not ours: tshark reads the framing and
 * checksums, sox decodes the µ-law, and a Goertzel filter here finds the DTMF pair in it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  buildCallerAudioPcap,
  DEFAULT_PCAP_FLOW,
  inbandDigitSegments,
} from '../../helpers/caller-audio-pcap.js';
import { DTMF_FREQUENCIES_HZ } from '../../helpers/dtmf-tone.js';
import { skipUnlessInstalled } from '../../helpers/installed-tool.js';
import { MEDIA_DIR } from '../../helpers/sipp-scenario.js';
import { createTempDir } from '../../helpers/temp-dir.js';
import { MEDIA_FIXTURES } from './media-fixtures.js';

const NO_TSHARK = skipUnlessInstalled('tshark');
const NO_SOX = skipUnlessInstalled('sox');

interface TsharkRtp {
  readonly ipChecksum: string;
  readonly udpChecksum: string;
  readonly payloadType: number;
  readonly marker: boolean;
  readonly sequenceNumber: number;
  readonly timestamp: number;
  readonly payload: Buffer;
}

/** The RTP packets of a pcap as tshark decodes them, checksums verified. */
function readWithTshark(path: string): TsharkRtp[] {
  const fields = ['ip.checksum.status', 'udp.checksum.status', 'rtp.p_type', 'rtp.marker', 'rtp.seq'];
  const run = spawnSync(
    'tshark',
    ['-r', path, '-d', `udp.port==${DEFAULT_PCAP_FLOW.source.port},rtp`, '-o', 'ip.check_checksum:TRUE']
      .concat(['-o', 'udp.check_checksum:TRUE', '-T', 'fields', '-E', 'separator=;'])
      .concat([...fields, 'rtp.timestamp', 'rtp.payload'].flatMap((field) => ['-e', field])),
    { encoding: 'utf8' },
  );
  assert.equal(run.status, 0, run.stderr);
  return run.stdout
    .trim()
    .split('\n')
    .map((line) => {
      const [ip = '', udp = '', type, marker, sequence, timestamp, payload = ''] = line.split(';');
      return {
        ipChecksum: ip,
        udpChecksum: udp,
        payloadType: Number(type),
        marker: marker === '1' || marker === 'True',
        sequenceNumber: Number(sequence),
        timestamp: Number(timestamp),
        payload: Buffer.from(payload.replaceAll(':', ''), 'hex'),
      };
    });
}

/** Signal power at one frequency (Goertzel), for a block of samples at 8 kHz. */
function goertzelPower(samples: Int16Array, frequencyHz: number): number {
  const coefficient = 2 * Math.cos((2 * Math.PI * frequencyHz) / 8000);
  let previous = 0;
  let beforePrevious = 0;
  for (const sample of samples) {
    const current = sample + coefficient * previous - beforePrevious;
    beforePrevious = previous;
    previous = current;
  }
  return previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
}

test('the committed media fixtures are exactly what media-fixtures.ts builds', async () => {
  for (const [name, build] of Object.entries(MEDIA_FIXTURES)) {
    const committed = await readFile(join(MEDIA_DIR, name));

    assert.ok(
      committed.equals(build()),
      `${name} is stale: node --import tsx test/sip/media/media-fixtures.ts`,
    );
  }
});

test(
  'tshark reads an in-band digit pcap as 50 PCMU packets with good checksums',
  { skip: NO_TSHARK },
  async (t) => {
    const dir = await createTempDir(t, 'pcap');
    const path = join(dir, 'inband.pcap');
    await writeFile(path, buildCallerAudioPcap({ segments: inbandDigitSegments('#') }));

    const packets = readWithTshark(path);

    assert.equal(packets.length, 50);
    assert.ok(packets.every((packet) => packet.payloadType === 0 && packet.payload.length === 160));
    // Wireshark's checksum status: 1 is "good".
    assert.ok(packets.every((packet) => packet.ipChecksum === '1' && packet.udpChecksum === '1'));
    assert.deepEqual(
      packets.map((packet) => packet.marker),
      packets.map((_packet, index) => index === 0),
    );
    packets.forEach((packet, index) => {
      assert.equal(packet.sequenceNumber, 1000 + index);
      assert.equal(packet.timestamp, 160_000 + 160 * index);
    });
  },
);

test(
  'the in-band capture carries its key two frequencies, decoded by sox',
  { skip: NO_TSHARK || NO_SOX },
  async (t) => {
    const dir = await createTempDir(t, 'pcap');
    const path = join(dir, 'inband.pcap');
    await writeFile(path, buildCallerAudioPcap({ segments: inbandDigitSegments('6') }));
    // 500 ms of silence, then 100 ms of tone: packets 25 to 29.
    const toneMuLaw = Buffer.concat(
      readWithTshark(path)
        .slice(25, 30)
        .map((packet) => packet.payload),
    );

    const decoded = spawnSync(
      'sox',
      ['-t', 'ul', '-r', '8000', '-c', '1', '-', '-t', 'raw', '-e', 'signed-integer'].concat([
        '-b',
        '16',
        '-L',
        '-',
      ]),
      { input: toneMuLaw },
    );

    assert.equal(decoded.status, 0, decoded.stderr.toString());
    const samples = new Int16Array(
      decoded.stdout.buffer,
      decoded.stdout.byteOffset,
      decoded.stdout.length / 2,
    );
    const [low = 0, high = 0] = DTMF_FREQUENCIES_HZ['6'] ?? [];
    const others = [697, 770, 852, 941, 1209, 1336, 1477, 1633].filter((hz) => hz !== low && hz !== high);
    const weakestKeyTone = Math.min(goertzelPower(samples, low), goertzelPower(samples, high));
    const strongestOther = Math.max(...others.map((hz) => goertzelPower(samples, hz)));
    assert.ok(
      weakestKeyTone > 100 * strongestOther,
      `${weakestKeyTone} vs ${strongestOther}: less than 20 dB apart`,
    );
  },
);
