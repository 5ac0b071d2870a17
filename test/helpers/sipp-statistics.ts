/**
 * Reads the statistics file SIPp writes with `-trace_stat -stf <file>` (`sipp -h stat` lists the
 * columns): a header line of `;`-separated names, then one row per `-fd` period and a last row when
 * SIPp quits. Columns ending in `(C)` are cumulative, `(P)` cover the period.
 */

/** One row of the statistics file, by column name (`SuccessfulCall(C)`, `CurrentCall`, ...). */
export type SippStatisticsRow = Readonly<Record<string, string>>;

export interface SippStatistics {
  /** Every row in file order; a benchmark reads the periodic ones, a test the last. */
  readonly rows: readonly SippStatisticsRow[];
  /** `SuccessfulCall(C)` of the last row: calls that reached the end of the scenario. */
  readonly successfulCalls: number;
  /** `FailedCall(C)` of the last row: calls aborted, timed out or failing a check. */
  readonly failedCalls: number;
}

const DELIMITER = ';';

/** A cumulative counter of a row, or 0 when the column is missing or not a number. */
export function readCounter(row: SippStatisticsRow | undefined, column: string): number {
  const value = Number(row?.[column]);
  return Number.isFinite(value) ? value : 0;
}

/**
 * Parses a statistics file. A missing or empty file (SIPp died before its first dump) reads as
 * no rows and zero calls, so the caller's exit-code check reports the failure instead.
 */
export function parseSippStatistics(text: string): SippStatistics {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const header = lines[0]?.split(DELIMITER) ?? [];
  const rows = lines.slice(1).map((line) => {
    const values = line.split(DELIMITER);
    const row: Record<string, string> = {};
    header.forEach((name, index) => {
      if (name !== '') row[name] = values[index] ?? '';
    });
    return row;
  });
  const last = rows.at(-1);
  return {
    rows,
    successfulCalls: readCounter(last, 'SuccessfulCall(C)'),
    failedCalls: readCounter(last, 'FailedCall(C)'),
  };
}

/**
 * The numbers a scenario wrote with `<log message="... name=[$var]"/>` (`-trace_logs`), in order:
 * our scenarios log `ack_to_bye_ms=<ms>` so a test can tell an IVR branch by its length.
 */
export function readLoggedValues(logText: string, name: string): number[] {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(?:^|\\s)${escaped}=(-?[0-9.]+)`, 'gm');
  return [...logText.matchAll(pattern)].map((match) => Number(match[1]));
}
