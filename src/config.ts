/**
 * Every setting of Voxgate, read from `VOXGATE_*` environment variables once
 * at start, validated, and frozen. The README's configuration table is the
 * user-facing copy of {@link SETTINGS}; a test keeps the two in step.
 */
import { hostname } from 'node:os';
import path from 'node:path';
import { parseCidr, type Cidr } from './core/outbound/address-policy.js';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export type DatabaseLocation =
  | { readonly dialect: 'sqlite'; readonly file: string }
  | { readonly dialect: 'postgres'; readonly url: string };

export interface Config {
  readonly httpHost: string;
  readonly httpPort: number;
  readonly sipHost: string;
  readonly sipPort: number;
  /** The address put in Contact, Via and SDP: the SIP host unless NAT needs another. */
  readonly sipPublicHost: string;
  readonly rtpPorts: { readonly min: number; readonly max: number };
  readonly dataDir: string;
  readonly database: DatabaseLocation;
  readonly adminKey: string | undefined;
  readonly publicUrl: string;
  readonly logLevel: LogLevel;
  readonly rateLimitPerMinute: number;
  readonly bodyLimitBytes: number;
  readonly sessionTtlSeconds: number;
  readonly sessionRefreshSeconds: number;
  readonly shutdownTimeoutSeconds: number;
  readonly drainSeconds: number;
  /** The scheduling the media thread asks the kernel for; null asks for none. */
  readonly mediaThreadPriority: MediaThreadPriority | null;
  /** This node's name on the call records it writes (several nodes share one database). */
  readonly nodeId: string;
  readonly scenario: ScenarioSettings;
  /** What outbound requests (Call API, media URLs) may reach besides public addresses. */
  readonly outbound: OutboundSettings;
  /** How long a webhook receiver has to answer a delivery before the try fails. */
  readonly webhookTimeoutSeconds: number;
}

export interface OutboundSettings {
  /** Reachable although special-purpose (private, loopback, ...): the operator's own services. */
  readonly allow: readonly Cidr[];
  /** Refused although public. */
  readonly deny: readonly Cidr[];
}

/** SCHED_FIFO at a real-time priority, or a nice value (telephony/media/thread-priority.ts). */
export type MediaThreadPriority =
  { readonly kind: 'fifo'; readonly priority: number } | { readonly kind: 'nice'; readonly nice: number };

/** The scenario engine's limits (SCENARIO-LANGUAGE.md section 8). */
export interface ScenarioSettings {
  readonly maxScriptBytes: number;
  readonly maxActions: number;
  readonly maxDepth: number;
  readonly maxSteps: number;
  readonly maxLoopIterations: number;
  readonly maxGotoJumps: number;
  readonly maxCallDurationS: number;
  readonly httpTimeoutS: number;
  readonly maxHttpRequests: number;
  readonly maxSms: number;
  readonly addons: readonly ('amd' | 'recording' | 'speech')[];
}

