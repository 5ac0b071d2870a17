/**
 * Pieces shared by the per-action schemas of the scenario language
 * (SCENARIO-LANGUAGE.md sections 2, 3 and 5).
 *
 * The schemas check the JSON shape of one action only. What needs the whole
 * script or the tenant (reserved variable names, Go To targets, expressions,
 * literal numbers and URLs, non-empty blocks) is the compiler's job.
 */
import { Type } from 'typebox';

/** Variable names as section 3 writes them; reserved names are refused by the compiler. */
export const VARIABLE_NAME_PATTERN = '^[A-Za-z_][A-Za-z0-9_]{0,63}$';

/** A field that names a variable (and is therefore never interpolated). */
export function VariableName(description: string) {
  return Type.String({ pattern: VARIABLE_NAME_PATTERN, description: `variable name: ${description}` });
}

/** Every object action may carry one; Go To targets it. Uniqueness is checked by the compiler. */
export const ActionId = Type.Integer({
  minimum: 0,
  maximum: 2147483647,
  description: 'Identifies the action for Go To; unique across the script and onHangup',
});

/** A nested list of actions; the compiler validates its elements with these same schemas. */
export function Block(description: string, options: { readonly default?: readonly [] } = {}) {
  return Type.Array(Type.Unknown(), { ...options, description: `block: a list of actions. ${description}` });
}

/** A condition in the expression language of section 4, checked by the expression parser. */
export function Expression(description: string) {
  return Type.String({ description: `expression: ${description}` });
}

/** Digits (or spoken input) mapped to meanings, as Collect and Capture use them. */
export const MappedValues = Type.Object(
  {},
  {
    additionalProperties: Type.String(),
    maxProperties: 100,
    description: 'Maps an input to a meaning, stored in <variable>_Meaning; at most 100 keys',
  },
);

export const SendToReports = Type.Enum(['ALWAYS', 'MASKED', 'NEVER'], {
  default: 'ALWAYS',
  description: 'Whether reports and the timeline show the input as typed, masked as xxxx, or not at all',
});

export const BargeIn = Type.Boolean({
  description:
    'Forces (true) or forbids (false) interruption by a digit; by default a prompt leading to a Collect or Capture is interruptible',
});

/** The text-to-speech languages Say accepts (section 5.19). */
// prettier-ignore
export const SAY_LANGUAGES = [
  'ar', 'bn', 'bg', 'ca', 'zh-cn', 'zh-tw', 'hr', 'cs', 'da', 'nl', 'en', 'en-au', 'en-gb', 'en-ca',
  'en-in', 'en-ie', 'en-gb-wls', 'epo', 'fil-ph', 'fi', 'fr', 'fr-ca', 'fr-ch', 'de', 'de-at', 'de-ch',
  'el', 'gu', 'he', 'hi', 'hu', 'is', 'id', 'it', 'ja', 'kn', 'ko', 'ms', 'ml', 'no', 'pl', 'pt-pt',
  'pt-br', 'ro', 'ru', 'sk', 'sl', 'es', 'es-gl', 'es-mx', 'sv', 'ta', 'te', 'th', 'tr', 'uk', 'vi',
  'wls', 'ar-ma', 'ur-pk',
] as const;

// The options of the dial family (sections 5.4 to 5.7); each action picks those it defines.

export const SenderId = Type.String({
  description:
    "Caller id presented to the callee: a tenant number, an authorised caller id or BLOCKED; defaults to the call's from",
});

export const MaxCallDuration = Type.Integer({
  minimum: 1,
  description: 'Longest bridge in seconds; capped by VOXGATE_SCENARIO_MAX_CALL_DURATION_S',
});

export const RingTimeout = Type.Integer({
  minimum: 5,
  maximum: 300,
  default: 30,
  description: 'Seconds to ring before giving up with NOANSWER',
});

export const DialRecord = Type.Boolean({
  default: false,
  description: 'Records the bridged conversation (add-on recording)',
});

export const OnAnswer = Block(
  "Runs on the callee's leg once it answers, before the bridge; no Dial, Record or Capture; at most 60 s",
);
