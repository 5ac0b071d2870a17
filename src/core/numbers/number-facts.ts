/**
 * What a phone number says of itself: its country, its national form and its
 * kind, read from libphonenumber's full metadata (the same numbering plans as
 * Google's libphonenumber). CDRs, DID objects and analytics by country use it.
 */
import { parsePhoneNumberFromString, type PhoneNumber } from 'libphonenumber-js/max';

export interface NumberFacts {
  /** ISO 3166-1 alpha-2 (`FR`); null when the plan does not tell (`+800`, unassigned codes). */
  readonly country: string | null;
  /** The digits after the country code (`612345678`). */
  readonly nationalNumber: string;
  /** As dialled inside the country (`06 12 34 56 78`). */
  readonly nationalFormat: string;
  /** libphonenumber's type in lower case (`mobile`, `fixed_line`, `toll_free`…); null when unknown. */
  readonly type: string | null;
}

function parse(e164: string): PhoneNumber | undefined {
  return e164.startsWith('+') ? parsePhoneNumberFromString(e164) : undefined;
}

/** Countries of numbers seen lately: a call's DID comes back call after call, and parsing costs. */
const recentCountries = new Map<string, string | null>();
const RECENT_COUNTRIES_MAX = 4096;

/** The country of an E.164 number, or null (not a number, or a non-geographic code). */
export function countryOf(e164: string | null): string | null {
  if (e164 === null) return null;
  const known = recentCountries.get(e164);
  if (known !== undefined) return known;
  const country = parse(e164)?.country ?? null;
  if (recentCountries.size >= RECENT_COUNTRIES_MAX) recentCountries.clear();
  recentCountries.set(e164, country);
  return country;
}

export function numberFacts(e164: string): NumberFacts {
  const parsed = parse(e164);
  if (parsed === undefined) {
    return { country: null, nationalNumber: e164.replace(/^\+/, ''), nationalFormat: e164, type: null };
  }
  return {
    country: parsed.country ?? null,
    nationalNumber: parsed.nationalNumber,
    nationalFormat: parsed.formatNational(),
    type: parsed.getType()?.toLowerCase() ?? null,
  };
}
