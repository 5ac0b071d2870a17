/** Play (section 5.14): plays an audio file fetched by URL or taken from the tenant's media library. */
import { Type, type Static } from 'typebox';
import { ActionId, BargeIn } from './common.js';

export const PlayOptions = Type.Object(
  { bargeIn: Type.Optional(BargeIn) },
  { additionalProperties: false, description: 'How the file is played' },
);

export const PlayAction = Type.Object(
  {
    playFromUrl: Type.String({
      description: 'An http or https URL of an audio file, or media:<id> of the tenant library; interpolated',
    }),
    options: Type.Optional(PlayOptions),
    actionId: Type.Optional(ActionId),
  },
  { additionalProperties: false, description: 'Plays an audio file' },
);
export type PlayAction = Static<typeof PlayAction>;
