/**
 * Secrets handed to clients. API keys and session tokens are long random hex
 * strings (the voice-platform dialect documents 100 and 40 hex characters), so
 * a plain SHA-256 stores them safely and lets a request be checked with one
 * indexed lookup; passwords are low-entropy and get argon2 instead.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const API_KEY_HEX_LENGTH = 100;
export const SESSION_TOKEN_HEX_LENGTH = 40;
/** Characters of an API key shown in lists and used to revoke it. */
export const API_KEY_PREFIX_LENGTH = 12;

export function generateHexToken(hexLength: number): string {
  return randomBytes(Math.ceil(hexLength / 2))
    .toString('hex')
    .slice(0, hexLength);
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function isHexToken(value: string, hexLength: number): boolean {
  return value.length === hexLength && /^[0-9a-f]+$/i.test(value);
}

/** Compares two strings in time independent of where they differ. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
