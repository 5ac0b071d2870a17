import { randomBytes } from 'node:crypto';
import { BRANCH_MAGIC_COOKIE } from './via.js';

/**
 * Fresh identifiers for new transactions, dialogs and calls, from the system's CSPRNG: guessable
 * ones would let an off-path attacker forge a BYE or a CANCEL.
 *
 * base64url letters are all token characters, so each result can stand as a branch or tag
 * parameter value and as a Call-ID `word`.
 */

/**
 * A branch "unique across space and time for all requests sent by the UA" (except CANCEL and
 * the ACK of a non-2xx), starting with the magic cookie z9hG4bK.
 * https://www.rfc-editor.org/rfc/rfc3261#section-8.1.1.7
 */
export function generateBranch(): string {
  return BRANCH_MAGIC_COOKIE + randomBytes(12).toString('base64url');
}

/**
 * A From or To tag: "at least 32 bits of randomness". https://www.rfc-editor.org/rfc/rfc3261#section-19.3
 */
export function generateTag(): string {
  return randomBytes(9).toString('base64url');
}

/**
 * A Call-ID, globally unique over space and time, optionally `@host`.
 * https://www.rfc-editor.org/rfc/rfc3261#section-8.1.1.4
 */
export function generateCallId(host?: string): string {
  const id = randomBytes(15).toString('base64url');
  return host === undefined ? id : `${id}@${host}`;
}
