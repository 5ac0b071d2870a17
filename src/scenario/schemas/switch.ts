/** Switch Case (section 5.22): runs the block whose key equals a value. */
import { Type, type Static } from 'typebox';
import { ActionId, Block, VariableName } from './common.js';

export const SwitchAction = Type.Object(
  {
    switch: Type.Union(
      [
        VariableName('the variable whose value picks the case'),
        Type.String({ pattern: '^\\$\\{[\\s\\S]*\\}$', description: 'An expression written ${...}' }),
      ],
      { description: 'The value compared with the case keys: a variable name, or an expression in ${...}' },
    ),
    case: Type.Object(
      {
        __default: Type.Optional(Block('Runs when no key matches')),
      },
      {
        additionalProperties: Block('Runs when the value equals the key exactly'),
        maxProperties: 100,
        description: 'Case key to block; keys compare exactly, case-sensitive; at most 100 keys',
      },
    ),
    actionId: Type.Optional(ActionId),
  },
  { additionalProperties: false, description: 'Picks a block by value' },
);
export type SwitchAction = Static<typeof SwitchAction>;
