/**
 * The built-in text-to-speech provider: the espeak-ng program (Debian package
 * `espeak-ng`), run without a shell, the text on its standard input. Results
 * are kept on disk by a hash of what was said (tts-disk-cache.ts), so a text
 * is synthesized once however many calls say it.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { ConcurrencyLimit } from './concurrency-limit.js';
import { ESPEAK_MAX_WPM, ESPEAK_MIN_WPM } from './espeak-voice.js';
import { ttsCacheKey } from './tts-cache-key.js';
import { TtsDiskCache, type TtsWriteOutcome } from './tts-disk-cache.js';
import type { TtsProvider, TtsRequest, TtsResult } from './tts-provider.js';

/** Longest synthesis allowed unless told otherwise; espeak-ng needs well under a second for a Say. */
export const DEFAULT_ESPEAK_TIMEOUT_MS = 15_000;

/** Longest text accepted unless told otherwise (a Say allows 1,400 characters; SSML adds markup). */
export const DEFAULT_MAX_TTS_TEXT_LENGTH = 8_000;

/** How much of espeak-ng's standard error a failure quotes. */
const MAX_STDERR_CHARS = 500;

/** A language voice with an optional variant: `en-gb`, `fr-fr+f3`, `cmn`. */
const ESPEAK_VOICE_PATTERN = /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*(?:\+[a-z0-9]{1,16})?$/i;

/** node's spawn, narrowed to the one form used; tests hand in a wrapper that counts. */
export type EspeakSpawn = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

export interface EspeakTtsOptions {
  /** Folder of cached WAV files (created when missing). */
  readonly cacheDir: string;
  /** The program; default `espeak-ng` from PATH. */
  readonly command?: string;
  /** Kill a synthesis running longer; default {@link DEFAULT_ESPEAK_TIMEOUT_MS}. */
  readonly timeoutMs?: number;
  readonly maxTextLength?: number;
  /** espeak-ng processes at once, the rest queued; default one per CPU. */
  readonly maxConcurrent?: number;
  readonly spawn?: EspeakSpawn;
}

/**
 * espeak-ng's arguments (espeak-ng(1)): `-v` voice, `-s` words per minute,
 * `-b 1` UTF-8 input, `-m` SSML markup, `-w` WAV output, `--stdin` so the text
 * is never parsed as an option whatever it starts with.
 */
function espeakArguments(request: TtsRequest, wavPath: string): string[] {
  const wpm = Math.round(Math.min(ESPEAK_MAX_WPM, Math.max(ESPEAK_MIN_WPM, request.rate)));
  const markup = request.ssml ? ['-m'] : [];
  return ['-v', request.voice, '-s', String(wpm), '-b', '1', ...markup, '-w', wavPath, '--stdin'];
}

function checkRequest(request: TtsRequest, maxTextLength: number): string | null {
  if (!ESPEAK_VOICE_PATTERN.test(request.voice)) return `not an espeak-ng voice: ${request.voice}`;
  if (request.text.length > maxTextLength) return `text longer than ${maxTextLength} characters`;
  if (!Number.isFinite(request.rate)) return `not a speaking rate: ${request.rate}`;
  return null;
}

export class EspeakTtsProvider implements TtsProvider {
  readonly name = 'espeak-ng';
  readonly #cache: TtsDiskCache;
  readonly #command: string;
  readonly #timeoutMs: number;
  readonly #maxTextLength: number;
  readonly #spawn: EspeakSpawn;
  readonly #slots: ConcurrencyLimit;

  constructor(options: EspeakTtsOptions) {
    this.#cache = new TtsDiskCache(options.cacheDir);
    this.#command = options.command ?? 'espeak-ng';
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_ESPEAK_TIMEOUT_MS;
    this.#maxTextLength = options.maxTextLength ?? DEFAULT_MAX_TTS_TEXT_LENGTH;
    this.#spawn = options.spawn ?? spawn;
    this.#slots = new ConcurrencyLimit(options.maxConcurrent ?? availableParallelism());
  }

  /** Syntheses waiting for a free process slot (a gauge for metrics). */
  get queueLength(): number {
    return this.#slots.waiting;
  }

  async synthesize(request: TtsRequest, signal: AbortSignal): Promise<TtsResult> {
    const defect = checkRequest(request, this.#maxTextLength);
    if (defect !== null) return { ok: false, reason: defect };
    const key = ttsCacheKey(this.name, request);
    const cached = await this.#cache.lookup(key);
    if (cached !== null) return { ok: true, wavPath: cached };
    const release = await this.#slots.acquire(signal);
    if (release === null) return { ok: false, reason: 'aborted' };
    try {
      // Another request may have written the file while this one waited for a slot.
      const written = await this.#cache.lookup(key);
      if (written !== null) return { ok: true, wavPath: written };
      if (signal.aborted) return { ok: false, reason: 'aborted' };
      return await this.#cache.write(key, (temporaryPath) => this.#run(request, temporaryPath, signal));
    } finally {
      release();
    }
  }

  /** Runs espeak-ng once; resolves when it has exited and closed its output. */
  #run(request: TtsRequest, wavPath: string, signal: AbortSignal): Promise<TtsWriteOutcome> {
    return new Promise((resolvePromise) => {
      const child = this.#spawn(this.#command, espeakArguments(request, wavPath), {
        stdio: ['pipe', 'ignore', 'pipe'],
        shell: false,
      });
      let stopped: string | null = null;
      let settled = false;
      let stderr = '';
      const stop = (reason: string): void => {
        stopped ??= reason;
        child.kill('SIGKILL');
      };
      const timer = setTimeout(
        () => stop(`espeak-ng timed out after ${this.#timeoutMs} ms`),
        this.#timeoutMs,
      );
      const onAbort = (): void => stop('aborted');
      signal.addEventListener('abort', onAbort, { once: true });
      if (signal.aborted) onAbort(); // aborted while the cache was checked: the listener would never fire
      // 'error' (the program cannot start) may be followed by 'close': the first one settles.
      const finish = (outcome: TtsWriteOutcome): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        resolvePromise(outcome);
      };
      child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
        if (stderr.length < MAX_STDERR_CHARS) stderr += chunk.slice(0, MAX_STDERR_CHARS - stderr.length);
      });
      child.once('error', (error) => finish({ ok: false, reason: `cannot run espeak-ng: ${error.message}` }));
      child.once('close', (code, exitSignal) => {
        if (stopped !== null) finish({ ok: false, reason: stopped });
        else if (code === 0) finish({ ok: true });
        else finish({ ok: false, reason: `espeak-ng exited with ${code ?? exitSignal}: ${stderr.trim()}` });
      });
      // A child killed early closes its stdin: the write then fails with EPIPE, already reported by 'close'.
      child.stdin?.on('error', () => undefined);
      child.stdin?.end(request.text, 'utf8');
    });
  }
}

/** The espeak-ng provider; `options.cacheDir` keeps its WAV files. */
export function createEspeakTtsProvider(options: EspeakTtsOptions): EspeakTtsProvider {
  return new EspeakTtsProvider(options);
}
