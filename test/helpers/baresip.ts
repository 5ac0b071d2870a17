/**
 * baresip as the softphone of the end-to-end tests: a real SIP UA with its own SDP, RTP jitter
 * buffer and RFC 4733 sender. One process per phone, configured in a temp dir (`baresip -f`), driven
 * over `ctrl_tcp` (dial, send DTMF, hang up, quit), recording what it hears with `sndfile`.
 *
 * baresip 1.0.0 sends DTMF only as RFC 4733 events; it has no in-band DTMF generator (use a SIPp
 * pcap for that).
 */
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import {
  buildBaresipAccounts,
  buildBaresipConfig,
  BARESIP_ANSWER_MODE,
  type BaresipAnswerMode,
} from './baresip-config.js';
import { connectBaresipControl, type BaresipControl } from './baresip-control.js';
import { findFreePort } from './free-port.js';
import { superviseProcess } from './supervised-process.js';
import { serializePcm16Wav, synthesizeSine } from './wav-pcm16.js';

export interface BaresipOptions {
  /** Folder the phone's own sub-folder (config, source WAV, recordings) is created in. */
  readonly workDir: string;
  /** User part of the phone's address; default `softphone`. */
  readonly user?: string;
  /** `auto` (default) answers incoming calls at once, for tests where Voxgate calls out. */
  readonly answerMode?: BaresipAnswerMode;
  /** The caller's voice (8 kHz mono 16-bit WAV); default a 440 Hz tone at -12 dBFS. */
  readonly sourceWav?: string;
  /** Length of the default tone. baresip hangs up when its source ends; default 30 s. */
  readonly sourceDurationMs?: number;
  /** Hard limit on the process's life: baresip's `-t`, then SIGKILL. Default 60 s. */
  readonly timeoutMs?: number;
  /** `-s`: SIP messages in the log. */
  readonly sipTrace?: boolean;
}

export interface BaresipRecordings {
  /** What the phone heard, decoded: `dump-<time>-dec.wav`, one per call. */
  readonly received: readonly string[];
  /** What the phone sent: `dump-<time>-enc.wav`. */
  readonly sent: readonly string[];
}

export interface BaresipExit {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly killedByHarness: boolean;
  /** stdout, then stderr (baresip writes almost everything to stdout). */
  readonly log: string;
  readonly recordings: BaresipRecordings;
}

export interface BaresipPhone {
  /** Where Voxgate reaches this phone: `sip:<user>@127.0.0.1:<port>`. */
  readonly sipUri: string;
  readonly control: BaresipControl;
  /** Settles when the process exits, by itself or stopped; never rejects. */
  readonly done: Promise<BaresipExit>;
  /** Asks baresip to quit (hanging up), kills it after a grace period. */
  readonly stop: () => Promise<BaresipExit>;
}

const BARESIP_BINARY = 'baresip';
const SAMPLE_RATE_HZ = 8000;
/** -12 dBFS: loud enough to measure, far from clipping. */
const DEFAULT_TONE_PEAK = Math.round(32767 * 10 ** (-12 / 20));
const DEFAULT_TONE_HZ = 440;
const DEFAULT_TIMEOUT_MS = 60_000;
const KILL_GRACE_MS = 3_000;
const CONTROL_CONNECT_MS = 5_000;
const MAX_BIND_ATTEMPTS = 3;
/** baresip's exit code when its SIP or control socket cannot bind (errno EADDRINUSE). */
const EXIT_ADDRESS_IN_USE = 98;

async function listRecordings(dir: string): Promise<BaresipRecordings> {
  // The test may have removed its temp dir already: t.after hooks run in the order registered.
  const all = await readdir(dir).catch(() => []);
  const names = all.filter((name) => name.startsWith('dump-')).sort();
  return {
    received: names.filter((name) => name.endsWith('-dec.wav')).map((name) => join(dir, name)),
    sent: names.filter((name) => name.endsWith('-enc.wav')).map((name) => join(dir, name)),
  };
}

async function writePhoneFiles(dir: string, options: BaresipOptions, sipPort: number, controlPort: number) {
  let sourceWav = options.sourceWav;
  if (sourceWav === undefined) {
    sourceWav = join(dir, 'source.wav');
    const tone = synthesizeSine(
      options.sourceDurationMs ?? 30_000,
      DEFAULT_TONE_HZ,
      DEFAULT_TONE_PEAK,
      SAMPLE_RATE_HZ,
    );
    await writeFile(sourceWav, serializePcm16Wav(tone, SAMPLE_RATE_HZ));
  }
  const user = options.user ?? 'softphone';
  await writeFile(
    join(dir, 'config'),
    buildBaresipConfig({ sipPort, controlPort, sourceWav, recordingDir: dir }),
  );
  await writeFile(
    join(dir, 'accounts'),
    buildBaresipAccounts(user, options.answerMode ?? BARESIP_ANSWER_MODE.auto),
  );
  return `sip:${user}@127.0.0.1:${sipPort}`;
}

