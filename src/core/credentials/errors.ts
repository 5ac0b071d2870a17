import { defineError } from '../../errors.js';

export const ApiKeyNotFound = defineError('VG_ERR_CREDENTIALS_KEY_NOT_FOUND', 404, 'API key not found');
export const RefreshTokenInvalid = defineError(
  'VG_ERR_CREDENTIALS_REFRESH_INVALID',
  401,
  'the refresh token is unknown, used or expired',
);
export const LoginFailed = defineError('VG_ERR_CREDENTIALS_LOGIN_FAILED', 401, 'wrong e-mail or password');
