/** Repeat Until (section 5.17, deprecated): runs a block, then stops once a condition holds. */
import { Type, type Static } from 'typebox';
import { ActionId, Block, Expression } from './common.js';

export const RepeatUntilAction = Type.Object(
  {
    repeat: Block('Runs at least once; must not be empty'),
    until: Expression('tested after each pass; true (or a failed evaluation) ends the loop'),
    actionId: Type.Optional(ActionId),
  },
  { additionalProperties: false, description: 'Deprecated: repeats a block until a condition is true' },
);
export type RepeatUntilAction = Static<typeof RepeatUntilAction>;
