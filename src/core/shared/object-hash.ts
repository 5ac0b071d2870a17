import { randomBytes } from 'node:crypto';

/** Seed 04's `hash` (a unique object identifier) as Voxgate issues it: 8 upper-case hex characters. */
export function newObjectHash(): string {
  return randomBytes(4).toString('hex').toUpperCase();
}
