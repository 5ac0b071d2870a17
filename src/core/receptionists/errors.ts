import { defineError } from '../../errors.js';

export const ReceptionistNotFound = defineError(
  'VG_ERR_RECEPTIONISTS_NOT_FOUND',
  404,
  'receptionist not found',
);
export const ActionUrlNotFound = defineError('VG_ERR_ACTION_URLS_NOT_FOUND', 404, 'action url not found');
/** A menu option names a scenario the receptionist's account does not own; `issues` names the key. */
export const ReceptionistScenarioNotFound = defineError(
  'VG_ERR_RECEPTIONISTS_NO_SCENARIO',
  422,
  'the scenario does not exist in this account',
);
/** A receptionist holds at most MAX_ACTION_URLS action URLs: every call in the menu reads them all. */
export const ActionUrlLimit = defineError(
  'VG_ERR_ACTION_URLS_LIMIT',
  409,
  'the receptionist has as many action urls as it may',
);
