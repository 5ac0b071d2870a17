import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { PromptCache } from '../media/prompt-cache.js';
import { EspeakTtsProvider, type EspeakSpawn, type EspeakTtsOptions } from './espeak-tts-provider.js';
import { createSayPromptLoader, type SayPromptLoader, type SayPromptRequest } from './say-prompt-loader.js';

const never = new AbortController().signal;

const say = (overrides: Partial<SayPromptRequest> = {}): SayPromptRequest => ({
  text: 'Thank you for calling. Please hold.',
  ssml: false,
  language: 'en-gb',
  voiceName: 'TTS_EN-GB_SERENA',
  voiceGender: null,
  speechRate: 1,
  ...overrides,
});

interface Harness {
  readonly loadSay: SayPromptLoader;
  readonly prompts: PromptCache;
  readonly spawns: () => number;
}

async function harness(
  t: TestContext,
  options: { maxBytes?: number; provider?: Partial<EspeakTtsOptions> } = {},
): Promise<Harness> {
  const cacheDir = await mkdtemp(join(tmpdir(), 'voxgate-say-'));
  t.after(() => rm(cacheDir, { recursive: true, force: true }));
  let spawned = 0;
  const counting: EspeakSpawn = (command, args, spawnOptions) => {
    spawned += 1;
    return spawn(command, args, spawnOptions);
  };
  const provider = new EspeakTtsProvider({ cacheDir, spawn: counting, ...options.provider });
  const prompts = new PromptCache({ maxBytes: options.maxBytes ?? 10_000_000 });
  return { loadSay: createSayPromptLoader({ provider, prompts }), prompts, spawns: () => spawned };
}

test('a Say becomes a prompt of audible G.711 frames', async (t) => {
  const { loadSay } = await harness(t);

  const result = await loadSay(say(), never);

  assert.ok(result.ok, result.ok ? '' : result.reason);
  const frames = result.value.frames('PCMU');
  assert.ok(frames.durationMs > 1000 && frames.durationMs < 6000, `${frames.durationMs} ms`);
  const spoken = frames.bytes.filter((byte) => byte !== 0xff && byte !== 0x7f).length;
  assert.ok(spoken > frames.bytes.length / 2, `${spoken} of ${frames.bytes.length} bytes are not silence`);
});

test('calls saying the same text at once share one synthesis and one prompt', async (t) => {
  const { loadSay, spawns } = await harness(t);

  const results = await Promise.all([loadSay(say(), never), loadSay(say(), never), loadSay(say(), never)]);

  assert.ok(results.every((result) => result.ok));
  assert.equal(new Set(results.map((result) => (result.ok ? result.value : null))).size, 1);
  assert.equal(spawns(), 1);
});

test('a Say evicted from the prompt cache is decoded again from disk without re-synthesis', async (t) => {
  const { loadSay, prompts, spawns } = await harness(t, { maxBytes: 0 });

  const first = await loadSay(say(), never);
  const second = await loadSay(say(), never);

  assert.ok(first.ok && second.ok);
  assert.notEqual(second.value, first.value);
  assert.equal(second.value.frameCount, first.value.frameCount);
  assert.equal(prompts.size, 0);
  assert.equal(spawns(), 1);
});

test('speechRate 2.0 makes a shorter prompt than 1.0', async (t) => {
  const { loadSay } = await harness(t);

  const normal = await loadSay(say({ speechRate: 1 }), never);
  const fast = await loadSay(say({ speechRate: 2 }), never);

  assert.ok(normal.ok && fast.ok);
  assert.ok(
    fast.value.durationMs < normal.value.durationMs * 0.75,
    `${fast.value.durationMs} vs ${normal.value.durationMs} ms`,
  );
});

test('a language no voice speaks fails without running espeak-ng', async (t) => {
  const { loadSay, spawns } = await harness(t);

  const result = await loadSay(say({ language: 'fil-ph', voiceName: null }), never);

  assert.deepEqual(result, { ok: false, reason: 'no voice speaks fil-ph' });
  assert.equal(spawns(), 0);
});

test('a synthesis that fails is reported as a text-to-speech failure', async (t) => {
  const { loadSay } = await harness(t, { provider: { command: '/nonexistent/espeak-ng' } });

  const result = await loadSay(say(), never);

  assert.equal(result.ok, false);
  assert.match(result.ok ? '' : result.reason, /^text-to-speech failed: cannot run espeak-ng/);
});
