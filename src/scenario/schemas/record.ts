/** Record (section 5.16): records the caller (add-on recording). */
import { Type, type Static } from 'typebox';
import { ActionId } from './common.js';

export const RecordOptions = Type.Object(
  {
    escapeDigits: Type.Optional(
      Type.String({
        pattern: '^[0-9*#A-D]*$',
        maxLength: 12,
        default: '',
        description: 'Digits (0-9 * # A-D, up to 12) that stop the recording; the digit is not recorded',
      }),
    ),
    beep: Type.Optional(
      Type.Boolean({ default: false, description: 'Plays a 1 kHz, 400 ms beep before recording starts' }),
    ),
    maxSilence: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 60,
        description: 'Seconds of silence that stop the recording; off when absent',
      }),
    ),
    identifier: Type.Optional(
      Type.String({
        maxLength: 128,
        description: 'A name Play From Recording can find the file by; interpolated; must not be digits only',
      }),
    ),
  },
  { additionalProperties: false, description: 'How the recording stops and is named' },
);

export const RecordAction = Type.Object(
  {
    record: Type.Union(
      [
        Type.Integer({ minimum: 1, maximum: 3600, description: 'Longest recording in seconds' }),
        Type.Null({ description: 'Up to VOXGATE_SCENARIO_MAX_RECORD_S' }),
      ],
      { description: 'Longest recording in seconds (1 to 3600), or null for the operator maximum' },
    ),
    options: Type.Optional(RecordOptions),
    actionId: Type.Optional(ActionId),
  },
  { additionalProperties: false, description: 'Records what the caller says' },
);
export type RecordAction = Static<typeof RecordAction>;
