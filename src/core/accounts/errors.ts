import { defineError } from '../../errors.js';

export const AccountNotFound = defineError('VG_ERR_ACCOUNTS_NOT_FOUND', 404, 'account not found');
export const UserNotFound = defineError('VG_ERR_ACCOUNTS_USER_NOT_FOUND', 404, 'user not found');
export const LoginTaken = defineError('VG_ERR_ACCOUNTS_LOGIN_TAKEN', 409, 'login or e-mail already in use');
export const SubaccountQuota = defineError(
  'VG_ERR_ACCOUNTS_SUBACCOUNT_QUOTA',
  409,
  'the account has reached its sub-account quota',
);
export const SubaccountNesting = defineError(
  'VG_ERR_ACCOUNTS_NESTING',
  409,
  'a sub-account cannot have sub-accounts of its own',
);
