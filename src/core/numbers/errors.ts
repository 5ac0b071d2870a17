import { defineError } from '../../errors.js';

export const NumberNotFound = defineError('VG_ERR_NUMBERS_NOT_FOUND', 404, 'number not found');
export const NumberTaken = defineError(
  'VG_ERR_NUMBERS_TAKEN',
  409,
  'the number already belongs to an account',
);
/** A route names a scenario the number's account does not own; `issues` names the field. */
export const NumberScenarioNotFound = defineError(
  'VG_ERR_NUMBERS_SCENARIO_NOT_FOUND',
  422,
  'the scenario does not exist in this account',
);
/** A route names an app the number's account does not own; `issues` names the field. */
export const NumberAppNotFound = defineError(
  'VG_ERR_NUMBERS_APP_NOT_FOUND',
  422,
  'the app does not exist in this account',
);

export const NumberReceptionistNotFound = defineError(
  'VG_ERR_NUMBERS_RECEPTIONIST_NOT_FOUND',
  422,
  'the receptionist does not exist in this account',
);
