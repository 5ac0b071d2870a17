/**
 * Measures a recording: how long, how loud per 20 ms frame, how much of it is not silence. Enough
 * to tell "the caller heard the prompt" from "the caller heard nothing" without listening, and to
 * tell a long branch from a short one.
 */
import { readFile } from 'node:fs/promises';
import { parsePcm16Wav, type Pcm16Audio } from './wav-pcm16.js';

export interface WavAnalysisOptions {
  /** Frame length for the RMS series; default 20 ms, one RTP packet of audio. */
  readonly frameMs?: number;
  /** Frames quieter than this (dB relative to full scale) count as silent; default -45 dBFS. */
  readonly silenceThresholdDbfs?: number;
}

export interface WavAnalysis {
  readonly sampleRateHz: number;
  readonly durationMs: number;
  /** RMS of each whole frame as a fraction of full scale (1 = a square wave at 32767). */
  readonly frameRms: readonly number[];
  /** Frames above the silence threshold over all frames; 0 for an empty recording. */
  readonly nonSilentFraction: number;
}

const FULL_SCALE = 32768;

/** Analyses decoded audio. */
export function analyzeAudio(audio: Pcm16Audio, options: WavAnalysisOptions = {}): WavAnalysis {
  const frameSamples = Math.max(1, Math.round(((options.frameMs ?? 20) * audio.sampleRateHz) / 1000));
  const threshold = 10 ** ((options.silenceThresholdDbfs ?? -45) / 20);
  const frameRms: number[] = [];
  for (let start = 0; start + frameSamples <= audio.samples.length; start += frameSamples) {
    let sumOfSquares = 0;
    for (let n = start; n < start + frameSamples; n += 1) {
      const sample = (audio.samples[n] ?? 0) / FULL_SCALE;
      sumOfSquares += sample * sample;
    }
    frameRms.push(Math.sqrt(sumOfSquares / frameSamples));
  }
  const loud = frameRms.filter((rms) => rms > threshold).length;
  return {
    sampleRateHz: audio.sampleRateHz,
    durationMs: (audio.samples.length * 1000) / audio.sampleRateHz,
    frameRms,
    nonSilentFraction: frameRms.length === 0 ? 0 : loud / frameRms.length,
  };
}

/**
 * Reads and analyses a 16-bit PCM WAV file.
 * @throws Error naming the defect when the file is not one: the test then fails on it.
 */
export async function analyzeWavFile(path: string, options: WavAnalysisOptions = {}): Promise<WavAnalysis> {
  const parsed = parsePcm16Wav(await readFile(path));
  if (!parsed.ok) throw new Error(`${path}: ${parsed.reason}`);
  return analyzeAudio(parsed.value, options);
}
