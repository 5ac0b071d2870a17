/**
 * The `targets` of `dial@v1`: a non-empty list of `{number, timeout?}`. Numbers must be YAML strings:
 * unquoted, `+15559820800` and `0033…` are integers in YAML 1.2 and would lose their `+` or leading
 * zeros, so a number is refused (`TYPE`) rather than silently changed. `timeout` (5..300) is passed
 * on as it is; the canonical compiler checks it as `ringTimeout`, and the error is mapped back here.
 */
import { childPath } from '../../compiler/paths.js';
import { toJsonValue, type JsonValue } from '../canonical-json.js';
import type { TranslateContext } from '../translate-context.js';
import { FieldReader } from '../yaml-fields.js';

export interface DialTarget {
  readonly number: string;
  readonly timeout: JsonValue | undefined;
  readonly path: string;
  readonly numberPath: string;
  readonly timeoutPath: string;
}

function readTarget(ctx: TranslateContext, raw: unknown, path: string): DialTarget | null {
  const fields = FieldReader.of(ctx.issues, raw, path, ['number', 'timeout']);
  if (fields === null) return null;
  const numberPath = fields.pathOf('number');
  const rawNumber = fields.get('number');
  if (rawNumber === undefined) {
    ctx.error('REQUIRED_FIELD', numberPath, '"number" is required');
    return null;
  }
  if (typeof rawNumber !== 'string') {
    ctx.error('TYPE', numberPath, 'must be a string: quote phone numbers in YAML ("+15559820800")');
    return null;
  }
  const number = ctx.text(rawNumber, numberPath);
  if (number === undefined) return null;
  const timeout = fields.get('timeout');
  return {
    number,
    timeout: timeout === undefined ? undefined : toJsonValue(timeout),
    path,
    numberPath,
    timeoutPath: fields.pathOf('timeout'),
  };
}

/** The targets, or null when the list itself is unusable (reported); bad entries are reported and left out. */
export function readDialTargets(ctx: TranslateContext, fields: FieldReader): DialTarget[] | null {
  const path = fields.pathOf('targets');
  const raw = fields.get('targets');
  if (raw === undefined) {
    ctx.error('REQUIRED_FIELD', path, '"targets" is required');
    return null;
  }
  if (!Array.isArray(raw)) {
    ctx.error('TYPE', path, 'must be a list of { number, timeout }');
    return null;
  }
  if (raw.length === 0) {
    ctx.error('OUT_OF_RANGE', path, 'needs at least one target');
    return null;
  }
  const targets: DialTarget[] = [];
  raw.forEach((entry: unknown, index) => {
    const target = readTarget(ctx, entry, childPath(path, index));
    if (target !== null) targets.push(target);
  });
  return targets.length === raw.length ? targets : null;
}
