/**
 * The prompts the benchmark's scenarios play, made with sox at the start of a run into the data
 * directory's media folder (`media:<name>` in a script). Their lengths are the point: the IVR's
 * two branches end with prompts of clearly different lengths, so the time from the caller's digit
 * to Voxgate's BYE tells which branch ran (see `ivr-call.xml`); the hold prompt outlasts a
 * concurrency step's longest call, so Voxgate streams audio for the whole call.
 */
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Digit 1's final prompt. `ivr-call.xml` waits for the BYE from SHORT_PROMPT_MS - 200 to + 1000. */
export const SHORT_PROMPT_MS = 1500;
/** Digit 2's final prompt, 2 s longer than digit 1's so the two BYE windows never meet. */
export const LONG_PROMPT_MS = 3500;

/**
 * File names in the media folder, which are also the `media:<id>` ids: an id takes letters, digits,
 * `-` and `_` only, so the WAV files have no extension (Voxgate reads the RIFF header, not the name).
 */
export const PROMPT_FILES = {
  short: 'bench-short',
  long: 'bench-long',
  hold: 'bench-hold',
} as const;

/** A tone of `ms` milliseconds as an 8 kHz 16-bit WAV: the rate Voxgate sends, so no resampling hides in the figures. */
async function writeTone(file: string, ms: number, frequencyHz: string): Promise<void> {
  const args = ['-n', '-r', '8000', '-c', '1', '-b', '16', '-e', 'signed-integer', '-t', 'wav', file];
  await run('sox', [...args, 'synth', String(ms / 1000), 'sine', frequencyHz, 'gain', '-12']);
}

/**
 * Writes the three prompts into `<dataDir>/media/`.
 * @param holdMs length of the hold prompt: longer than any concurrency call.
 */
export async function writePromptWavs(dataDir: string, holdMs: number): Promise<void> {
  const mediaDir = path.join(dataDir, 'media');
  await mkdir(mediaDir, { recursive: true });
  await writeTone(path.join(mediaDir, PROMPT_FILES.short), SHORT_PROMPT_MS, '440');
  await writeTone(path.join(mediaDir, PROMPT_FILES.long), LONG_PROMPT_MS, '660');
  // A slow sweep: a constant tone would let a broken stream that repeats one frame pass unnoticed by ear.
  await writeTone(path.join(mediaDir, PROMPT_FILES.hold), holdMs, '300-3000');
}
