/**
 * Where a prompt's WAV bytes come from: a file in the media folder of the
 * data directory, an http(s) URL fetched through the injected
 * {@link MediaFetcher}, or a file Voxgate wrote itself (text-to-speech).
 * Each source names a cache key and loads bytes or a failure, never throws.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** Largest prompt source read unless told otherwise: ~5 min of 44.1 kHz stereo 16-bit. */
export const DEFAULT_MAX_PROMPT_SOURCE_BYTES = 64 * 1024 * 1024;

export type PromptBytesResult = { ok: true; bytes: Uint8Array } | { ok: false; reason: string };

/** A prompt to load: its cache key and how to read its bytes. */
export interface PromptSource {
  /** Unique per content: two sources with one key must give the same audio. */
  readonly key: string;
  load(signal: AbortSignal): Promise<PromptBytesResult>;
}

export type MediaFetchResult =
  { ok: true; bytes: Buffer; contentType: string | null } | { ok: false; reason: string };

/** Outbound HTTP for media URLs; the composition root wires the shared HTTP client to it. */
export interface MediaFetcher {
  fetch(url: string, signal: AbortSignal): Promise<MediaFetchResult>;
}

export interface PromptSourceOptions {
  /** Larger sources are refused; default {@link DEFAULT_MAX_PROMPT_SOURCE_BYTES}. */
  readonly maxBytes?: number;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isInside(root: string, target: string): boolean {
  const path = relative(root, target);
  return path !== '' && path !== '..' && !path.startsWith(`..${sep}`) && !isAbsolute(path);
}

async function readBoundedFile(
  path: string,
  maxBytes: number,
  signal: AbortSignal,
): Promise<PromptBytesResult> {
  const info = await stat(path);
  if (!info.isFile()) return { ok: false, reason: `not a file: ${path}` };
  if (info.size > maxBytes) return { ok: false, reason: `prompt file larger than ${maxBytes} bytes` };
  return { ok: true, bytes: await readFile(path, { signal }) };
}

/**
 * A file under `mediaDir`, named by a path relative to it. A path that leaves
 * the folder, directly or through a symbolic link, is refused: media names
 * come from tenants' scripts.
 */
export function createMediaFileSource(
  mediaDir: string,
  mediaPath: string,
  options: PromptSourceOptions = {},
): PromptSource {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_PROMPT_SOURCE_BYTES;
  const target = resolve(mediaDir, mediaPath);
  return {
    key: `file:${target}`,
    async load(signal) {
      if (mediaPath.includes('\0') || !isInside(resolve(mediaDir), target)) {
        return { ok: false, reason: `media path outside the media folder: ${mediaPath}` };
      }
      try {
        const [root, real] = await Promise.all([realpath(mediaDir), realpath(target)]);
        if (!isInside(root, real))
          return { ok: false, reason: `media path outside the media folder: ${mediaPath}` };
        return await readBoundedFile(real, maxBytes, signal);
      } catch (error) {
        return { ok: false, reason: `cannot read media ${mediaPath}: ${describe(error)}` };
      }
    },
  };
}

/** A file Voxgate wrote itself (a synthesized prompt), under the key its writer chose. */
export function createFileSource(key: string, path: string, options: PromptSourceOptions = {}): PromptSource {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_PROMPT_SOURCE_BYTES;
  return {
    key,
    async load(signal) {
      try {
        return await readBoundedFile(path, maxBytes, signal);
      } catch (error) {
        return { ok: false, reason: `cannot read prompt ${path}: ${describe(error)}` };
      }
    },
  };
}

/** An http(s) URL, fetched through `fetcher`; other schemes are refused before any request. */
export function createUrlSource(
  fetcher: MediaFetcher,
  url: string,
  options: PromptSourceOptions = {},
): PromptSource {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_PROMPT_SOURCE_BYTES;
  return {
    key: `url:${url}`,
    async load(signal) {
      const parsed = URL.canParse(url) ? new URL(url) : null;
      if (parsed === null || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
        return { ok: false, reason: `not an http(s) URL: ${url}` };
      }
      try {
        const fetched = await fetcher.fetch(url, signal);
        if (!fetched.ok) return { ok: false, reason: `cannot fetch ${url}: ${fetched.reason}` };
        if (fetched.bytes.byteLength > maxBytes)
          return { ok: false, reason: `prompt at ${url} larger than ${maxBytes} bytes` };
        return { ok: true, bytes: fetched.bytes };
      } catch (error) {
        return { ok: false, reason: `cannot fetch ${url}: ${describe(error)}` };
      }
    },
  };
}
