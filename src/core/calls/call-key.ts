/** A call id as the API and the telephony layer hold it (decimal digits) to its stored key. */
const CALL_ID = /^[1-9][0-9]{0,18}$/;

/** The key to query with; null for text that cannot be a call id (it names no call). */
export function callKey(id: string): number | string | null {
  if (!CALL_ID.test(id)) return null;
  const value = Number(id);
  // Past 2^53 a JavaScript number loses digits; the engines compare the decimal text exactly.
  return Number.isSafeInteger(value) ? value : id;
}
