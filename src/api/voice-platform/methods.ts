/**
 * The JSON-RPC methods served so far (CALLR-METHODS.md section 2.12). Each
 * declares its positional parameters as a TypeBox tuple; the dispatcher
 * validates them before `run` sees them.
 */
import { Type, type TSchema } from 'typebox';
import type { Core } from '../../core/index.js';
import type { Principal, TenantPrincipal } from '../../core/credentials/types.js';
import type { ApiKeyInfo, SessionTokens } from '../../core/credentials/types.js';
import { ApiKeyNotFound } from '../../core/credentials/errors.js';
import { AuthenticationRequired } from '../../errors.js';
import { formatDatetime } from './format.js';

export interface RpcContext {
  readonly core: Core;
  readonly principal: Principal | null;
}

export interface RpcMethod {
  /** Positional parameters in order; trailing ones may be omitted when they accept null. */
  readonly params: readonly TSchema[];
  /** True for methods that take their credential as a parameter (session.refresh). */
  readonly public?: boolean;
  run(context: RpcContext, params: readonly unknown[]): Promise<unknown>;
}

function tenant(context: RpcContext): TenantPrincipal {
  if (context.principal?.kind !== 'tenant')
    throw AuthenticationRequired({ message: 'a tenant credential is required' });
  return context.principal;
}

function formatApiKey(key: ApiKeyInfo) {
  return {
    id: key.id,
    name: key.name,
    created_at: formatDatetime(key.createdAt),
    updated_at: formatDatetime(key.updatedAt),
    last_used_at: formatDatetime(key.lastUsedAt),
  };
}

function formatSession(session: SessionTokens) {
  return {
    token: session.token,
    valid_until: formatDatetime(session.validUntil),
    refresh_token: session.refreshToken,
    refreshable_until: formatDatetime(session.refreshableUntil),
  };
}

const KeyName = Type.String({ minLength: 1, maxLength: 64 });

export const METHODS: Readonly<Record<string, RpcMethod>> = {
  'system.get_timestamp': {
    params: [],
    run: () => Promise.resolve(Math.floor(Date.now() / 1000)),
  },
  'api-key.create': {
    params: [KeyName],
    async run(context, [name]) {
      const created = await context.core.credentials.createApiKey(
        tenant(context).tenant.accountId,
        name as string,
      );
      return { ...formatApiKey(created.info), token: created.key };
    },
  },
  'api-key.all': {
    params: [],
    async run(context) {
      return (await context.core.credentials.listApiKeys(tenant(context).tenant.accountId)).map(formatApiKey);
    },
  },
  'api-key.delete': {
    params: [Type.Integer({ minimum: 1 })],
    async run(context, [id]) {
      const accountId = tenant(context).tenant.accountId;
      const key = (await context.core.credentials.listApiKeys(accountId)).find((k) => k.id === id);
      if (key === undefined) throw ApiKeyNotFound();
      await context.core.credentials.revokeApiKey(key.prefix, [accountId]);
      return true;
    },
  },
  'session.create': {
    params: [],
    async run(context) {
      return formatSession(await context.core.credentials.openSession(tenant(context)));
    },
  },
  'session.refresh': {
    params: [Type.String({ minLength: 1, maxLength: 128 })],
    public: true,
    async run(context, [refreshToken]) {
      return formatSession(await context.core.credentials.refreshSession(refreshToken as string));
    },
  },
  'session.delete': {
    params: [],
    async run(context) {
      const principal = tenant(context);
      if (principal.sessionId !== null) await context.core.credentials.closeSession(principal.sessionId);
      return true;
    },
  },
};
