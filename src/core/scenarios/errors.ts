import { defineError } from '../../errors.js';

export const ScenarioNotFound = defineError('VG_ERR_SCENARIOS_NOT_FOUND', 404, 'scenario not found');
/** The script broke the language's rules; `details.violations` lists each with its code and path. */
export const ScenarioInvalid = defineError('VG_ERR_SCENARIOS_INVALID', 400, 'invalid scenario');
/** A number routes to the scenario; deleting it would leave the number's calls nowhere to go. */
export const ScenarioInUse = defineError('VG_ERR_SCENARIOS_IN_USE', 409, 'a number routes to this scenario');
