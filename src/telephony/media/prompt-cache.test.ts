import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { PromptCache } from './prompt-cache.js';
import { createMediaFileSource, createUrlSource, type MediaFetcher } from './prompt-source.js';
import { buildWav, sineWave, toIntegers } from './testdata/test-signals.js';

/** 1,600 samples at 8 kHz: 3,200 bytes of PCM plus 2 x 1,600 of frames. */
const PROMPT_BYTES = 6400;
const toneWav = (frequencyHz = 1000): Buffer =>
  buildWav(8000, '16', [toIntegers(sineWave(frequencyHz, 8000, 0.2), 16)]);
const never = new AbortController().signal;

/** The test's HTTP client for media: node's fetch, as the composition root's client would be wired. */
const fetcher: MediaFetcher = {
  async fetch(url, signal) {
    try {
      const response = await fetch(url, { signal });
      if (!response.ok) return { ok: false, reason: `HTTP ${response.status}` };
      const bytes = Buffer.from(await response.arrayBuffer());
      return { ok: true, bytes, contentType: response.headers.get('content-type') };
    } catch (error) {
      return { ok: false, reason: error instanceof Error ? error.message : String(error) };
    }
  },
};

interface MediaServer {
  readonly url: string;
  /** Requests seen per path. */
  readonly requests: Map<string, number>;
  /** Requests whose client went away before the response was sent. */
  abandoned: number;
  /** Responses wait for this while it is set. */
  gate: Promise<void> | null;
}

async function startMediaServer(t: TestContext): Promise<MediaServer> {
  const state: MediaServer = { url: '', requests: new Map(), abandoned: 0, gate: null };
  const respond = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = request.url ?? '/';
    state.requests.set(path, (state.requests.get(path) ?? 0) + 1);
    response.on('close', () => {
      if (!response.writableFinished) state.abandoned += 1;
    });
    if (state.gate !== null) await state.gate;
    if (path === '/tone.wav') response.writeHead(200, { 'content-type': 'audio/wav' }).end(toneWav());
    else if (path === '/garbage.wav')
      response.writeHead(200, { 'content-type': 'audio/wav' }).end('not audio');
    else response.writeHead(404).end();
  };
  const server = createServer((request, response) => void respond(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // a response held by a gate would keep close() waiting
      }),
  );
  return Object.assign(state, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
}

async function mediaFolder(t: TestContext, files: Record<string, Buffer>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'voxgate-prompts-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  await mkdir(join(root, 'media'));
  for (const [name, bytes] of Object.entries(files)) await writeFile(join(root, 'media', name), bytes);
  return join(root, 'media');
}

test('a media file is decoded once: the second get returns the same PromptAudio', async (t) => {
  const media = await mediaFolder(t, { 'welcome.wav': toneWav() });
  const cache = new PromptCache({ maxBytes: 1_000_000 });

  const first = await cache.get(createMediaFileSource(media, 'welcome.wav'), never);
  await rm(join(media, 'welcome.wav'));
  const second = await cache.get(createMediaFileSource(media, 'welcome.wav'), never);

  assert.ok(first.ok && second.ok);
  assert.equal(second.value, first.value);
  assert.equal(first.value.frameCount, 10);
});

test('two calls asking for one URL at once share a single fetch and decode', async (t) => {
  const server = await startMediaServer(t);
  const cache = new PromptCache({ maxBytes: 1_000_000 });
  const source = createUrlSource(fetcher, `${server.url}/tone.wav`);

  const [a, b] = await Promise.all([cache.get(source, never), cache.get(source, never)]);

  assert.ok(a.ok && b.ok);
  assert.equal(a.value, b.value);
  assert.equal(server.requests.get('/tone.wav'), 1);
});

test('the cache stays within maxBytes by evicting the least recently used prompt', async (t) => {
  const media = await mediaFolder(t, { 'a.wav': toneWav(500), 'b.wav': toneWav(700), 'c.wav': toneWav(900) });
  const cache = new PromptCache({ maxBytes: 2 * PROMPT_BYTES + 100 });
  const source = (name: string) => createMediaFileSource(media, name);

  await cache.get(source('a.wav'), never);
  await cache.get(source('b.wav'), never);
  await cache.get(source('a.wav'), never); // a becomes the most recent
  await cache.get(source('c.wav'), never);

  assert.deepEqual(
    ['a.wav', 'b.wav', 'c.wav'].map((name) => cache.has(source(name).key)),
    [true, false, true],
  );
  assert.equal(cache.byteLength, 2 * PROMPT_BYTES);
});

test('a prompt larger than the whole budget is returned but not cached', async (t) => {
  const media = await mediaFolder(t, { 'long.wav': toneWav() });
  const cache = new PromptCache({ maxBytes: PROMPT_BYTES - 1 });

  const result = await cache.get(createMediaFileSource(media, 'long.wav'), never);

  assert.ok(result.ok);
  assert.deepEqual([cache.size, cache.byteLength], [0, 0]);
});

