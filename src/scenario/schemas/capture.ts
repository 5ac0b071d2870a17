/** Capture (section 5.2): speech recognition against key phrases, or digits (add-on speech). */
import { Type, type Static } from 'typebox';
import { ActionId, MappedValues, SendToReports, VariableName } from './common.js';

export const CaptureSpeechOptions = Type.Object(
  {
    language: Type.String({
      pattern: '^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,3}$',
      description: 'Locale of the recogniser, such as en-US; support is checked when the call runs',
    }),
    keyPhrases: Type.Optional(
      Type.Array(
        Type.String({
          pattern: '^\\s*\\S+(?:\\s+\\S+){0,4}\\s*$',
          description: 'A phrase of one to five words',
        }),
        { maxItems: 100, description: 'Phrases to look for, first match in list order wins; at most 100' },
      ),
    ),
    maxSilence: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 5,
        default: 2,
        description: 'Seconds of silence after speech that end the utterance',
      }),
    ),
  },
  { additionalProperties: false, description: 'How speech is recognised' },
);

export const CaptureDtmfOptions = Type.Object(
  {
    maxInputLength: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 255,
        default: 255,
        description: 'Most digits read when the caller types instead of speaking',
      }),
    ),
    mappedValues: Type.Optional(MappedValues),
  },
  { additionalProperties: false, description: 'How typed digits are read' },
);

export const CaptureAction = Type.Object(
  {
    capture: VariableName('receives the matched phrase, the transcript or the digits'),
    timeout: Type.Integer({
      minimum: 1,
      maximum: 30,
      description: 'Seconds from the start that cap the capture; the inter-digit timeout in DTMF mode',
    }),
    speechOptions: CaptureSpeechOptions,
    dtmfOptions: Type.Optional(CaptureDtmfOptions),
    sendToReports: Type.Optional(SendToReports),
    actionId: Type.Optional(ActionId),
  },
  {
    additionalProperties: false,
    description: 'Listens for speech (or digits) and stores what was understood',
  },
);
export type CaptureAction = Static<typeof CaptureAction>;
