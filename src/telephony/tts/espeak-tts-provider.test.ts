import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { decodeWav } from '../media/wav-decoder.js';
import { rms } from '../media/testdata/test-signals.js';
import { EspeakTtsProvider, type EspeakSpawn, type EspeakTtsOptions } from './espeak-tts-provider.js';
import { SEED_VOICES } from './espeak-voice.js';
import type { TtsRequest } from './tts-provider.js';

const never = new AbortController().signal;
const LONG_TEXT = 'This sentence is long enough to keep espeak busy for a while. '.repeat(20);

const SENTENCES: Record<string, string> = {
  de: 'Willkommen bei Voxgate. Bitte wählen Sie eine Option.',
  en: 'Welcome to Voxgate. Please choose an option.',
  fr: 'Bienvenue chez Voxgate. Veuillez choisir une option.',
  it: 'Benvenuti a Voxgate. Scegliete una opzione.',
  nl: 'Welkom bij Voxgate. Kies een optie.',
};

interface Harness {
  readonly provider: EspeakTtsProvider;
  readonly cacheDir: string;
  /** Programs started so far, with their arguments. */
  readonly spawned: (readonly string[])[];
}

/** A provider over a fresh cache folder; its spawner runs the real program and records each start. */
async function harness(t: TestContext, options: Partial<EspeakTtsOptions> = {}): Promise<Harness> {
  const cacheDir = await mkdtemp(join(tmpdir(), 'voxgate-tts-'));
  t.after(() => rm(cacheDir, { recursive: true, force: true }));
  const spawned: (readonly string[])[] = [];
  const recording: EspeakSpawn = (command, args, spawnOptions) => {
    spawned.push(args);
    return spawn(command, args, spawnOptions);
  };
  const provider = new EspeakTtsProvider({ cacheDir, spawn: recording, ...options });
  return { provider, cacheDir, spawned };
}

/** Decodes a synthesized file: its length in ms and its level (full scale 1). */
async function measure(wavPath: string): Promise<{ durationMs: number; level: number }> {
  const decoded = await decodeWav(await readFile(wavPath));
  assert.ok(decoded.ok, decoded.ok ? '' : decoded.reason);
  const { samples } = decoded.value;
  return { durationMs: samples.length / 8, level: rms(samples) / 32768 };
}

const request = (overrides: Partial<TtsRequest>): TtsRequest => ({
  text: SENTENCES['en'] ?? '',
  voice: 'en',
  rate: 175,
  ssml: false,
  ...overrides,
});

test('every seed voice speaks a sentence of its language: audible, between 1.5 and 8 seconds', async (t) => {
  const { provider } = await harness(t);

  for (const voice of SEED_VOICES) {
    const text = SENTENCES[voice.language.slice(0, 2)];
    assert.ok(text !== undefined, voice.language);

    const result = await provider.synthesize(request({ text, voice: voice.espeakVoice }), never);

    assert.ok(result.ok, `${voice.id}: ${result.ok ? '' : result.reason}`);
    const { durationMs, level } = await measure(result.wavPath);
    assert.ok(durationMs > 1500 && durationMs < 8000, `${voice.id}: ${durationMs} ms`);
    assert.ok(level > 0.02, `${voice.id}: level ${level}`);
  }
});

test('a rate of 350 words per minute (speechRate 2.0) is shorter than 175 (1.0)', async (t) => {
  const { provider } = await harness(t);

  const normal = await provider.synthesize(request({ rate: 175 }), never);
  const fast = await provider.synthesize(request({ rate: 350 }), never);

  assert.ok(normal.ok && fast.ok);
  const [normalMs, fastMs] = [
    (await measure(normal.wavPath)).durationMs,
    (await measure(fast.wavPath)).durationMs,
  ];
  assert.ok(fastMs < normalMs * 0.75, `${fastMs} ms at 2.0, ${normalMs} ms at 1.0`);
});

test('a second request for the same text is served from disk without running espeak-ng', async (t) => {
  const { provider, spawned } = await harness(t);
  const first = await provider.synthesize(request({}), never);
  assert.ok(first.ok);
  const { mtimeMs } = await stat(first.wavPath);

  const second = await provider.synthesize(request({}), never);

  assert.deepEqual(second, first);
  assert.equal(spawned.length, 1);
  assert.equal((await stat(first.wavPath)).mtimeMs, mtimeMs);
});

test('the same text in another voice, rate or markup is a separate synthesis', async (t) => {
  const { provider, spawned } = await harness(t);

  const paths = new Set<string>();
  for (const overrides of [{}, { voice: 'en+f3' }, { rate: 200 }, { ssml: true }]) {
    const result = await provider.synthesize(request(overrides), never);
    assert.ok(result.ok);
    paths.add(result.wavPath);
  }

  assert.equal(paths.size, 4);
  assert.equal(spawned.length, 4);
});

test('SSML is interpreted, not read aloud: a 2 s break lengthens the speech by about 2 s', async (t) => {
  const { provider } = await harness(t);

  const plain = await provider.synthesize(
    request({ text: '<speak>Hello there.</speak>', ssml: true }),
    never,
  );
  const paused = await provider.synthesize(
    request({ text: '<speak>Hello <break time="2s"/> there.</speak>', ssml: true }),
    never,
  );

  assert.ok(plain.ok && paused.ok);
  const extraMs = (await measure(paused.wavPath)).durationMs - (await measure(plain.wavPath)).durationMs;
  assert.ok(extraMs > 1500 && extraMs < 2600, `${extraMs} ms longer`);
});