test('one caller giving up does not fail another waiting for the same load', async (t) => {
  const server = await startMediaServer(t);
  let release = (): void => undefined;
  server.gate = new Promise((resolve) => (release = resolve));
  const cache = new PromptCache({ maxBytes: 1_000_000 });
  const source = createUrlSource(fetcher, `${server.url}/tone.wav`);
  const quitter = new AbortController();

  const abandoned = cache.get(source, quitter.signal);
  const waiting = cache.get(source, never);
  quitter.abort();
  const abandonedResult = await abandoned;
  release();
  const waitingResult = await waiting;

  assert.deepEqual(abandonedResult, { ok: false, reason: 'aborted' });
  assert.ok(waitingResult.ok);
  assert.ok(cache.has(source.key));
});

test(
  'when every caller gives up, the fetch is cancelled and nothing is cached',
  { timeout: 60_000 },
  async (t) => {
    const server = await startMediaServer(t);
    server.gate = new Promise(() => undefined); // the server never answers
    const cache = new PromptCache({ maxBytes: 1_000_000 });
    const source = createUrlSource(fetcher, `${server.url}/tone.wav`);
    const callers = [new AbortController(), new AbortController()];

    const results = callers.map((caller) => cache.get(source, caller.signal));
    while ((server.requests.get('/tone.wav') ?? 0) === 0)
      await new Promise((resolve) => setTimeout(resolve, 5));
    for (const caller of callers) caller.abort();
    await Promise.all(results);
    while (server.abandoned === 0) await new Promise((resolve) => setTimeout(resolve, 5));

    assert.equal(cache.has(source.key), false);
    assert.equal(server.abandoned, 1);
  },
);

test('a failed load is reported and not cached: the next get tries again', async (t) => {
  const server = await startMediaServer(t);
  const cache = new PromptCache({ maxBytes: 1_000_000 });
  const source = createUrlSource(fetcher, `${server.url}/missing.wav`);

  const first = await cache.get(source, never);
  await cache.get(source, never);

  assert.equal(first.ok, false);
  assert.match(first.ok ? '' : first.reason, /HTTP 404/);
  assert.equal(server.requests.get('/missing.wav'), 2);
});

test('bytes that are not a WAV file give a failure naming the source', async (t) => {
  const server = await startMediaServer(t);
  const cache = new PromptCache({ maxBytes: 1_000_000 });

  const result = await cache.get(createUrlSource(fetcher, `${server.url}/garbage.wav`), never);

  assert.equal(result.ok, false);
  assert.match(result.ok ? '' : result.reason, /garbage\.wav: not a WAV file/);
});

test('a URL that is not http(s) is refused without a request', async () => {
  let fetched = 0;
  const counting: MediaFetcher = { fetch: async (url, signal) => (fetched++, fetcher.fetch(url, signal)) };

  const result = await new PromptCache({ maxBytes: 1000 }).get(
    createUrlSource(counting, 'file:///etc/passwd'),
    never,
  );

  assert.deepEqual(result, { ok: false, reason: 'not an http(s) URL: file:///etc/passwd' });
  assert.equal(fetched, 0);
});

test('a media path leaving the media folder is refused, with .. or through a symbolic link', async (t) => {
  const media = await mediaFolder(t, {});
  await writeFile(join(media, '..', 'secret.wav'), toneWav());
  await symlink(join(media, '..', 'secret.wav'), join(media, 'link.wav'));
  const cache = new PromptCache({ maxBytes: 1_000_000 });

  for (const path of ['../secret.wav', join(media, '..', 'secret.wav'), 'link.wav']) {
    const result = await cache.get(createMediaFileSource(media, path), never);

    assert.equal(result.ok, false, path);
    assert.match(result.ok ? '' : result.reason, /outside the media folder/);
  }
});

test('a media file larger than maxBytes is refused before it is read', async (t) => {
  const media = await mediaFolder(t, { 'big.wav': toneWav() });

  const result = await new PromptCache({ maxBytes: 1_000_000 }).get(
    createMediaFileSource(media, 'big.wav', { maxBytes: 1000 }),
    never,
  );

  assert.deepEqual(result, { ok: false, reason: 'prompt file larger than 1000 bytes' });
});

test('delete() forgets a prompt so the next get reads the new file', async (t) => {
  const media = await mediaFolder(t, { 'menu.wav': toneWav() });
  const cache = new PromptCache({ maxBytes: 1_000_000 });
  const source = createMediaFileSource(media, 'menu.wav');
  const before = await cache.get(source, never);
  await writeFile(join(media, 'menu.wav'), buildWav(8000, '16', [new Float64Array(320)]));

  assert.equal(cache.delete(source.key), true);
  const after = await cache.get(source, never);

  assert.ok(before.ok && after.ok);
  assert.deepEqual(
    [before.value.frameCount, after.value.frameCount, cache.byteLength],
    [10, 2, after.value.byteLength],
  );
});
