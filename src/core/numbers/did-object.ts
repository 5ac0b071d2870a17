/**
 * Seed 04's `DID` object, what the `did.assigned` / `did.unassigned` events carry and the voice
 * platform's DID methods will answer. Voxgate keeps no DID classes or store types: the class is
 * CLASSIC, and the type is read off the number's plan (libphonenumber's kind, mapped below).
 */
import { numberFacts } from './number-facts.js';

/** libphonenumber's kinds (lower case) to seed 04's DID types; any other kind is NON-GEOGRAPHIC. */
const DID_TYPES: Readonly<Record<string, string>> = {
  fixed_line: 'GEOGRAPHIC',
  fixed_line_or_mobile: 'GEOGRAPHIC',
  mobile: 'MOBILE',
  toll_free: 'TOLLFREE',
  premium_rate: 'SPECIAL',
  shared_cost: 'SHAREDREVENUE',
  personal_number: 'PERSONAL',
  pager: 'SPECIAL',
  voicemail: 'SPECIAL',
};

export interface DidSource {
  readonly hash: string;
  /** Canonical `+E164`. */
  readonly number: string;
  /** The app (scenario or real-time app) the number routes to; null when unrouted. */
  readonly app: string | null;
}

export function toDidObject(source: DidSource) {
  const facts = numberFacts(source.number);
  return {
    app: source.app,
    class: 'CLASSIC',
    country_code: facts.country ?? '',
    hash: source.hash,
    intl_number: source.number,
    local_number: facts.nationalFormat.replace(/\D/g, ''),
    local_number_f: facts.nationalFormat,
    type: (facts.type === null ? undefined : DID_TYPES[facts.type]) ?? 'NON-GEOGRAPHIC',
  };
}

export type DidObject = ReturnType<typeof toDidObject>;
