/**
 * Decoded prompts, shared by every call that plays them: a least-recently-used
 * cache bounded by bytes, which also shares loads in flight, so a thousand
 * calls that start the same prompt at once fetch and decode it once.
 */
import { PromptAudio } from './prompt-audio.js';
import type { PromptSource } from './prompt-source.js';
import { decodeWav } from './wav-decoder.js';

export type PromptResult = { ok: true; value: PromptAudio } | { ok: false; reason: string };

export interface PromptCacheOptions {
  /** Budget for all cached prompts, counted as {@link PromptAudio.byteLength}. */
  readonly maxBytes: number;
  /** Longest prompt decoded (see wav-decoder.ts). */
  readonly maxDurationMs?: number;
}

/** One load in flight: its waiters share it, and the last to give up cancels it. */
interface SharedLoad {
  readonly controller: AbortController;
  readonly result: Promise<PromptResult>;
  waiters: number;
}

const ABORTED: PromptResult = { ok: false, reason: 'aborted' };

export class PromptCache {
  readonly #maxBytes: number;
  readonly #maxDurationMs: number | undefined;
  /** Map order is recency: the first entry is the least recently used. */
  readonly #entries = new Map<string, PromptAudio>();
  readonly #loads = new Map<string, SharedLoad>();
  #bytes = 0;

  constructor(options: PromptCacheOptions) {
    if (!(options.maxBytes >= 0)) throw new Error('maxBytes must be a non-negative number');
    this.#maxBytes = options.maxBytes;
    this.#maxDurationMs = options.maxDurationMs;
  }

  /** Bytes held by cached prompts. */
  get byteLength(): number {
    return this.#bytes;
  }

  /** Number of cached prompts. */
  get size(): number {
    return this.#entries.size;
  }

  has(key: string): boolean {
    return this.#entries.has(key);
  }

  /** Forgets a prompt (its media was replaced or deleted); calls playing it keep their frames. */
  delete(key: string): boolean {
    const audio = this.#entries.get(key);
    if (audio === undefined) return false;
    this.#entries.delete(key);
    this.#bytes -= audio.byteLength;
    return true;
  }

  /**
   * The prompt for `source`: from the cache, from a load already in flight, or
   * loaded and decoded now. `signal` abandons this caller's wait only; the load
   * goes on while another caller still waits for it.
   */
  async get(source: PromptSource, signal: AbortSignal): Promise<PromptResult> {
    if (signal.aborted) return ABORTED;
    const cached = this.#entries.get(source.key);
    if (cached !== undefined) {
      this.#entries.delete(source.key);
      this.#entries.set(source.key, cached);
      return { ok: true, value: cached };
    }
    const load = this.#loads.get(source.key) ?? this.#start(source);
    return this.#wait(source.key, load, signal);
  }

  #start(source: PromptSource): SharedLoad {
    const controller = new AbortController();
    const load: SharedLoad = { controller, result: this.#load(source, controller.signal), waiters: 0 };
    this.#loads.set(source.key, load);
    void load.result.finally(() => {
      if (this.#loads.get(source.key) === load) this.#loads.delete(source.key);
    });
    return load;
  }

  async #load(source: PromptSource, signal: AbortSignal): Promise<PromptResult> {
    try {
      const loaded = await source.load(signal);
      if (!loaded.ok) return loaded;
      const decodeOptions =
        this.#maxDurationMs === undefined ? { signal } : { signal, maxDurationMs: this.#maxDurationMs };
      const decoded = await decodeWav(loaded.bytes, decodeOptions);
      if (!decoded.ok) return { ok: false, reason: `${source.key}: ${decoded.reason}` };
      const audio = new PromptAudio(decoded.value.samples);
      if (!signal.aborted) this.#insert(source.key, audio);
      return { ok: true, value: audio };
    } catch (error) {
      // A source that throws breaks its contract; report it as this prompt's failure, with the cause.
      return {
        ok: false,
        reason: `${source.key}: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }

  #wait(key: string, load: SharedLoad, signal: AbortSignal): Promise<PromptResult> {
    load.waiters += 1;
    return new Promise((resolvePromise) => {
      const onAbort = (): void => {
        load.waiters -= 1;
        if (load.waiters === 0) {
          load.controller.abort();
          if (this.#loads.get(key) === load) this.#loads.delete(key);
        }
        resolvePromise(ABORTED);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      void load.result.then((result) => {
        if (signal.aborted) return;
        signal.removeEventListener('abort', onAbort);
        load.waiters -= 1;
        resolvePromise(result);
      });
    });
  }

  /** Adds a prompt as the most recent, then evicts the least recent until within budget. */
  #insert(key: string, audio: PromptAudio): void {
    if (audio.byteLength > this.#maxBytes) return;
    this.delete(key);
    this.#entries.set(key, audio);
    this.#bytes += audio.byteLength;
    for (const [oldKey, oldAudio] of this.#entries) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#entries.delete(oldKey);
      this.#bytes -= oldAudio.byteLength;
    }
  }
}
