/**
 * The shape of what the ACTIONS10 translator writes: plain JSON in the canonical script form of
 * SCENARIO-LANGUAGE.md section 2. Kept as data (not compiler nodes) so the translation can be shown,
 * stored and compared with section 10.4 as it is, and the canonical compiler stays the only judge.
 */

export type JsonScalar = string | number | boolean | null;
export type JsonValue = JsonScalar | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** One element of a canonical block: an object action or a bare string such as `"hangup"`. */
export type CanonicalAction = JsonObject | string;

/** The translated document, a valid input of `compileScenario`. */
export interface CanonicalDocument {
  variables?: Record<string, string | number | boolean>;
  script: CanonicalAction[];
  onHangup?: CanonicalAction[];
}

/**
 * Sets `key` as an own property even when it is `__proto__`: the keys come from the YAML (branch
 * names, header names, body fields), and plain assignment of `__proto__` would set the object's
 * prototype instead of writing the field.
 */
export function setField(target: JsonObject, key: string, value: JsonValue): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * A copy of a YAML value as JSON, so the translated document never shares objects with the parsed
 * YAML (aliases make shared subtrees). YAML's core schema yields only JSON types; a big integer
 * would keep its digits, and anything else (never yielded) becomes `null`.
 */
export function toJsonValue(value: unknown): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return value;
  if (Array.isArray(value)) return value.map((item: unknown) => toJsonValue(item));
  if (typeof value === 'object') {
    const copy: JsonObject = {};
    for (const key of Object.keys(value))
      setField(copy, key, toJsonValue((value as Record<string, unknown>)[key]));
    return copy;
  }
  return typeof value === 'bigint' ? value.toString() : null;
}
