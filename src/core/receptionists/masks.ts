/**
 * The masks of seed 01's action URLs (docs/receptionists.md, "Masks").
 *
 * `dtmf_mask`: `;`-separated items, each a number (`1000`) or an inclusive range (`3000-4000`), compared
 * as numbers, as the seed's example `1000;2000;3000-4000` implies: the entry `3500` matches, and so does
 * `0100` for the item `100`. An entry with a key other than 0-9 (`*`, `#`) matches no item.
 *
 * `caller_mask`: the same grammar over the caller's E.164 digits (a leading `+` on either side is
 * ignored), plus the prefix item `336*`, which a range of equal-length numbers could only spell clumsily.
 * Numbers of different lengths never match each other: `33612345678` is not `033612345678`.
 *
 * An absent mask matches every entry (DTMF) or every caller (CALLER); an empty string is not a mask.
 */

/** At most this many digits per number: beyond, a keypad entry or a phone number makes no sense. */
const MAX_DIGITS = 20;

type MaskItem =
  | { readonly kind: 'exact'; readonly value: bigint; readonly digits: string }
  | { readonly kind: 'range'; readonly from: bigint; readonly to: bigint }
  | { readonly kind: 'prefix'; readonly digits: string };

export interface Mask {
  readonly items: readonly MaskItem[];
}

/** Why a mask was refused: the first item that breaks the grammar. */
export interface MaskError {
  readonly item: string;
  readonly reason: string;
}

const NUMBER = /^\d{1,20}$/;
const RANGE = /^(\d{1,20})-(\d{1,20})$/;
const PREFIX = /^(\d{1,20})\*$/;

function parseItems(text: string, allowPrefix: boolean, strip: (item: string) => string): Mask | MaskError {
  const items: MaskItem[] = [];
  for (const raw of text.split(';')) {
    const item = strip(raw.trim());
    if (item === '') return { item: raw, reason: 'an item is empty' };
    if (NUMBER.test(item)) {
      items.push({ kind: 'exact', value: BigInt(item), digits: item });
      continue;
    }
    const range = RANGE.exec(item);
    if (range !== null) {
      const from = BigInt(range[1] as string);
      const to = BigInt(range[2] as string);
      if (from > to) return { item: raw, reason: 'a range ends before it starts' };
      items.push({ kind: 'range', from, to });
      continue;
    }
    const prefix = allowPrefix ? PREFIX.exec(item) : null;
    if (prefix !== null) {
      items.push({ kind: 'prefix', digits: prefix[1] as string });
      continue;
    }
    return {
      item: raw,
      reason: allowPrefix
        ? `an item is not a number, a range a-b or a prefix n* (up to ${MAX_DIGITS} digits)`
        : `an item is not a number or a range a-b (up to ${MAX_DIGITS} digits)`,
    };
  }
  return { items };
}

export function isMaskError(value: Mask | MaskError): value is MaskError {
  return 'reason' in value;
}

const keepAsIs = (item: string): string => item;
const withoutPlus = (item: string): string => (item.startsWith('+') ? item.slice(1) : item);

export function parseDtmfMask(text: string): Mask | MaskError {
  return parseItems(text, false, keepAsIs);
}

export function parseCallerMask(text: string): Mask | MaskError {
  // `+3361-+3369` would read oddly; a `+` is taken only at the start of a whole item.
  return parseItems(text, true, withoutPlus);
}

/** Does the caller's entry (without the ending `#`) match? Numeric comparison; see the module doc. */
export function dtmfMatches(mask: Mask | null, entry: string): boolean {
  if (entry === '') return false;
  if (mask === null) return true;
  if (!NUMBER.test(entry)) return false;
  const value = BigInt(entry);
  return mask.items.some((item) => {
    if (item.kind === 'exact') return item.value === value;
    if (item.kind === 'range') return item.from <= value && value <= item.to;
    return false;
  });
}

/** Does the caller (E.164, `""` when withheld) match? A withheld caller matches only the absent mask. */
export function callerMatches(mask: Mask | null, caller: string): boolean {
  if (mask === null) return true;
  const digits = withoutPlus(caller);
  if (!NUMBER.test(digits)) return false;
  const value = BigInt(digits);
  return mask.items.some((item) => {
    if (item.kind === 'exact') return item.digits.length === digits.length && item.value === value;
    if (item.kind === 'range') return item.from <= value && value <= item.to;
    return digits.startsWith(item.digits);
  });
}
