import { defineError } from '../../errors.js';

export const CallNotFound = defineError('VG_ERR_CALLS_NOT_FOUND', 404, 'call not found');
export const CallEnded = defineError('VG_ERR_CALLS_ENDED', 409, 'the call has already ended');
/** The record says live, but no call with this id runs on this node (another node, or one that stopped). */
export const CallNotHere = defineError('VG_ERR_CALLS_NOT_HERE', 409, 'the call is not running on this node');
