/**
 * The ACTIONS10 names an expression may read, and what each becomes in the canonical language
 * (SCENARIO-LANGUAGE.md section 1.1): `$x` is the scenario variable `x`; the results of the last
 * gather, dial and fetch, and the call's own fields, map to the variables the engine sets.
 */
import { checkVariableName } from '../compiler/variable-names.js';

/** Where `gather@v1` collects its digits; internal (`__`), so no script variable can clash. */
export const GATHER_VARIABLE = '__gather';

/** `$gather.digits`, `$dial.ok`, …: the object, then the field, as written after the `$`. */
export const RESULT_REFERENCES: ReadonlyMap<string, string> = new Map([
  ['gather.digits', GATHER_VARIABLE],
  ['dial.ok', "(dialStatus == 'ANSWER')"],
  ['dial.status', 'dialStatus'],
  ['fetch.status', 'callApiStatus'],
  ['fetch.ok', "(callApiOutcome == 'SUCCESS')"],
]);

/** `call.fromNumber`, …: fields of the vendor's `call` object, read without a `$`. */
export const CALL_REFERENCES: ReadonlyMap<string, string> = new Map([
  ['call.fromNumber', 'from'],
  ['call.toNumber', 'to'],
  ['call.id', 'callId'],
  ['call.direction', 'direction'],
]);

export type ReferenceResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly code: string; readonly message: string };

function refuse(message: string): ReferenceResult {
  return { ok: false, code: 'A10_EXPRESSION_UNSUPPORTED', message };
}

/**
 * The canonical name of the variable `$name` (no `$`). Names section 3 refuses are refused, and so
 * are the engine's own (`$to` is an ACTIONS10 variable, never the built-in `to`), and the `__` names
 * the translator keeps for itself.
 */
export function resolveVariableName(name: string): ReferenceResult {
  const check = checkVariableName(name);
  if (check === 'invalid') {
    return { ok: false, code: 'INVALID_VARIABLE_NAME', message: `"$${name}" is not a valid variable name` };
  }
  if (check === 'reserved') {
    return {
      ok: false,
      code: 'RESERVED_VARIABLE',
      message: `"$${name}" would read the engine's "${name}"; choose another name`,
    };
  }
  return { ok: true, text: name };
}

/** One reference as the scanner found it: `$a` (sigil), `$a.b`, `call.b`, `JSON.stringify`. */
export function resolveReference(sigil: boolean, names: readonly string[], called: boolean): ReferenceResult {
  const written = `${sigil ? '$' : ''}${names.join('.')}`;
  if (!sigil && names[0] === '__json' && names.length === 2) {
    // JSON.stringify(call) reads the engine's serialised context, `__json_call` (built-ins.ts).
    return { ok: true, text: `__json_${names[1] ?? ''}` };
  }
  if (called) return refuse(`calling ${written}(…) is not supported: there are no functions or methods`);
  const [first] = names;
  if (sigil && names.length === 1 && first !== undefined) return resolveVariableName(first);
  const known = (sigil ? RESULT_REFERENCES : CALL_REFERENCES).get(names.join('.'));
  if (known !== undefined) return { ok: true, text: known };
  if (!sigil && names.length === 1) {
    return refuse(`"${written}" is not an ACTIONS10 variable: variables start with $`);
  }
  const supported = [...RESULT_REFERENCES.keys()].map((key) => `$${key}`).concat([...CALL_REFERENCES.keys()]);
  return refuse(`member access "${written}" is not supported; only ${supported.join(', ')}`);
}
