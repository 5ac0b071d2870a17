/** Go To (section 5.9): jumps back to an earlier action a limited number of times. */
import { Type, type Static } from 'typebox';
import { ActionId, VariableName } from './common.js';

export const GoToOptions = Type.Object(
  {
    goToLimit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 100,
        default: 100,
        description: 'Passes that jump; the pass after the last one falls through to the next action',
      }),
    ),
    countVariable: Type.Optional(VariableName('receives how many times this Go To has been reached')),
  },
  { additionalProperties: false, description: 'How often to jump' },
);

export const GoToAction = Type.Object(
  {
    goTo: Type.Integer({
      minimum: 0,
      maximum: 2147483647,
      description:
        'actionId of the target: an earlier action on the current path, or an action enclosing this one',
    }),
    options: Type.Optional(GoToOptions),
    actionId: Type.Optional(ActionId),
  },
  { additionalProperties: false, description: 'Jumps back to an earlier action' },
);
export type GoToAction = Static<typeof GoToAction>;
