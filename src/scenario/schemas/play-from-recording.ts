/** Play From Recording (section 5.15): plays a recording made by Record. */
import { Type, type Static } from 'typebox';
import { ActionId, BargeIn } from './common.js';

export const PlayFromRecordingOptions = Type.Object(
  { bargeIn: Type.Optional(BargeIn) },
  { additionalProperties: false, description: 'How the recording is played' },
);

export const PlayFromRecordingAction = Type.Object(
  {
    playFromRecording: Type.Union(
      [
        Type.Null({ description: "This call's latest Record recording" }),
        Type.Integer({ minimum: 1, description: 'The Nth Record recording of this call, counting from 1' }),
        Type.String({
          description:
            "Digits only: the Nth recording of this call; otherwise an identifier: the tenant's newest recording carrying it; interpolated",
        }),
      ],
      { description: 'Which recording to play' },
    ),
    options: Type.Optional(PlayFromRecordingOptions),
    actionId: Type.Optional(ActionId),
  },
  { additionalProperties: false, description: 'Plays a recording' },
);
export type PlayFromRecordingAction = Static<typeof PlayFromRecordingAction>;