/** A setting's rule was broken; the message names the variable and the rule. */
export class ConfigError extends Error {
  readonly variable: string;
  constructor(variable: string, rule: string) {
    super(`${variable}: ${rule}`);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

export interface SettingDoc {
  readonly variable: string;
  readonly default: string;
  readonly meaning: string;
}

/** The documented settings, in the README's order. */
export const SETTINGS: readonly SettingDoc[] = [
  { variable: 'VOXGATE_HTTP_HOST', default: '127.0.0.1', meaning: 'address the HTTP API listens on' },
  { variable: 'VOXGATE_HTTP_PORT', default: '8080', meaning: 'port of the HTTP API (0 picks a free one)' },
  { variable: 'VOXGATE_SIP_HOST', default: '127.0.0.1', meaning: 'address SIP listens on (UDP and TCP)' },
  { variable: 'VOXGATE_SIP_PORT', default: '5060', meaning: 'SIP port' },
  {
    variable: 'VOXGATE_SIP_PUBLIC_HOST',
    default: 'VOXGATE_SIP_HOST',
    meaning: 'address written in Contact, Via and SDP (set it behind NAT)',
  },
  { variable: 'VOXGATE_RTP_PORTS', default: '10000-20000', meaning: 'UDP port range for RTP, `MIN-MAX`' },
  {
    variable: 'VOXGATE_DATA_DIR',
    default: './data',
    meaning: 'directory for the SQLite file, media, recordings',
  },
  {
    variable: 'VOXGATE_DATABASE_URL',
    default: 'SQLite file `voxgate.db` in the data directory',
    meaning: '`sqlite:PATH` or `postgres://user:pass@host:port/db`',
  },
  {
    variable: 'VOXGATE_ADMIN_KEY',
    default: 'generated on first start, printed once',
    meaning: 'operator key for `/admin` (at least 32 characters)',
  },
  {
    variable: 'VOXGATE_PUBLIC_URL',
    default: '`http://HOST:PORT`',
    meaning: 'base URL clients use to reach the API (links, `Location`)',
  },
  {
    variable: 'VOXGATE_LOG_LEVEL',
    default: 'info',
    meaning: 'fatal, error, warn, info, debug, trace or silent',
  },
  { variable: 'VOXGATE_RATE_LIMIT', default: '1200', meaning: 'requests per minute per credential' },
  {
    variable: 'VOXGATE_BODY_LIMIT_BYTES',
    default: '1048576',
    meaning: 'largest request body accepted (413 above)',
  },
  { variable: 'VOXGATE_SESSION_TTL_SECONDS', default: '3600', meaning: 'how long a session token is valid' },
  {
    variable: 'VOXGATE_SESSION_REFRESH_SECONDS',
    default: '86400',
    meaning: 'how long a session can be refreshed after it opened',
  },
  {
    variable: 'VOXGATE_SHUTDOWN_TIMEOUT_SECONDS',
    default: '30',
    meaning: 'on SIGTERM, how long in-flight requests may take before exit',
  },
  {
    variable: 'VOXGATE_NODE_ID',
    default: 'the host name',
    meaning: "this node's name on its call records; set it when nodes share a host",
  },
  {
    variable: 'VOXGATE_DRAIN_SECONDS',
    default: '60',
    meaning: 'on SIGTERM, how long calls may go on before Voxgate hangs them up',
  },
  {
    variable: 'VOXGATE_MEDIA_THREAD_PRIORITY',
    default: 'fifo:10',
    meaning: 'scheduling of the RTP thread: `fifo:1-99`, `nice:-20..19` or `off`; needs CAP_SYS_NICE',
  },
  {
    variable: 'VOXGATE_SCENARIO_MAX_SCRIPT_BYTES',
    default: '262144',
    meaning: 'largest scenario (script + onHangup) in bytes',
  },
  {
    variable: 'VOXGATE_SCENARIO_MAX_ACTIONS',
    default: '1000',
    meaning: 'most actions in a scenario, all levels',
  },
  {
    variable: 'VOXGATE_SCENARIO_MAX_DEPTH',
    default: '16',
    meaning: 'deepest nesting of blocks in a scenario',
  },
  {
    variable: 'VOXGATE_SCENARIO_MAX_STEPS',
    default: '10000',
    meaning: 'steps a call may run before it is released',
  },
  { variable: 'VOXGATE_SCENARIO_MAX_LOOP_ITERATIONS', default: '100', meaning: 'passes of one loop entry' },
  { variable: 'VOXGATE_SCENARIO_MAX_GOTO_JUMPS', default: '1000', meaning: 'Go To jumps per call' },
  { variable: 'VOXGATE_SCENARIO_MAX_CALL_DURATION_S', default: '14400', meaning: 'longest call in seconds' },
  {
    variable: 'VOXGATE_SCENARIO_HTTP_TIMEOUT_S',
    default: '5',
    meaning: 'default Call API timeout in seconds',
  },
  { variable: 'VOXGATE_SCENARIO_MAX_HTTP_REQUESTS', default: '100', meaning: 'Call API requests per call' },
  { variable: 'VOXGATE_SCENARIO_MAX_SMS', default: '10', meaning: 'Send SMS per call' },
  {
    variable: 'VOXGATE_OUTBOUND_ALLOW_CIDRS',
    default: '(none)',
    meaning: 'private or loopback CIDRs outbound requests may reach (comma list): docs/outbound-requests.md',
  },
  {
    variable: 'VOXGATE_SCENARIO_HTTP_DENY_CIDRS',
    default: '(none)',
    meaning: 'CIDRs outbound requests may never reach, public ones too (comma list)',
  },
  {
    variable: 'VOXGATE_WEBHOOK_TIMEOUT_SECONDS',
    default: '10',
    meaning: 'how long a webhook receiver has to answer (1 to 60); slower is a failed try',
  },
  {
    variable: 'VOXGATE_SCENARIO_ADDONS',
    default: 'amd,recording,speech',
    meaning: 'add-ons enabled for every account (comma list; empty for none)',
  },
];

const KNOWN = new Set(SETTINGS.map((s) => s.variable));
/** Variables the test harness reads; never settings of the server. */
const TEST_PREFIX = 'VOXGATE_TEST_';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

type Env = Readonly<Record<string, string | undefined>>;

function text(env: Env, name: string, fallback: string): string {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  return value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw))
    throw new ConfigError(name, `must be a whole number from ${min} to ${max}, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max}, got ${raw}`);
  }
  return value;
}

