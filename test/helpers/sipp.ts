/**
 * Runs SIPp (Debian package `sip-tester`) as a real SIP peer: a UAC calling Voxgate with one of
 * `test/sip/scenarios/*.xml`, or a UAS in the background (SIPp's built-in `uas`, or a stand-in of
 * `test/sip/scenarios/stand-ins/`). Every port comes from the OS; every trace lands in a fresh
 * folder under the caller's work dir, which the caller removes with `t.after`.
 *
 * The outcome is read from SIPp's exit code (`sipp -h`: 0 all calls succeeded, 1 at least one
 * failed, 97 internal exit command, 99 no call processed, 255/254 fatal) and its statistics file;
 * a hard kill timer backs up SIPp's own `-timeout`, so a stuck peer can never hang the suite.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findFreePort, isPortBound, PORT_PROTOCOL } from './free-port.js';
import { buildSippArgs, type SippFiles, type SippOptions, type SippPorts } from './sipp-args.js';
import { readSippOutputs, SIPP_EXIT, type SippResult } from './sipp-result.js';
import { superviseProcess, type SupervisedProcess } from './supervised-process.js';

export type { SippOptions, SippRate, SippScenario, SippTransport } from './sipp-args.js';
export { SIPP_TRANSPORT } from './sipp-args.js';
export type { SippResult } from './sipp-result.js';
export { describeSippResult, SIPP_EXIT } from './sipp-result.js';

/** A SIPp process started by {@link startSipp}. */
export interface SippProcess {
  /** The SIP port SIPp listens on (UDP, and TCP with the `tcp` transport). */
  readonly sipPort: number;
  /** SIPp's RTP port (`-mp`, also P + 2): `[media_port]` in its SDP, the `-rtp_echo` socket. */
  readonly mediaPort: number;
  readonly runDir: string;
  /** Settles when SIPp exits, by itself or stopped; never rejects. */
  readonly done: Promise<SippResult>;
  /** Asks SIPp to finish (SIGUSR1: no new calls, running ones end), kills it after a grace period. */
  readonly stop: () => Promise<SippResult>;
}

const SIPP_BINARY = 'sipp';
const DEFAULT_TIMEOUT_MS = 30_000;
/** Time SIPp gets past its own `-timeout`, or after SIGUSR1, before SIGKILL. */
const KILL_GRACE_MS = 3_000;
const READY_POLL_MS = 20;
const MAX_BIND_ATTEMPTS = 3;

async function allocatePorts(options: SippOptions): Promise<SippPorts> {
  const tcp = options.transport === 'tcp';
  const sipPort =
    options.localPort ??
    (await findFreePort({ protocols: tcp ? [PORT_PROTOCOL.udp, PORT_PROTOCOL.tcp] : [PORT_PROTOCOL.udp] }));
  // SIPp opens its audio socket on -mp and a video one on -mp + 2.
  const mediaPort = options.mediaPort ?? (await findFreePort({ alsoFreeOffsets: [2] }));
  const controlPort = await findFreePort();
  return { sipPort, mediaPort, controlPort };
}

async function writeInjectionFile(runDir: string, rows: readonly (readonly string[])[]): Promise<string> {
  for (const value of rows.flat()) {
    if (/[;\r\n]/.test(value))
      throw new Error(`SIPp injection value ${JSON.stringify(value)} holds ; or a newline`);
  }
  const path = join(runDir, 'injection.csv');
  // SEQUENTIAL: call n takes row n (modulo the row count), so a test knows which call dialled what.
  await writeFile(path, ['SEQUENTIAL', ...rows.map((row) => `${row.join(';')};`)].join('\n') + '\n');
  return path;
}

function filesIn(runDir: string, injection: string | null): SippFiles {
  return {
    statistics: join(runDir, 'statistics.csv'),
    errors: join(runDir, 'errors.log'),
    messages: join(runDir, 'messages.log'),
    logs: join(runDir, 'logs.log'),
    screen: join(runDir, 'screen.log'),
    injection,
  };
}

/** Resolves once SIPp holds its SIP port, or once it has exited (a fast UAC may finish first). */
async function waitUntilListening(
  sipp: SupervisedProcess,
  port: number,
  transport: SippOptions['transport'],
) {
  const protocol = transport === 'tcp' ? PORT_PROTOCOL.tcp : PORT_PROTOCOL.udp;
  while (!sipp.hasExited() && !(await isPortBound(protocol, port))) {
    await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
  }
}

/** One SIPp process on freshly chosen ports. */
async function launchSipp(
  options: SippOptions,
): Promise<SippProcess & { readonly process: SupervisedProcess }> {
  const ports = await allocatePorts(options);
  const runDir = await mkdtemp(join(options.workDir, 'sipp-'));
  const injection =
    options.injection === undefined ? null : await writeInjectionFile(runDir, options.injection);
  const files = filesIn(runDir, injection);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const sipp = superviseProcess(SIPP_BINARY, buildSippArgs(options, ports, files, timeoutMs), {
    cwd: runDir,
    hardKillMs: timeoutMs + KILL_GRACE_MS,
  });
  const done = sipp.done.then((exit) => readSippOutputs(files, exit, runDir));
  const stop = async () => {
    // SIGUSR1 is SIPp's soft exit: no new calls, running ones finish, statistics are written.
    if (!sipp.hasExited()) sipp.child.kill('SIGUSR1');
    const grace = setTimeout(sipp.kill, KILL_GRACE_MS);
    const result = await done;
    clearTimeout(grace);
    return result;
  };
  await waitUntilListening(sipp, ports.sipPort, options.transport);
  return { sipPort: ports.sipPort, mediaPort: ports.mediaPort, runDir, done, stop, process: sipp };
}

/**
 * Starts SIPp and resolves once it listens on its SIP port, so a UAS is ready before the test
 * sends it anything. Use {@link runSipp} for a UAC whose result is all the caller wants.
 *
 * A port found free can be taken by another test before SIPp binds it: SIPp then exits at once
 * with 254 ("Unable to bind"), and we start it again on other ports.
 */
export async function startSipp(options: SippOptions): Promise<SippProcess> {
  const portsChosenByCaller = options.localPort !== undefined || options.mediaPort !== undefined;
  for (let attempt = 1; ; attempt += 1) {
    const sipp = await launchSipp(options);
    const lostBindRace = sipp.process.hasExited() && (await sipp.done).exitCode === SIPP_EXIT.fatalBindError;
    if (!lostBindRace || portsChosenByCaller || attempt === MAX_BIND_ATTEMPTS) {
      options.signal?.addEventListener('abort', () => void sipp.stop(), { once: true });
      return {
        sipPort: sipp.sipPort,
        mediaPort: sipp.mediaPort,
        runDir: sipp.runDir,
        done: sipp.done,
        stop: sipp.stop,
      };
    }
  }
}

/** Runs SIPp to the end (its `-m` calls done, its timeout, or our kill) and returns what happened. */
export async function runSipp(options: SippOptions): Promise<SippResult> {
  const sipp = await startSipp(options);
  return sipp.done;
}
