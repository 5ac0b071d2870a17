/**
 * Everything a SIP load run needs before its first call: the tools, a temp work folder, the
 * prompts and the callers' audio, the real server (`voxgate serve`, SQLite in a temp data dir, SIP
 * on a free loopback port, a wide RTP range, log level warn, pinned to CPU 0), its pid for the CPU
 * readings, and a tenant with the two scenarios. All of it is undone by the run's {@link Cleanup}.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { findFreePort, PORT_PROTOCOL } from '../../test/helpers/free-port.js';
import type { Cleanup } from '../harness/cleanup.js';
import { createBenchDatabase } from '../harness/database.js';
import { startVoxgate, type RunningVoxgate } from '../harness/server.js';
import { holdScript, ivrScript } from './bench-scripts.js';
import { speechAsMuLaw, synthesizeCallerSpeech, writeCallerAudioPcaps } from './caller-audio.js';
import { findChildPid } from './cpu-usage.js';
import { writePromptWavs } from './prompt-wavs.js';
import { VoxgateApi } from './voxgate-api.js';

/** Wide enough for 1,000 calls and then some (each takes an RTP/RTCP pair), below the ephemeral ports. */
export const RTP_PORT_RANGE = { min: 10_000, max: 30_000 } as const;
/** Per credential and minute; the benchmark's own API calls must never meet the limiter. */
const RATE_LIMIT_PER_MINUTE = 1_000_000;
/** Calls left live by an interrupted run are hung up this fast when the server stops; a finished run leaves none. */
const DRAIN_SECONDS = 2;
/** The hold prompt outlasts the longest call by this much. */
const HOLD_PROMPT_MARGIN_MS = 10_000;

/** The programs a run starts, with their Debian packages. */
const TOOLS: readonly (readonly [binary: string, debianPackage: string])[] = [
  ['sipp', 'sip-tester'],
  ['sox', 'sox'],
  ['espeak-ng', 'espeak-ng'],
  ['taskset', 'util-linux'],
];

export interface BenchSetup {
  readonly server: RunningVoxgate;
  readonly serverPid: number | null;
  readonly api: VoxgateApi;
  readonly sipPort: number;
  /** Holds the caller audio pcaps and µ-law file; SIPp's run folders go inside. */
  readonly workDir: string;
  readonly audioFile: string;
  readonly ivrScenarioId: string;
  readonly holdScenarioId: string;
}

/** The tools missing from PATH, as "binary (Debian package pkg)". */
export function missingTools(): string[] {
  return TOOLS.filter(([binary]) => spawnSync('sh', ['-c', 'command -v "$0"', binary]).status !== 0).map(
    ([binary, debianPackage]) => `${binary} (Debian package ${debianPackage})`,
  );
}

async function writeCallerAudio(workDir: string): Promise<string> {
  const speech = await synthesizeCallerSpeech(workDir);
  await writeCallerAudioPcaps(workDir, speech);
  const audioFile = path.join(workDir, 'caller-speech.ulaw');
  await writeFile(audioFile, speechAsMuLaw(speech));
  return audioFile;
}

/** @param longestCallMs the longest concurrency call, which the hold prompt must outlast. */
export async function prepareRun(longestCallMs: number, cleanup: Cleanup): Promise<BenchSetup> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'voxgate-sip-load-'));
  cleanup.defer(`remove ${workDir}`, () => rm(workDir, { recursive: true, force: true }));
  const setup = await createBenchDatabase('sqlite', cleanup);
  if (!setup.ok) throw new Error(`no database: ${setup.skipped}`);
  await writePromptWavs(setup.database.dataDir, longestCallMs + HOLD_PROMPT_MARGIN_MS);
  const audioFile = await writeCallerAudio(workDir);
  const sipPort = await findFreePort({ protocols: [PORT_PROTOCOL.udp, PORT_PROTOCOL.tcp] });
  const server = await startVoxgate(
    {
      database: setup.database,
      env: {
        VOXGATE_SIP_HOST: '127.0.0.1',
        VOXGATE_SIP_PORT: String(sipPort),
        VOXGATE_RTP_PORTS: `${RTP_PORT_RANGE.min}-${RTP_PORT_RANGE.max}`,
        VOXGATE_RATE_LIMIT: String(RATE_LIMIT_PER_MINUTE),
        VOXGATE_DRAIN_SECONDS: String(DRAIN_SECONDS),
      },
    },
    cleanup,
  );
  const serverPid = findChildPid(['bin/voxgate.js', 'serve']);
  const api = await VoxgateApi.createTenant(server.url, server.adminKey, 'sip-load');
  const ivrScenarioId = await api.createScenario('sip-load IVR', ivrScript());
  const holdScenarioId = await api.createScenario('sip-load hold', holdScript());
  return { server, serverPid, api, sipPort, workDir, audioFile, ivrScenarioId, holdScenarioId };
}
