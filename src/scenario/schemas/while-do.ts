/** While Do (section 5.23): tests a condition before each pass of a block. */
import { Type, type Static } from 'typebox';
import { ActionId, Block, Expression } from './common.js';

export const WhileDoAction = Type.Object(
  {
    while: Expression('tested before each pass; the block runs while it is true, possibly never'),
    do: Block('The loop body; must not be empty'),
    actionId: Type.Optional(ActionId),
  },
  {
    additionalProperties: false,
    description: 'Repeats a block while a condition is true, testing before each pass',
  },
);
export type WhileDoAction = Static<typeof WhileDoAction>;
