/**
 * Seed 01's ids: a decimal 64-bit id, shown as its base64 (`NzAwNTUxOTA5NzczMTQ4MTYw` is
 * `700551909773148160`). Voxgate draws them at random, 18 or 19 digits, so they reveal no count.
 */
import { randomBytes } from 'node:crypto';

const LOWEST = 10n ** 17n;
const SPAN = 2n ** 63n - LOWEST;

/** A fresh id, as the decimal text that is stored. */
export function newSeedId(): string {
  return String(LOWEST + (randomBytes(8).readBigUInt64BE() % SPAN));
}

export function encodeSeedId(decimal: string): string {
  return Buffer.from(decimal, 'ascii').toString('base64');
}

/**
 * The stored id an API id names, or null when it names none: the text must be the canonical base64 of
 * a decimal without leading zeros, so one object has one API id.
 */
export function decodeSeedId(text: string): string | null {
  if (!/^[A-Za-z0-9+/]{4,40}={0,2}$/.test(text)) return null;
  const decimal = Buffer.from(text, 'base64').toString('latin1');
  if (!/^[1-9]\d{0,18}$/.test(decimal) || BigInt(decimal) >= 2n ** 63n) return null;
  return encodeSeedId(decimal) === text ? decimal : null;
}
