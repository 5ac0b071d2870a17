/** Say (section 5.19): speaks text or SSML through text to speech. */
import { Type, type Static } from 'typebox';
import { ActionId, BargeIn, SAY_LANGUAGES } from './common.js';

export const SayVoice = Type.Object(
  {
    name: Type.Optional(Type.String({ description: 'Preferred voice, used when it speaks the language' })),
    gender: Type.Optional(
      Type.Enum(['male', 'female'], { description: "Picks the language's default voice of that gender" }),
    ),
  },
  { additionalProperties: false, description: 'Voice preference' },
);

export const SayOptions = Type.Object(
  {
    language: Type.Optional(
      Type.Enum(SAY_LANGUAGES, { description: "Language of the text; defaults to the tenant's, else en" }),
    ),
    speechRate: Type.Optional(
      Type.Number({ minimum: 0.5, maximum: 2, default: 1, description: 'Speaking speed, 1 being normal' }),
    ),
    voice: Type.Optional(SayVoice),
    bargeIn: Type.Optional(BargeIn),
  },
  { additionalProperties: false, description: 'How the text is spoken' },
);

export const SayAction = Type.Object(
  {
    say: Type.String({
      maxLength: 1400,
      description: 'Text to speak, interpolated; SSML when it starts with <speak; at most 1400 characters',
    }),
    options: Type.Optional(SayOptions),
    actionId: Type.Optional(ActionId),
  },
  { additionalProperties: false, description: 'Speaks a text to the caller' },
);
export type SayAction = Static<typeof SayAction>;
