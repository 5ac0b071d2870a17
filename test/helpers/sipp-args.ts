/**
 * The SIPp command line for a run (`sipp -h` lists every option). Everything binds to loopback;
 * ports, trace files and the injection file are decided by the caller (see `sipp.ts`).
 */

/** SIPp's `-t` values: one UDP socket, or one TCP connection, for all calls. */
export const SIPP_TRANSPORT = { udp: 'u1', tcp: 't1' } as const;
export type SippTransport = keyof typeof SIPP_TRANSPORT;

/** A scenario file (`-sf`), or one embedded in SIPp (`-sn uas`, `-sn uac`). */
export type SippScenario = { readonly file: string } | { readonly builtIn: 'uas' | 'uac' };

/** Call pacing, for load runs; a functional test usually places one call. */
export interface SippRate {
  /** `-r`: calls started per period. */
  readonly callsPerPeriod: number;
  /** `-rp`: the period, default 1000 ms. */
  readonly periodMs?: number;
  /** `-rate_increase` every `-rate_interval` seconds up to `-rate_max`, for rate stepping. */
  readonly step?: { readonly increase: number; readonly intervalS: number; readonly max: number };
}

export interface SippOptions {
  readonly scenario: SippScenario;
  /** Folder the run's own sub-folder (traces, statistics, injection file) is created in. */
  readonly workDir: string;
  /** The peer to call (UAC); omit for a UAS, which waits for calls. */
  readonly target?: { readonly host: string; readonly port: number };
  /** Default `udp` (`-t u1`); `tcp` is `-t t1`. */
  readonly transport?: SippTransport;
  /** `-p`; default a free port. Always set: without it SIPp's Via says 5060 whatever it bound. */
  readonly localPort?: number;
  /** `-mp`; default a free port P with P + 2 free too. */
  readonly mediaPort?: number;
  /** `-rtp_echo`: send back every RTP packet received on the media port. */
  readonly rtpEcho?: boolean;
  /** `-m`: calls to process before exiting; default 1. `null` for a UAS that runs until stopped. */
  readonly calls?: number | null;
  readonly rate?: SippRate;
  /** `-l`: most calls open at once. */
  readonly concurrentCallLimit?: number;
  /** `-inf`: one row per call, `[field0]`, `[field1]`, ... in the scenario. */
  readonly injection?: readonly (readonly string[])[];
  /** `-key name value`: `[name]` in the scenario's messages. */
  readonly keys?: Readonly<Record<string, string>>;
  /** `-set name value`: a global variable the scenario declares with `<Global variables=.../>`. */
  readonly globals?: Readonly<Record<string, string>>;
  /** `-d`: the length of every `<pause/>` without its own duration. */
  readonly pauseMs?: number;
  /** `-recv_timeout`: bound on every `<recv>` without its own `timeout`. */
  readonly receiveTimeoutMs?: number;
  /** Whole-run bound: `-timeout` (and `-timeout_error`), then SIGKILL a little later. Default 30 s. */
  readonly timeoutMs?: number;
  /** `-trace_msg`: log every SIP message (default true; a load run turns it off). */
  readonly traceMessages?: boolean;
  /** `-fd`: seconds between statistics rows; default SIPp's 60, so one row at start and one at exit. */
  readonly statisticsPeriodS?: number;
  /** Anything else, appended as is. */
  readonly extraArgs?: readonly string[];
  /** Stops the run as `stop()` does. */
  readonly signal?: AbortSignal;
}

export interface SippPorts {
  readonly sipPort: number;
  readonly mediaPort: number;
  /** SIPp's UDP control socket (`-cp`): by default 8888, which parallel runs would fight over. */
  readonly controlPort: number;
}

export interface SippFiles {
  readonly statistics: string;
  readonly errors: string;
  readonly messages: string;
  readonly logs: string;
  readonly screen: string;
  readonly injection: string | null;
}

const LOOPBACK = '127.0.0.1';

function pairs(flag: string, values: Readonly<Record<string, string>> | undefined): string[] {
  return Object.entries(values ?? {}).flatMap(([name, value]) => [flag, name, value]);
}

function rateArgs(rate: SippRate | undefined): string[] {
  if (rate === undefined) return [];
  const args = ['-r', String(rate.callsPerPeriod), '-rp', `${rate.periodMs ?? 1000}ms`];
  if (rate.step !== undefined) {
    args.push('-rate_increase', String(rate.step.increase), '-rate_interval', `${rate.step.intervalS}s`);
    args.push('-rate_max', String(rate.step.max));
  }
  return args;
}

function traceArgs(options: SippOptions, files: SippFiles): string[] {
  const args = ['-trace_err', '-error_file', files.errors, '-trace_logs', '-log_file', files.logs];
  args.push('-trace_stat', '-stf', files.statistics, '-trace_screen', '-screen_file', files.screen);
  if (options.traceMessages ?? true) args.push('-trace_msg', '-message_file', files.messages);
  if (options.statisticsPeriodS !== undefined) args.push('-fd', `${options.statisticsPeriodS}s`);
  return args;
}

function optional(flag: string, value: number | undefined, unit = ''): string[] {
  return value === undefined ? [] : [flag, `${value}${unit}`];
}

/** The argument list, target first as `sipp remote_host[:remote_port] [options]` expects. */
export function buildSippArgs(
  options: SippOptions,
  ports: SippPorts,
  files: SippFiles,
  timeoutMs: number,
): string[] {
  const args = options.target === undefined ? [] : [`${options.target.host}:${options.target.port}`];
  const scenario = options.scenario;
  args.push(...('file' in scenario ? ['-sf', scenario.file] : ['-sn', scenario.builtIn]));
  args.push('-t', SIPP_TRANSPORT[options.transport ?? 'udp']);
  args.push('-i', LOOPBACK, '-p', String(ports.sipPort), '-mi', LOOPBACK, '-mp', String(ports.mediaPort));
  args.push('-ci', LOOPBACK, '-cp', String(ports.controlPort), '-nostdin');
  if (options.rtpEcho === true) args.push('-rtp_echo');
  const calls = options.calls === undefined ? 1 : options.calls;
  if (calls !== null) args.push('-m', String(calls));
  args.push(...rateArgs(options.rate), ...optional('-l', options.concurrentCallLimit));
  if (files.injection !== null) args.push('-inf', files.injection);
  args.push(...pairs('-key', options.keys), ...pairs('-set', options.globals));
  args.push(
    ...optional('-d', options.pauseMs, 'ms'),
    ...optional('-recv_timeout', options.receiveTimeoutMs, 'ms'),
  );
  args.push('-timeout', `${Math.ceil(timeoutMs / 1000)}s`, '-timeout_error');
  args.push(...traceArgs(options, files), ...(options.extraArgs ?? []));
  return args;
}
