/**
 * Condenses the server's log (pino JSON lines, warn and above during a
 * benchmark) to its distinct messages with counts, since one fault under
 * load repeats once per in-flight request and a wall of stack traces hides
 * what happened.
 */

export interface LogEntry {
  /** e.g. `error: request failed: driver has already been destroyed` */
  readonly message: string;
  readonly count: number;
  /** The first occurrence's `time`, when the line carried one. */
  readonly firstAt: string | null;
}

const PINO_LEVELS: Readonly<Record<number, string>> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

interface PinoLine {
  level?: unknown;
  time?: unknown;
  msg?: unknown;
  err?: { message?: unknown };
}

function describe(line: string): { message: string; time: string | null } {
  let parsed: PinoLine;
  try {
    parsed = JSON.parse(line) as PinoLine;
  } catch {
    return { message: line, time: null };
  }
  const level =
    typeof parsed.level === 'number' ? (PINO_LEVELS[parsed.level] ?? String(parsed.level)) : 'log';
  const cause = typeof parsed.err?.message === 'string' ? `: ${parsed.err.message}` : '';
  const time =
    typeof parsed.time === 'string' || typeof parsed.time === 'number' ? String(parsed.time) : null;
  return { message: `${level}: ${typeof parsed.msg === 'string' ? parsed.msg : '(no msg)'}${cause}`, time };
}

export function summarizeLog(lines: readonly string[]): readonly LogEntry[] {
  const entries = new Map<string, { count: number; firstAt: string | null }>();
  for (const line of lines) {
    if (line.trim() === '') continue;
    const { message, time } = describe(line);
    const entry = entries.get(message);
    if (entry === undefined) entries.set(message, { count: 1, firstAt: time });
    else entry.count += 1;
  }
  return [...entries].map(([message, entry]) => ({ message, ...entry }));
}
