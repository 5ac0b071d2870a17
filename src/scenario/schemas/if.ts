/** If Then Else (section 5.11): runs one of two blocks depending on a condition. */
import { Type, type Static } from 'typebox';
import { ActionId, Block, Expression } from './common.js';

export const IfAction = Type.Object(
  {
    if: Expression('the condition; a failed evaluation counts as false'),
    then: Type.Optional(Block('Runs when the condition is true', { default: [] })),
    else: Type.Optional(Block('Runs when the condition is false', { default: [] })),
    actionId: Type.Optional(ActionId),
  },
  {
    additionalProperties: false,
    description: 'Branches on a condition; then and else may not both be empty',
  },
);
export type IfAction = Static<typeof IfAction>;
