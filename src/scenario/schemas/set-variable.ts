/** Set Variable (section 5.21): stores a value in a variable. */
import { Type, type Static } from 'typebox';
import { ActionId, VariableName } from './common.js';

export const SetVariableAction = Type.Object(
  {
    setVariable: VariableName('the variable to set'),
    value: Type.Union([Type.String(), Type.Number(), Type.Boolean()], {
      description:
        'The value, interpolated (so ${counter + 1} counts); a number or boolean is stored as text',
    }),
    actionId: Type.Optional(ActionId),
  },
  { additionalProperties: false, description: 'Assigns a variable' },
);
export type SetVariableAction = Static<typeof SetVariableAction>;
