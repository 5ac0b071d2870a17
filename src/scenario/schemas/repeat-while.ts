/** Repeat While (section 5.18): runs a block, then again as long as a condition holds. */
import { Type, type Static } from 'typebox';
import { ActionId, Block, Expression } from './common.js';

export const RepeatWhileAction = Type.Object(
  {
    repeat: Block('Runs at least once; must not be empty'),
    while: Expression('tested after each pass; the loop goes on while it is true'),
    actionId: Type.Optional(ActionId),
  },
  {
    additionalProperties: false,
    description: 'Repeats a block while a condition is true, testing after each pass',
  },
);
export type RepeatWhileAction = Static<typeof RepeatWhileAction>;