/** One baresip process on freshly chosen ports; null if it exited before opening its control port. */
async function launchBaresip(options: BaresipOptions): Promise<BaresipPhone | null> {
  const dir = await mkdtemp(join(options.workDir, 'baresip-'));
  const [sipPort, controlPort] = [await findFreePort(), await findFreePort({ protocols: ['tcp'] })];
  const sipUri = await writePhoneFiles(dir, options, sipPort, controlPort);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const args = [
    '-f',
    dir,
    '-t',
    String(Math.ceil(timeoutMs / 1000)),
    ...(options.sipTrace === true ? ['-s'] : []),
  ];
  const baresip = superviseProcess(BARESIP_BINARY, args, { cwd: dir, hardKillMs: timeoutMs + KILL_GRACE_MS });
  const done = baresip.done.then(async (exit): Promise<BaresipExit> => {
    const { exitCode, signal, killedByHarness, stdout, stderr } = exit;
    return { exitCode, signal, killedByHarness, log: stdout + stderr, recordings: await listRecordings(dir) };
  });
  let control: BaresipControl;
  try {
    control = await connectBaresipControl(controlPort, CONTROL_CONNECT_MS, baresip.hasExited);
  } catch (error) {
    baresip.kill();
    const exit = await done;
    if (exit.exitCode === EXIT_ADDRESS_IN_USE) return null;
    throw new Error(`baresip did not start:\n${exit.log}`, { cause: error });
  }
  const stop = async () => {
    if (!baresip.hasExited()) await control.command('quit').catch(() => undefined);
    const grace = setTimeout(baresip.kill, KILL_GRACE_MS);
    const exit = await done;
    clearTimeout(grace);
    control.close();
    return exit;
  };
  return { sipUri, control, done, stop };
}

/**
 * Starts a phone and resolves once its control connection is open. A port found free can be
 * taken by another test before baresip binds it; baresip then exits with EADDRINUSE and we start
 * it again on other ports.
 */
export async function startBaresip(options: BaresipOptions): Promise<BaresipPhone> {
  for (let attempt = 1; attempt < MAX_BIND_ATTEMPTS; attempt += 1) {
    const phone = await launchBaresip(options);
    if (phone !== null) return phone;
  }
  const phone = await launchBaresip(options);
  if (phone === null) throw new Error(`baresip lost ${MAX_BIND_ATTEMPTS} port races in a row`);
  return phone;
}

export interface BaresipCallOptions extends BaresipOptions {
  /** The SIP URI to dial: `sip:<number>@127.0.0.1:<Voxgate's port>`. */
  readonly target: string;
  /** Keys to send as RFC 4733 events once the call is answered. */
  readonly digits?: string;
  /** Wait after the answer before the first digit; default 1000 ms. */
  readonly digitDelayMs?: number;
  /** Gap between digits; default 300 ms. */
  readonly digitIntervalMs?: number;
  /** Hang up this long after the answer; omit to wait for the far end's BYE. */
  readonly hangupAfterMs?: number;
  /** Bound on the answer and on the call's end; default 20 s each. */
  readonly callTimeoutMs?: number;
}

export interface BaresipCallResult extends BaresipExit {
  /** The far end answered (CALL_ESTABLISHED). */
  readonly established: boolean;
  /** CALL_CLOSED's reason, or null if the call never closed before we quit. */
  readonly closedReason: string | null;
  readonly events: readonly {
    readonly type: string;
    readonly param: string;
    readonly receivedAtMs: number;
  }[];
}

/** Resolves after the time, or at once when the signal fires: no timer outlives the call. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return delay(ms, undefined, { signal }).catch(() => undefined);
}

async function playCall(
  phone: BaresipPhone,
  options: BaresipCallOptions,
  signal: AbortSignal,
): Promise<void> {
  const timeoutMs = options.callTimeoutMs ?? 20_000;
  // Settles on CALL_CLOSED, or when the control connection closes (then waitForEvent rejects).
  const closed = phone.control.waitForEvent('CALL_CLOSED', 3 * timeoutMs).then(
    () => true,
    () => true,
  );
  const dial = await phone.control.command('dial', options.target);
  if (!dial.ok) return;
  const answered = await Promise.race([
    phone.control.waitForEvent('CALL_ESTABLISHED', timeoutMs).then(
      () => true,
      () => false,
    ),
    closed.then(() => false),
  ]);
  if (!answered) return;
  if (options.digits !== undefined) {
    await Promise.race([sleep(options.digitDelayMs ?? 1000, signal), closed]);
    for (const key of options.digits) {
      await phone.control.command('sndcode', key);
      await sleep(options.digitIntervalMs ?? 300, signal);
    }
  }
  if (options.hangupAfterMs !== undefined) {
    const ended = await Promise.race([sleep(options.hangupAfterMs, signal).then(() => false), closed]);
    if (!ended) await phone.control.command('hangup');
  }
  await Promise.race([closed, sleep(timeoutMs, signal)]);
}

/**
 * Starts a phone, dials, sends the digits, hangs up (or waits for the BYE), quits, and returns
 * the recordings and the log. A call that is never answered still returns (established false).
 */
export async function runBaresipCall(options: BaresipCallOptions): Promise<BaresipCallResult> {
  const phone = await startBaresip({
    sourceDurationMs: 2 * (options.callTimeoutMs ?? 20_000),
    ...options,
  });
  const timers = new AbortController();
  try {
    await playCall(phone, options, timers.signal);
  } finally {
    timers.abort();
    await phone.stop();
  }
  const exit = await phone.done;
  const events = phone.control.events;
  return {
    ...exit,
    established: events.some((event) => event.type === 'CALL_ESTABLISHED'),
    closedReason: events.find((event) => event.type === 'CALL_CLOSED')?.param ?? null,
    events,
  };
}
