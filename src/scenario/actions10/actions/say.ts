/**
 * `say@v1` and `say@v2 {what, voice?, language?}` (section 1.1): a canonical Say. `what` is
 * interpolated (`${{ … }}`); the two versions take the same parameters.
 */
import type { FieldSource } from '../block-writer.js';
import type { JsonObject } from '../canonical-json.js';
import type { ActionSpec } from './action-spec.js';
import { sayVoiceOptions } from './say-voice.js';

export const sayAction: ActionSpec = {
  versions: ['v1', 'v2'],
  params: ['what', 'voice', 'language'],
  translate({ ctx, params, path, out }) {
    const what = ctx.textField(params, 'what', true);
    const voice = sayVoiceOptions(params.string('voice'), params.string('language'));
    if (what === undefined) return;
    const action: JsonObject = { say: what };
    const fields: FieldSource[] = [{ at: ['say'], source: params.pathOf('what') }];
    if (Object.keys(voice.options).length > 0) {
      action['options'] = voice.options;
      fields.push({ at: ['options'], source: params.path });
      fields.push({ at: ['options', 'voice'], source: params.pathOf('voice'), mirror: true });
    }
    if (voice.languageFrom !== null) {
      fields.push({ at: ['options', 'language'], source: params.pathOf(voice.languageFrom) });
    }
    out.push(action, path, fields);
  },
};