/** `fifo:N`, `nice:N` or `off`: the media thread's scheduling (docs/telephony.md, "The media thread"). */
function mediaThreadPriority(env: Env): MediaThreadPriority | null {
  const name = 'VOXGATE_MEDIA_THREAD_PRIORITY';
  const raw = env[name];
  if (raw === undefined || raw === '') return { kind: 'fifo', priority: 10 };
  if (raw === 'off') return null;
  const match = /^(fifo|nice):(-?\d{1,2})$/.exec(raw);
  const value = Number(match?.[2]);
  if (match?.[1] === 'fifo' && value >= 1 && value <= 99) return { kind: 'fifo', priority: value };
  if (match?.[1] === 'nice' && value >= -20 && value <= 19) return { kind: 'nice', nice: value };
  throw new ConfigError(name, `must be fifo:1-99, nice:-20..19 or off, got "${raw}"`);
}

function host(env: Env, name: string, fallback: string): string {
  const value = text(env, name, fallback);
  if (!/^[A-Za-z0-9.:-]+$/.test(value))
    throw new ConfigError(name, `must be a host name or IP address, got "${value}"`);
  return value;
}

function nodeId(env: Env): string {
  const value = text(env, 'VOXGATE_NODE_ID', hostname());
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(value))
    throw new ConfigError(
      'VOXGATE_NODE_ID',
      `must be 1 to 64 letters, digits, dots, dashes or underscores, got "${value}"`,
    );
  return value;
}

function rtpPorts(env: Env): { min: number; max: number } {
  const name = 'VOXGATE_RTP_PORTS';
  const raw = text(env, name, '10000-20000');
  const match = /^(\d{1,5})-(\d{1,5})$/.exec(raw);
  const min = Number(match?.[1]);
  const max = Number(match?.[2]);
  if (!match || min < 1024 || max > 65535 || min >= max) {
    throw new ConfigError(name, `must be MIN-MAX with 1024 <= MIN < MAX <= 65535, got "${raw}"`);
  }
  // RTP takes even ports and RTCP the next odd one (RFC 3550 section 11), so a range needs two ports.
  const firstEven = min % 2 === 0 ? min : min + 1;
  if (firstEven + 1 > max) throw new ConfigError(name, 'must hold at least one RTP/RTCP port pair');
  return { min, max };
}

