/** Seed 04's time formats, from the ISO-8601 UTC text Voxgate stores. */

/** `datetime`: `YYYY-MM-DD HH:MM:SS` in UTC. */
export function seedDatetime(iso: string): string;
export function seedDatetime(iso: string | null): string | null;
export function seedDatetime(iso: string | null): string | null {
  if (iso === null) return null;
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** `datetime_ms`: `YYYY-MM-DD HH:MM:SS.sss` in UTC, from epoch milliseconds. */
export function seedDatetimeMs(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}
