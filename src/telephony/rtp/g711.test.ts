/**
 * G.711 checked against a reference built here from the recommendation's segment tables (where
 * each segment starts and its step), not from the arithmetic g711.ts uses.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  aLawToLinear,
  decodeALaw,
  decodeMuLaw,
  encodeALaw,
  encodeMuLaw,
  linearToALaw,
  linearToMuLaw,
  muLawToLinear,
} from './g711.js';

/** µ-law, 14-bit scale: segment s starts at MU_START[s] and has 16 steps of 2^(s+1). */
const MU_START = [-1, 31, 95, 223, 479, 991, 2015, 4063];
/** A-law, 13-bit scale: segments 0 and 1 share the step 2, then it doubles. */
const A_START = [0, 32, 64, 128, 256, 512, 1024, 2048];
const A_STEP = [2, 2, 4, 8, 16, 32, 64, 128];

interface Law {
  readonly name: string;
  readonly encode: (sample: number) => number;
  readonly decode: (code: number) => number;
  /** Reference reconstruction value of a code, in the 16-bit scale. */
  readonly reference: (code: number) => number;
  /** Half the quantisation step (16-bit scale) around a sample, the most rounding may cost. */
  readonly maxError: (sample: number) => number;
  /** Largest magnitude coded without clipping. */
  readonly clip: number;
}

const muLaw: Law = {
  name: 'µ-law',
  encode: linearToMuLaw,
  decode: muLawToLinear,
  reference(code) {
    const bits = ~code & 0xff;
    const segment = (bits >> 4) & 7;
    const step = 2 << segment;
    const value = 4 * ((MU_START[segment] ?? 0) + step * (bits & 15) + step / 2);
    return bits & 0x80 ? -value : value;
  },
  maxError(sample) {
    const magnitude = Math.abs(sample) / 4;
    const segment = MU_START.findLastIndex((start) => magnitude >= start);
    return 4 * (1 << segment);
  },
  clip: 32635,
};

const aLaw: Law = {
  name: 'A-law',
  encode: linearToALaw,
  decode: aLawToLinear,
  reference(code) {
    const bits = code ^ 0x55;
    const segment = (bits >> 4) & 7;
    const step = A_STEP[segment] ?? 0;
    const value = 8 * ((A_START[segment] ?? 0) + step * (bits & 15) + step / 2);
    return bits & 0x80 ? value : -value;
  },
  maxError(sample) {
    const magnitude = (sample < 0 ? -sample - 1 : sample) / 8;
    const segment = A_START.findLastIndex((start) => magnitude >= start);
    return 4 * (A_STEP[segment] ?? 0);
  },
  clip: 32767,
};

test('decodes the hand-checked µ-law codes of G.711', () => {
  assert.equal(muLawToLinear(0xff), 0);
  assert.equal(muLawToLinear(0x7f), 0, 'negative zero decodes to +0');
  assert.equal(muLawToLinear(0x80), 32124);
  assert.equal(muLawToLinear(0x00), -32124);
});

test('encodes the hand-checked µ-law samples of G.711', () => {
  assert.equal(linearToMuLaw(0), 0xff);
  assert.equal(linearToMuLaw(32124), 0x80);
  assert.equal(linearToMuLaw(-32124), 0x00);
  assert.equal(linearToMuLaw(32767), 0x80, 'a full-scale sample clips to the top code');
  assert.equal(linearToMuLaw(-32768), 0x00);
});

test('decodes and encodes the hand-checked A-law codes of G.711', () => {
  assert.deepEqual([0xd5, 0x55, 0xaa, 0x2a].map(aLawToLinear), [8, -8, 32256, -32256]);
  assert.deepEqual([8, -8, 32256, -32256].map(linearToALaw), [0xd5, 0x55, 0xaa, 0x2a]);
  assert.equal(linearToALaw(0), 0xd5, 'zero falls in the first positive interval');
  assert.equal(linearToALaw(-1), 0x55, '-1 falls in the first negative interval');
});

for (const law of [muLaw, aLaw]) {
  test(`${law.name}: every code decodes to the middle of its interval in the segment table`, () => {
    for (let code = 0; code < 256; code++) {
      assert.equal(law.decode(code), law.reference(code) + 0, `code 0x${code.toString(16)}`);
    }
  });

  test(`${law.name}: decode(encode(decode(code))) equals decode(code) for all 256 codes`, () => {
    for (let code = 0; code < 256; code++) {
      const value = law.decode(code);
      assert.equal(law.decode(law.encode(value)), value, `code 0x${code.toString(16)}`);
    }
  });

  test(`${law.name}: quantisation is monotonic over the whole 16-bit range`, () => {
    let previous = law.decode(law.encode(-32768));
    for (let sample = -32767; sample <= 32767; sample++) {
      const value = law.decode(law.encode(sample));
      assert.ok(value >= previous, `sample ${sample} decodes to ${value} below ${previous}`);
      previous = value;
    }
  });

  test(`${law.name}: the error stays within half a step of the sample's segment`, () => {
    for (let sample = -32768; sample <= 32767; sample++) {
      if (Math.abs(sample) > law.clip) continue;
      const error = Math.abs(law.decode(law.encode(sample)) - sample);
      assert.ok(error <= law.maxError(sample), `sample ${sample} off by ${error}`);
    }
  });
}

test('µ-law clips beyond its largest magnitude to the top code', () => {
  for (let sample = muLaw.clip; sample <= 32767; sample += 7) {
    assert.equal(linearToMuLaw(sample), 0x80);
    assert.equal(linearToMuLaw(-sample), 0x00);
  }
});

test('block forms match the scalar forms and honour the output offset', () => {
  const pcm = Int16Array.from({ length: 1000 }, (_, i) => Math.round(32767 * Math.sin(i * 0.37)));
  for (const [encode, decode, scalarEncode, scalarDecode] of [
    [encodeMuLaw, decodeMuLaw, linearToMuLaw, muLawToLinear],
    [encodeALaw, decodeALaw, linearToALaw, aLawToLinear],
  ] as const) {
    const codes = new Uint8Array(pcm.length + 3);
    encode(pcm, codes, 3);
    assert.deepEqual([...codes.subarray(3)], [...pcm].map(scalarEncode));
    const back = new Int16Array(pcm.length + 5);
    decode(codes.subarray(3), back, 5);
    assert.deepEqual([...back.subarray(5)], [...codes.subarray(3)].map(scalarDecode));
    assert.deepEqual([...back.subarray(0, 5)], [0, 0, 0, 0, 0], 'nothing written before the offset');
  }
});

test('block forms refuse an output buffer too short for the input', () => {
  assert.throws(() => encodeMuLaw(new Int16Array(160), new Uint8Array(160), 1), RangeError);
  assert.throws(() => decodeALaw(new Uint8Array(160), new Int16Array(159)), RangeError);
});
