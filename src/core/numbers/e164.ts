/**
 * Phone numbers as Voxgate stores them: canonical `+E164` (DESIGN.md,
 * "E.164 everywhere inside"). The digit rule is the scenario language's
 * {@link isDialableNumber}, so a number a scenario may dial and a number an
 * account may own are judged alike.
 */
import { isDialableNumber } from '../../scenario/compiler/literal-checks.js';

/** Longest dialled user part worth reading; longer is refused before any work. */
const MAX_DIALLED_CHARS = 64;

/** `+33123456789` from `+33123456789` or `33123456789`; null when it is not an E.164 number. */
export function toE164(value: string): string | null {
  if (!isDialableNumber(value)) return null;
  return value.startsWith('+') ? value : `+${value}`;
}

/**
 * The number a caller dialled, from the user part of the Request-URI (or To),
 * already unescaped by the SIP layer. Accepted forms, all leading to `+E164`:
 *
 * - `+33123456789` and `33123456789`: E.164 with or without `+`;
 * - `0033123456789`: the international prefix `00` (ITU-T E.164 section 6
 *   reserves a leading 0 for prefixes, so no country code starts with it);
 * - visual separators `-`, `.`, `(`, `)` anywhere, as a telephone-subscriber
 *   may carry them (https://www.rfc-editor.org/rfc/rfc3966#section-5.1.1);
 * - parameters after `;` (`;isub=`, `;npdi`, `;rn=`) are dropped
 *   (https://www.rfc-editor.org/rfc/rfc3966#section-3).
 *
 * National forms (`0123456789`) are not guessed: null, so the call gets a 404.
 */
export function parseDialledNumber(userPart: string): string | null {
  if (userPart.length === 0 || userPart.length > MAX_DIALLED_CHARS) return null;
  const semicolon = userPart.indexOf(';');
  const subscriber = (semicolon === -1 ? userPart : userPart.slice(0, semicolon)).replace(/[-.()]/g, '');
  if (subscriber.startsWith('00')) return toE164(subscriber.slice(2));
  return toE164(subscriber);
}