function database(env: Env, dataDir: string): DatabaseLocation {
  const name = 'VOXGATE_DATABASE_URL';
  const raw = env[name];
  if (raw === undefined || raw === '') return { dialect: 'sqlite', file: path.join(dataDir, 'voxgate.db') };
  if (raw.startsWith('sqlite:')) {
    const file = raw.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (file === '') throw new ConfigError(name, 'sqlite: must be followed by a file path or :memory:');
    return { dialect: 'sqlite', file };
  }
  if (/^postgres(?:ql)?:\/\//.test(raw)) {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new ConfigError(name, 'is not a valid postgres:// URL');
    }
    if (url.hostname === '' || url.pathname.length < 2) {
      throw new ConfigError(name, 'a postgres:// URL must name a host and a database');
    }
    return { dialect: 'postgres', url: raw };
  }
  throw new ConfigError(
    name,
    'must start with sqlite: or postgres:// (or be unset for the embedded SQLite file)',
  );
}

function publicUrl(env: Env, httpHost: string, httpPort: number): string {
  const name = 'VOXGATE_PUBLIC_URL';
  const raw = env[name];
  if (raw === undefined || raw === '') {
    const shown = httpHost === '0.0.0.0' || httpHost === '::' ? '127.0.0.1' : httpHost;
    return `http://${shown.includes(':') ? `[${shown}]` : shown}:${httpPort}`;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `must be an absolute http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(name, `must be an absolute http(s) URL, got "${raw}"`);
  }
  return raw.replace(/\/+$/, '');
}

const ADDONS = ['amd', 'recording', 'speech'] as const;

function addons(env: Env): ScenarioSettings['addons'] {
  const name = 'VOXGATE_SCENARIO_ADDONS';
  const raw = env[name];
  if (raw === undefined) return [...ADDONS];
  const listed = raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  const unknown = listed.find((item) => !(ADDONS as readonly string[]).includes(item));
  if (unknown !== undefined)
    throw new ConfigError(name, `"${unknown}" is not an add-on; use amd, recording, speech`);
  return listed as ScenarioSettings['addons'];
}

function cidrList(env: Env, name: string): readonly Cidr[] {
  const raw = env[name] ?? '';
  const items = raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return Object.freeze(
    items.map((item) => {
      const cidr = parseCidr(item);
      if (cidr === null)
        throw new ConfigError(
          name,
          `"${item}" is not an IP address or CIDR (such as 10.1.0.0/16 or ::1/128)`,
        );
      return Object.freeze(cidr);
    }),
  );
}

/** Section 8's limits: a setting may lower a default or raise it within a hard bound. */
function scenarioSettings(env: Env): ScenarioSettings {
  return {
    maxScriptBytes: integer(env, 'VOXGATE_SCENARIO_MAX_SCRIPT_BYTES', 262_144, 1024, 16_777_216),
    maxActions: integer(env, 'VOXGATE_SCENARIO_MAX_ACTIONS', 1000, 1, 100_000),
    // Deeper trees would recurse further in the compiler and interpreter than they are tested for.
    maxDepth: integer(env, 'VOXGATE_SCENARIO_MAX_DEPTH', 16, 1, 64),
    maxSteps: integer(env, 'VOXGATE_SCENARIO_MAX_STEPS', 10_000, 1, 1_000_000),
    maxLoopIterations: integer(env, 'VOXGATE_SCENARIO_MAX_LOOP_ITERATIONS', 100, 1, 100_000),
    maxGotoJumps: integer(env, 'VOXGATE_SCENARIO_MAX_GOTO_JUMPS', 1000, 1, 100_000),
    maxCallDurationS: integer(env, 'VOXGATE_SCENARIO_MAX_CALL_DURATION_S', 14_400, 60, 86_400),
    httpTimeoutS: integer(env, 'VOXGATE_SCENARIO_HTTP_TIMEOUT_S', 5, 1, 30),
    maxHttpRequests: integer(env, 'VOXGATE_SCENARIO_MAX_HTTP_REQUESTS', 100, 0, 10_000),
    maxSms: integer(env, 'VOXGATE_SCENARIO_MAX_SMS', 10, 0, 1000),
    addons: addons(env),
  };
}

/**
 * Reads and validates the settings. Throws {@link ConfigError} on the first
 * broken rule, naming the variable, so a start fails with one clear line.
 */
export function loadConfig(env: Env = process.env): Config {
  for (const name of Object.keys(env)) {
    if (name.startsWith('VOXGATE_') && !name.startsWith(TEST_PREFIX) && !KNOWN.has(name)) {
      throw new ConfigError(name, 'is not a Voxgate setting (see the README configuration table)');
    }
  }
  const httpHost = host(env, 'VOXGATE_HTTP_HOST', '127.0.0.1');
  const httpPort = integer(env, 'VOXGATE_HTTP_PORT', 8080, 0, 65535);
  const dataDir = path.resolve(text(env, 'VOXGATE_DATA_DIR', './data'));
  const adminKey = env['VOXGATE_ADMIN_KEY'];
  if (adminKey !== undefined && adminKey !== '' && (adminKey.length < 32 || /\s/.test(adminKey))) {
    throw new ConfigError('VOXGATE_ADMIN_KEY', 'must be at least 32 characters without spaces');
  }
  const logLevel = text(env, 'VOXGATE_LOG_LEVEL', 'info');
  if (!LOG_LEVELS.includes(logLevel as LogLevel)) {
    throw new ConfigError('VOXGATE_LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  const sessionTtlSeconds = integer(env, 'VOXGATE_SESSION_TTL_SECONDS', 3600, 60, 604800);
  const sessionRefreshSeconds = integer(env, 'VOXGATE_SESSION_REFRESH_SECONDS', 86400, 60, 31536000);
  if (sessionRefreshSeconds < sessionTtlSeconds) {
    throw new ConfigError('VOXGATE_SESSION_REFRESH_SECONDS', 'must be at least VOXGATE_SESSION_TTL_SECONDS');
  }
  return Object.freeze({
    httpHost,
    httpPort,
    sipHost: host(env, 'VOXGATE_SIP_HOST', '127.0.0.1'),
    sipPort: integer(env, 'VOXGATE_SIP_PORT', 5060, 0, 65535),
    sipPublicHost: host(env, 'VOXGATE_SIP_PUBLIC_HOST', host(env, 'VOXGATE_SIP_HOST', '127.0.0.1')),
    rtpPorts: Object.freeze(rtpPorts(env)),
    dataDir,
    database: Object.freeze(database(env, dataDir)),
    adminKey: adminKey === '' ? undefined : adminKey,
    publicUrl: publicUrl(env, httpHost, httpPort),
    logLevel: logLevel as LogLevel,
    rateLimitPerMinute: integer(env, 'VOXGATE_RATE_LIMIT', 1200, 1, 1_000_000),
    bodyLimitBytes: integer(env, 'VOXGATE_BODY_LIMIT_BYTES', 1_048_576, 1024, 1_073_741_824),
    sessionTtlSeconds,
    sessionRefreshSeconds,
    shutdownTimeoutSeconds: integer(env, 'VOXGATE_SHUTDOWN_TIMEOUT_SECONDS', 30, 1, 3600),
    drainSeconds: integer(env, 'VOXGATE_DRAIN_SECONDS', 60, 0, 86_400),
    mediaThreadPriority: mediaThreadPriority(env),
    nodeId: nodeId(env),
    scenario: Object.freeze(scenarioSettings(env)),
    outbound: Object.freeze({
      allow: cidrList(env, 'VOXGATE_OUTBOUND_ALLOW_CIDRS'),
      deny: cidrList(env, 'VOXGATE_SCENARIO_HTTP_DENY_CIDRS'),
    }),
    webhookTimeoutSeconds: integer(env, 'VOXGATE_WEBHOOK_TIMEOUT_SECONDS', 10, 1, 60),
  });
}
