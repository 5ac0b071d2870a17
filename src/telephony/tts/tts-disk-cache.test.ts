import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { buildWav } from '../media/testdata/test-signals.js';
import { ttsCacheKey } from './tts-cache-key.js';
import { TtsDiskCache } from './tts-disk-cache.js';

const KEY = ttsCacheKey('espeak-ng', { text: 'Hello', voice: 'en', rate: 175, ssml: false });
const WAV = buildWav(8000, '16', [new Float64Array(80)]);

async function cacheIn(t: TestContext): Promise<TtsDiskCache> {
  const root = await mkdtemp(join(tmpdir(), 'voxgate-tts-cache-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  return new TtsDiskCache(join(root, 'tts')); // a folder that does not exist yet
}

test('a written file appears under its key only once complete, and lookup finds it', async (t) => {
  const cache = await cacheIn(t);
  let seenDuringWrite: string[] = [];

  assert.equal(await cache.lookup(KEY), null);
  const result = await cache.write(KEY, async (temporaryPath) => {
    await writeFile(temporaryPath, WAV);
    seenDuringWrite = await readdir(cache.directory);
    return { ok: true };
  });

  assert.deepEqual(result, { ok: true, wavPath: cache.pathFor(KEY) });
  assert.deepEqual(await readFile(cache.pathFor(KEY)), WAV);
  assert.equal(await cache.lookup(KEY), cache.pathFor(KEY));
  assert.equal(seenDuringWrite.length, 1);
  assert.ok(!seenDuringWrite.includes(`${KEY}.wav`), 'the final name appears only after the rename');
});

test('a writer that fails leaves no file, temporary or final', async (t) => {
  const cache = await cacheIn(t);

  const result = await cache.write(KEY, async (temporaryPath) => {
    await writeFile(temporaryPath, WAV.subarray(0, 20));
    return { ok: false, reason: 'killed' };
  });

  assert.deepEqual(result, { ok: false, reason: 'killed' });
  assert.deepEqual(await readdir(cache.directory), []);
});

test('a writer that reports success but wrote no WAV audio is a failure, and nothing is kept', async (t) => {
  const cache = await cacheIn(t);

  const result = await cache.write(KEY, async (temporaryPath) => {
    await writeFile(
      temporaryPath,
      'RIFF but then nothing useful at all, definitely not forty-four bytes of WAVE',
    );
    return { ok: true };
  });

  assert.deepEqual(result, { ok: false, reason: 'synthesizer wrote no WAV audio' });
  assert.deepEqual(await readdir(cache.directory), []);
});

test('a writer that throws yields a failure and leaves nothing behind', async (t) => {
  const cache = await cacheIn(t);

  const result = await cache.write(KEY, async (temporaryPath) => {
    await writeFile(temporaryPath, WAV);
    throw new Error('disk full');
  });

  assert.deepEqual(result, { ok: false, reason: 'TTS cache: disk full' });
  assert.deepEqual(await readdir(cache.directory), []);
});

test('concurrent writers of one key each use their own temporary file and both succeed', async (t) => {
  const cache = await cacheIn(t);
  const temporaryPaths: string[] = [];
  const writer = async (temporaryPath: string) => {
    temporaryPaths.push(temporaryPath);
    await writeFile(temporaryPath, WAV);
    return { ok: true } as const;
  };

  const results = await Promise.all([cache.write(KEY, writer), cache.write(KEY, writer)]);

  assert.deepEqual(results, [
    { ok: true, wavPath: cache.pathFor(KEY) },
    { ok: true, wavPath: cache.pathFor(KEY) },
  ]);
  assert.notEqual(temporaryPaths[0], temporaryPaths[1]);
  assert.deepEqual(await readdir(cache.directory), [`${KEY}.wav`]);
});

test('the key hashes voice, rate, markup and text: changing any one changes the key', () => {
  const base = { text: 'Hello', voice: 'en', rate: 175, ssml: false };
  const keys = [
    base,
    { ...base, text: 'Hello!' },
    { ...base, voice: 'en+f3' },
    { ...base, rate: 176 },
    { ...base, ssml: true },
  ].map((request) => ttsCacheKey('espeak-ng', request));

  assert.equal(new Set(keys).size, 5);
  assert.notEqual(ttsCacheKey('another-engine', base), keys[0]);
  assert.equal(ttsCacheKey('espeak-ng', { ...base }), keys[0]);
});

test('a key that is not a hex digest is refused rather than used as a path', async (t) => {
  const cache = await cacheIn(t);

  assert.throws(() => cache.pathFor('../../etc/passwd'), /hex digest/);
});
