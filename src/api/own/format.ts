/** How Voxgate's own endpoints show core objects and errors. */
import type { FastifyRequest } from 'fastify';
import type { Account, User } from '../../core/accounts/types.js';
import type { ApiKeyInfo, CreatedApiKey, SessionTokens } from '../../core/credentials/types.js';
import type { VoxgateError } from '../../errors.js';
import type { RenderedError } from '../plugins/dialect.js';
import { formatIssuePath } from '../plugins/validation.js';

export function formatAccount(account: Account) {
  return {
    id: account.id,
    parent_id: account.parentId,
    name: account.name,
    status: account.status,
    max_subaccounts: account.maxSubaccounts,
    inbound_calls: account.inboundCalls,
    created_at: account.createdAt,
    updated_at: account.updatedAt,
  };
}

export function formatKey(key: ApiKeyInfo) {
  return {
    prefix: key.prefix,
    name: key.name,
    account_id: key.accountId,
    created_at: key.createdAt,
    last_used_at: key.lastUsedAt,
  };
}

export function formatCreatedKey(created: CreatedApiKey) {
  return { ...formatKey(created.info), key: created.key };
}

export function formatUser(user: User) {
  return {
    id: user.id,
    account_id: user.accountId,
    login: user.login,
    email: user.email,
    created_at: user.createdAt,
  };
}

export function formatSession(session: SessionTokens) {
  return {
    token: session.token,
    valid_until: session.validUntil,
    refresh_token: session.refreshToken,
    refreshable_until: session.refreshableUntil,
  };
}

/**
 * `{"error": {"code", "message", "request_id", "issues": [{"field", "rule", "message", "limit"}]}}`;
 * a refused script adds `violations: [{"code", "path", "message"}]` (SCENARIO-LANGUAGE.md section 7).
 */
export function renderOwnError(error: VoxgateError, request: FastifyRequest): RenderedError {
  const violations = error.details['violations'];
  return {
    body: {
      error: {
        code: error.code,
        message: error.message,
        request_id: request.id,
        ...(error.issues.length === 0
          ? {}
          : {
              issues: error.issues.map((issue) => ({
                field: formatIssuePath(issue.path),
                rule: issue.rule,
                message: issue.message,
                ...(issue.limit === undefined ? {} : { limit: issue.limit }),
              })),
            }),
        ...(Array.isArray(violations) ? { violations } : {}),
      },
    },
  };
}
