/** Pause (section 5.13): plays silence. */
import { Type, type Static } from 'typebox';
import { ActionId } from './common.js';

export const PauseAction = Type.Object(
  {
    pause: Type.Number({
      exclusiveMinimum: 0,
      maximum: 5,
      description: 'Seconds of silence, more than 0 and at most 5; fractions allowed',
    }),
    actionId: Type.Optional(ActionId),
  },
  { additionalProperties: false, description: 'Waits in silence' },
);
export type PauseAction = Static<typeof PauseAction>;