test('text starting with a dash is spoken, not taken for an option', async (t) => {
  const { provider } = await harness(t);

  const result = await provider.synthesize(request({ text: '--help -v xx minus five degrees' }), never);

  assert.ok(result.ok, result.ok ? '' : result.reason);
  assert.ok((await measure(result.wavPath)).durationMs > 1500);
});

test('a synthesis past its timeout is killed: a failure, and no file left in the cache', async (t) => {
  const { provider, cacheDir } = await harness(t, { timeoutMs: 1 });

  const result = await provider.synthesize(request({ text: LONG_TEXT }), never);

  assert.deepEqual(result, { ok: false, reason: 'espeak-ng timed out after 1 ms' });
  assert.deepEqual(await readdir(cacheDir), []);
});

test('aborting the signal kills espeak-ng: a failure, and no file left in the cache', async (t) => {
  const controller = new AbortController();
  const cacheDir = await mkdtemp(join(tmpdir(), 'voxgate-tts-'));
  t.after(() => rm(cacheDir, { recursive: true, force: true }));
  const abortOnStart: EspeakSpawn = (command, args, options) => {
    const child = spawn(command, args, options);
    setImmediate(() => controller.abort());
    return child;
  };
  const provider = new EspeakTtsProvider({ cacheDir, spawn: abortOnStart });

  const result = await provider.synthesize(request({ text: LONG_TEXT }), controller.signal);

  assert.deepEqual(result, { ok: false, reason: 'aborted' });
  assert.deepEqual(await readdir(cacheDir), []);
});

test('a voice espeak-ng does not have is a failure quoting espeak-ng', async (t) => {
  const { provider, cacheDir } = await harness(t);

  const result = await provider.synthesize(request({ voice: 'zz-qq' }), never);

  assert.equal(result.ok, false);
  assert.match(result.ok ? '' : result.reason, /exited with 1: .*voice does not exist/);
  assert.deepEqual(await readdir(cacheDir), []);
});

test('a missing program is a failure, not a crash', async (t) => {
  const { provider } = await harness(t, { command: '/nonexistent/espeak-ng' });

  const result = await provider.synthesize(request({}), never);

  assert.equal(result.ok, false);
  assert.match(result.ok ? '' : result.reason, /cannot run espeak-ng: .*ENOENT/);
});

test('a voice that could be read as an option, or an over-long text, is refused before spawning', async (t) => {
  const { provider, spawned } = await harness(t, { maxTextLength: 100 });

  const badVoice = await provider.synthesize(request({ voice: '--stdout' }), never);
  const longText = await provider.synthesize(request({ text: 'x'.repeat(101) }), never);

  assert.deepEqual(badVoice, { ok: false, reason: 'not an espeak-ng voice: --stdout' });
  assert.deepEqual(longText, { ok: false, reason: 'text longer than 100 characters' });
  assert.equal(spawned.length, 0);
});

test(
  'no more espeak-ng processes run at once than maxConcurrent; the rest wait their turn',
  { timeout: 60_000 },
  async (t) => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'voxgate-tts-'));
    t.after(() => rm(cacheDir, { recursive: true, force: true }));
    let running = 0;
    let mostAtOnce = 0;
    const tracking: EspeakSpawn = (command, args, options) => {
      const child = spawn(command, args, options);
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      child.once('exit', () => (running -= 1));
      return child;
    };
    const provider = new EspeakTtsProvider({ cacheDir, spawn: tracking, maxConcurrent: 2 });

    const texts = ['One.', 'Two.', 'Three.', 'Four.', 'Five.'];
    const results = await Promise.all(texts.map((text) => provider.synthesize(request({ text }), never)));

    assert.ok(results.every((result) => result.ok));
    assert.ok(mostAtOnce <= 2, `${mostAtOnce} at once`);
  },
);

test('a request aborted while waiting for a slot never starts espeak-ng', { timeout: 60_000 }, async (t) => {
  const cacheDir = await mkdtemp(join(tmpdir(), 'voxgate-tts-'));
  t.after(() => rm(cacheDir, { recursive: true, force: true }));
  const children: ChildProcess[] = [];
  // Holds the only slot for a second before espeak-ng starts: a shell that sleeps, then becomes it.
  // (Stopping the child with SIGSTOP raced its start on a loaded machine.)
  const pausing: EspeakSpawn = (command, args, options) => {
    const child = spawn('sh', ['-c', 'sleep 1; exec "$0" "$@"', command, ...args], options);
    children.push(child);
    return child;
  };
  const provider = new EspeakTtsProvider({ cacheDir, spawn: pausing, maxConcurrent: 1 });
  const controller = new AbortController();

  // One after the other: started together, either may look its cache up first and take the slot.
  const first = provider.synthesize(request({ text: 'First in line.' }), never);
  while (children.length === 0) await delay(1);
  const second = provider.synthesize(request({ text: 'Second in line.' }), controller.signal);
  while (provider.queueLength === 0) await delay(1);
  controller.abort();
  const secondResult = await second;

  assert.deepEqual(secondResult, { ok: false, reason: 'aborted' });
  assert.ok((await first).ok);
  assert.equal(children.length, 1);
});
