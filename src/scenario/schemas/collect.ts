/** Collect (section 5.3): reads DTMF digits into a variable; plays nothing itself. */
import { Type, type Static } from 'typebox';
import { ActionId, MappedValues, SendToReports, VariableName } from './common.js';

export const CollectOptions = Type.Object(
  {
    maxInputLength: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 255,
        default: 0,
        description: 'Most digits read before the input ends; 0 means 255',
      }),
    ),
    timeout: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 30,
        default: 5,
        description:
          'Seconds to wait for the first digit, and between digits unless interDigitTimeout is set',
      }),
    ),
    interDigitTimeout: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 30,
        description: 'Seconds to wait after each digit; defaults to timeout',
      }),
    ),
    sendToReports: Type.Optional(SendToReports),
    mappedValues: Type.Optional(MappedValues),
  },
  { additionalProperties: false, description: 'How digits are read' },
);

export const CollectAction = Type.Object(
  {
    collectInto: VariableName('receives the digits, without the terminating #'),
    options: Type.Optional(CollectOptions),
    actionId: Type.Optional(ActionId),
  },
  { additionalProperties: false, description: 'Reads the digits the caller types' },
);
export type CollectAction = Static<typeof CollectAction>;
