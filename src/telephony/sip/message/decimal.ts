/**
 * Reads `1*DIGIT` as a number no larger than `max`; undefined for an empty string, a sign, any
 * other character, or a value past `max`. Leading zeros are allowed, as the grammar allows them.
 */
export function parseDecimal(text: string, max: number): number | undefined {
  if (text.length === 0) return undefined;
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return undefined;
    value = value * 10 + digit;
    if (value > max) return undefined; // also stops a run of digits long before it loses precision
  }
  return value;
}
