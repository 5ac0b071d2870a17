/**
 * `gather@v1 {prompt?, maxDigits 1..255 = 1, timeout 1..30 = 5}` (section 1.1): the prompt as a Say,
 * then a Collect into `__gather`, which `$gather.digits` reads. Both options are always written,
 * because the canonical defaults differ (`maxInputLength` 0 means 255 there). `maxDigits: 0` is the
 * one value the canonical range (0..255) accepts and ACTIONS10 does not, so it is checked here; the
 * compiler checks the rest and its errors are mapped back onto these parameters.
 */
import { toJsonValue } from '../canonical-json.js';
import { GATHER_VARIABLE } from '../reference-table.js';
import type { ActionSpec } from './action-spec.js';

export const GATHER_DEFAULTS = { maxDigits: 1, timeout: 5 } as const;

export const gatherAction: ActionSpec = {
  versions: ['v1'],
  params: ['prompt', 'maxDigits', 'timeout'],
  translate({ ctx, params, path, out }) {
    const prompt = ctx.textField(params, 'prompt');
    const maxDigits = params.get('maxDigits') ?? GATHER_DEFAULTS.maxDigits;
    if (typeof maxDigits === 'number' && maxDigits < 1) {
      ctx.error('OUT_OF_RANGE', params.pathOf('maxDigits'), 'must be 1..255');
    }
    const timeout = params.get('timeout') ?? GATHER_DEFAULTS.timeout;
    if (prompt !== undefined) {
      out.push({ say: prompt }, path, [{ at: ['say'], source: params.pathOf('prompt') }]);
    }
    const options = { maxInputLength: toJsonValue(maxDigits), timeout: toJsonValue(timeout) };
    out.push({ collectInto: GATHER_VARIABLE, options }, path, [
      { at: ['options'], source: params.path },
      { at: ['options', 'maxInputLength'], source: params.pathOf('maxDigits') },
      { at: ['options', 'timeout'], source: params.pathOf('timeout') },
    ]);
  },
};
