/** For Each (section 5.8): runs a block once per item of a delimited list. */
import { Type, type Static } from 'typebox';
import { ActionId, Block, VariableName } from './common.js';

export const ForEachAction = Type.Object(
  {
    'for-each': VariableName('receives each item in turn; <name>_Index receives its 1-based position'),
    in: Type.String({ description: 'The list, interpolated once, then split on the delimiter' }),
    delimiter: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 10,
        default: ',',
        description: 'Separator between items, taken literally; items are trimmed and empty ones dropped',
      }),
    ),
    do: Block('Runs once per item; must not be empty'),
    actionId: Type.Optional(ActionId),
  },
  { additionalProperties: false, description: 'Repeats a block for each item of a list' },
);
export type ForEachAction = Static<typeof ForEachAction>;
