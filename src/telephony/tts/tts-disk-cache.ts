/**
 * Synthesized WAV files, one per cache key, in a folder of their own. A file
 * is written under a unique temporary name in the same folder and renamed into
 * place only once complete: rename(2) within one file system is atomic, so
 * concurrent writers and a crash mid-synthesis never leave a half file under a
 * key's name (POSIX rename: https://pubs.opengroup.org/onlinepubs/9699919799/functions/rename.html).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { TtsResult } from './tts-provider.js';

/** The RIFF header and `fmt ` chunk of the smallest WAV file. */
const MIN_WAV_BYTES = 44;

/** What a writer reports after filling the temporary file. */
export type TtsWriteOutcome = { ok: true } | { ok: false; reason: string };

/** Writes the audio to the path it is given. */
export type TtsWriter = (temporaryPath: string) => Promise<TtsWriteOutcome>;

/** True when `path` starts like a WAV file (RIFF....WAVE) of a plausible size. */
async function isCompleteWav(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const header = Buffer.alloc(12);
    const { bytesRead } = await handle.read(header, 0, 12, 0);
    const { size } = await handle.stat();
    return (
      bytesRead === 12 &&
      size >= MIN_WAV_BYTES &&
      header.toString('latin1', 0, 4) === 'RIFF' &&
      header.toString('latin1', 8, 12) === 'WAVE'
    );
  } finally {
    await handle.close();
  }
}

export class TtsDiskCache {
  readonly directory: string;

  constructor(directory: string) {
    this.directory = directory;
  }

  /** Where the audio for `key` lives once written. */
  pathFor(key: string): string {
    if (!/^[0-9a-f]{16,128}$/.test(key)) throw new Error(`TTS cache key must be a hex digest: ${key}`);
    return join(this.directory, `${key}.wav`);
  }

  /** The cached file for `key`, or null when there is none yet. */
  async lookup(key: string): Promise<string | null> {
    const path = this.pathFor(key);
    try {
      const info = await stat(path);
      return info.isFile() && info.size >= MIN_WAV_BYTES ? path : null;
    } catch {
      return null; // absent (ENOENT) or unreadable: synthesize again
    }
  }

  /**
   * Runs `writer` on a fresh temporary path, checks the result is a WAV file,
   * and renames it to the key's path. On any failure the temporary file is
   * removed and nothing appears under the key.
   */
  async write(key: string, writer: TtsWriter): Promise<TtsResult> {
    const path = this.pathFor(key);
    const temporaryPath = join(
      this.directory,
      `.${key}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
    );
    try {
      await mkdir(this.directory, { recursive: true });
      const outcome = await writer(temporaryPath);
      if (!outcome.ok) return outcome;
      if (!(await isCompleteWav(temporaryPath)))
        return { ok: false, reason: 'synthesizer wrote no WAV audio' };
      await rename(temporaryPath, path);
      return { ok: true, wavPath: path };
    } catch (error) {
      return { ok: false, reason: `TTS cache: ${error instanceof Error ? error.message : String(error)}` };
    } finally {
      await rm(temporaryPath, { force: true });
    }
  }
}
