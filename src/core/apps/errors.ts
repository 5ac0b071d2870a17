import { defineError } from '../../errors.js';

export const AppNotFound = defineError('VG_ERR_APPS_NOT_FOUND', 404, 'app not found');
