/**
 * API keys, session tokens and password checks: everything that turns a
 * credential into exactly one {@link Principal}.
 */
import * as argon2 from 'argon2';
import type { Selectable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { ApiKeysTable } from '../../db/schema.js';
import type { Tenant } from '../accounts/types.js';
import { toStoredTime, type Clock } from '../shared/clock.js';
import { ApiKeyNotFound, LoginFailed, RefreshTokenInvalid } from './errors.js';
import {
  API_KEY_HEX_LENGTH,
  API_KEY_PREFIX_LENGTH,
  SESSION_TOKEN_HEX_LENGTH,
  generateHexToken,
  hashToken,
  isHexToken,
} from './tokens.js';
import type { ApiKeyInfo, CreatedApiKey, Principal, SessionTokens, TenantPrincipal } from './types.js';

export interface CredentialsServiceOptions {
  readonly db: Db;
  readonly clock: Clock;
  readonly sessionTtlSeconds: number;
  readonly sessionRefreshSeconds: number;
}

/** `last_used_at` is a hint, not an audit trail: write it at most this often per key. */
const LAST_USED_WRITE_INTERVAL_MS = 60_000;
/** The name of the operator key stored from VOXGATE_ADMIN_KEY. */
const ENV_OPERATOR_KEY_NAME = 'VOXGATE_ADMIN_KEY';

function toKeyInfo(row: Selectable<ApiKeysTable>): ApiKeyInfo {
  return {
    id: row.id,
    accountId: row.account_id,
    prefix: row.prefix,
    name: row.name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

export type CredentialsService = ReturnType<typeof createCredentialsService>;

export function createCredentialsService(options: CredentialsServiceOptions) {
  const { db, clock } = options;
  const lastUsedWrites = new Map<number, number>();

  /** Records use of a key, at most once a minute per key; awaited, so no write outlives its request. */
  async function touchKey(id: number): Promise<void> {
    const nowMs = clock.now().getTime();
    const last = lastUsedWrites.get(id);
    if (last !== undefined && nowMs - last < LAST_USED_WRITE_INTERVAL_MS) return;
    lastUsedWrites.set(id, nowMs);
    await db
      .updateTable('api_keys')
      .set({ last_used_at: toStoredTime(new Date(nowMs)) })
      .where('id', '=', id)
      .execute();
  }

  async function insertKey(accountId: number | null, name: string): Promise<CreatedApiKey> {
    const key = generateHexToken(API_KEY_HEX_LENGTH);
    const now = toStoredTime(clock.now());
    const row = await db
      .insertInto('api_keys')
      .values({
        account_id: accountId,
        prefix: key.slice(0, API_KEY_PREFIX_LENGTH),
        token_hash: hashToken(key),
        name,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { key, info: toKeyInfo(row) };
  }

  async function issueSession(tenant: Tenant, userId: number | null, opened?: Date): Promise<SessionTokens> {
    const now = clock.now();
    const start = opened ?? now;
    const token = generateHexToken(SESSION_TOKEN_HEX_LENGTH);
    const refreshToken = generateHexToken(SESSION_TOKEN_HEX_LENGTH);
    const refreshableUntil = new Date(start.getTime() + options.sessionRefreshSeconds * 1000);
    const validUntil = new Date(
      Math.min(now.getTime() + options.sessionTtlSeconds * 1000, refreshableUntil.getTime()),
    );
    await db
      .insertInto('sessions')
      .values({
        account_id: tenant.accountId,
        user_id: userId,
        token_hash: hashToken(token),
        refresh_hash: hashToken(refreshToken),
        valid_until: toStoredTime(validUntil),
        refreshable_until: toStoredTime(refreshableUntil),
        created_at: toStoredTime(start),
      })
      .execute();
    return {
      token,
      validUntil: toStoredTime(validUntil),
      refreshToken,
      refreshableUntil: toStoredTime(refreshableUntil),
    };
  }

  async function findKey(token: string): Promise<Principal | null> {
    const row = await db
      .selectFrom('api_keys as k')
      .leftJoin('accounts as a', 'a.id', 'k.account_id')
      .leftJoin('accounts as p', 'p.id', 'a.parent_id')
      .select(['k.id', 'k.account_id', 'a.parent_id', 'a.status', 'p.status as parent_status'])
      .where('k.token_hash', '=', hashToken(token))
      .where('k.revoked_at', 'is', null)
      .executeTakeFirst();
    if (row === undefined) return null;
    await touchKey(row.id);
    if (row.account_id === null) return { kind: 'operator', credentialId: `key:${row.id}` };
    if (row.status !== 'active' || (row.parent_status !== null && row.parent_status !== 'active'))
      return null;
    return {
      kind: 'tenant',
      tenant: { accountId: row.account_id, parentId: row.parent_id },
      credentialId: `key:${row.id}`,
      via: 'api-key',
      userId: null,
      sessionId: null,
    };
  }

  async function findSession(token: string): Promise<Principal | null> {
    const row = await db
      .selectFrom('sessions as s')
      .innerJoin('accounts as a', 'a.id', 's.account_id')
      .leftJoin('accounts as p', 'p.id', 'a.parent_id')
      .select([
        's.id',
        's.account_id',
        's.user_id',
        's.valid_until',
        'a.parent_id',
        'a.status',
        'p.status as parent_status',
      ])
      .where('s.token_hash', '=', hashToken(token))
      .where('s.revoked_at', 'is', null)
      .executeTakeFirst();
    if (row === undefined || row.valid_until <= toStoredTime(clock.now())) return null;
    if (row.status !== 'active' || (row.parent_status !== null && row.parent_status !== 'active'))
      return null;
    return {
      kind: 'tenant',
      tenant: { accountId: row.account_id, parentId: row.parent_id },
      credentialId: `session:${row.id}`,
      via: 'session',
      userId: row.user_id,
      sessionId: row.id,
    };
  }

  /** Checks a login (or e-mail) and password; null when either is wrong or the account is off. */
  async function verifyPassword(login: string, password: string): Promise<TenantPrincipal | null> {
    const row = await db
      .selectFrom('users as u')
      .innerJoin('accounts as a', 'a.id', 'u.account_id')
      .leftJoin('accounts as p', 'p.id', 'a.parent_id')
      .select([
        'u.id',
        'u.account_id',
        'u.password_hash',
        'a.parent_id',
        'a.status',
        'p.status as parent_status',
      ])
      .where((eb) => eb.or([eb('u.login', '=', login), eb('u.email', '=', login.toLowerCase())]))
      .executeTakeFirst();
    if (row === undefined) return null;
    if (!(await argon2.verify(row.password_hash, password))) return null;
    if (row.status !== 'active' || (row.parent_status !== null && row.parent_status !== 'active'))
      return null;
    return {
      kind: 'tenant',
      tenant: { accountId: row.account_id, parentId: row.parent_id },
      credentialId: `user:${row.id}`,
      via: 'password',
      userId: row.id,
      sessionId: null,
    };
  }

  return {
    /** A bearer-style secret (API key or session token) to its principal, or null. */
    authenticateToken(token: string): Promise<Principal | null> {
      if (isHexToken(token, API_KEY_HEX_LENGTH)) return findKey(token.toLowerCase());
      if (isHexToken(token, SESSION_TOKEN_HEX_LENGTH)) return findSession(token.toLowerCase());
      // Operator keys set through VOXGATE_ADMIN_KEY may have any form.
      return findKey(token);
    },

    authenticatePassword: verifyPassword,

    createApiKey(accountId: number, name: string): Promise<CreatedApiKey> {
      return insertKey(accountId, name);
    },

    async listApiKeys(accountId: number): Promise<readonly ApiKeyInfo[]> {
      const rows = await db
        .selectFrom('api_keys')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('revoked_at', 'is', null)
        .orderBy('id')
        .execute();
      return rows.map(toKeyInfo);
    },

    /**
     * Revokes the key with `prefix` if it belongs to one of `accountIds`
     * (null: the operator, who may revoke any key); else ApiKeyNotFound.
     */
    async revokeApiKey(prefix: string, accountIds: readonly number[] | null): Promise<ApiKeyInfo> {
      const now = toStoredTime(clock.now());
      let query = db
        .updateTable('api_keys')
        .set({ revoked_at: now, updated_at: now })
        .where('prefix', '=', prefix.toLowerCase())
        .where('revoked_at', 'is', null);
      if (accountIds !== null) {
        if (accountIds.length === 0) throw ApiKeyNotFound();
        query = query.where('account_id', 'in', accountIds);
      }
      const row = await query.returningAll().executeTakeFirst();
      if (row === undefined) throw ApiKeyNotFound();
      return toKeyInfo(row);
    },

    /**
     * Makes sure an operator key exists. With `configured` (VOXGATE_ADMIN_KEY)
     * that key is stored (hashed) and no other operator key is generated;
     * without it, a key is generated on first start and returned once.
     */
    async ensureOperatorKey(configured: string | undefined): Promise<{ generated: string | null }> {
      if (configured !== undefined) {
        const hash = hashToken(configured);
        // A changed VOXGATE_ADMIN_KEY replaces the one set before; keys generated or made by hand stay.
        const now = toStoredTime(clock.now());
        await db
          .updateTable('api_keys')
          .set({ revoked_at: now, updated_at: now })
          .where('account_id', 'is', null)
          .where('name', '=', ENV_OPERATOR_KEY_NAME)
          .where('token_hash', '!=', hash)
          .where('revoked_at', 'is', null)
          .execute();
        const existing = await db
          .selectFrom('api_keys')
          .select('id')
          .where('token_hash', '=', hash)
          .executeTakeFirst();
        if (existing === undefined) {
          await db
            .insertInto('api_keys')
            .values({
              account_id: null,
              prefix: `env-${hash.slice(0, 8)}`,
              token_hash: hash,
              name: ENV_OPERATOR_KEY_NAME,
              created_at: now,
              updated_at: now,
            })
            .execute();
        }
        return { generated: null };
      }
      const any = await db
        .selectFrom('api_keys')
        .select('id')
        .where('account_id', 'is', null)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (any !== undefined) return { generated: null };
      const created = await insertKey(null, 'operator');
      return { generated: created.key };
    },

    /** Opens a session for the credential that authenticated this request. */
    openSession(principal: TenantPrincipal): Promise<SessionTokens> {
      return issueSession(principal.tenant, principal.userId);
    },

    /** `POST /v1/auth`: e-mail (or login) and password to a new session. */
    async login(login: string, password: string): Promise<SessionTokens> {
      const principal = await verifyPassword(login, password);
      if (principal === null) throw LoginFailed();
      return issueSession(principal.tenant, principal.userId);
    },

    /**
     * Trades a refresh token for a new session. The old session and its
     * refresh token stop working; the new one can be refreshed until the
     * first one's `refreshable_until`, so refreshing never extends the chain.
     */
    async refreshSession(refreshToken: string): Promise<SessionTokens> {
      if (!isHexToken(refreshToken, SESSION_TOKEN_HEX_LENGTH)) throw RefreshTokenInvalid();
      const now = clock.now();
      const row = await db
        .updateTable('sessions')
        .set({ revoked_at: toStoredTime(now) })
        .where('refresh_hash', '=', hashToken(refreshToken.toLowerCase()))
        .where('revoked_at', 'is', null)
        .where('refreshable_until', '>', toStoredTime(now))
        .returning(['account_id', 'user_id', 'created_at'])
        .executeTakeFirst();
      if (row === undefined) throw RefreshTokenInvalid();
      const account = await db
        .selectFrom('accounts')
        .select(['id', 'parent_id', 'status'])
        .where('id', '=', row.account_id)
        .executeTakeFirst();
      if (account === undefined || account.status !== 'active') throw RefreshTokenInvalid();
      return issueSession(
        { accountId: account.id, parentId: account.parent_id },
        row.user_id,
        new Date(row.created_at),
      );
    },

    /** Ends the session a request came with. */
    async closeSession(sessionId: number): Promise<void> {
      await db
        .updateTable('sessions')
        .set({ revoked_at: toStoredTime(clock.now()) })
        .where('id', '=', sessionId)
        .execute();
    },
  };
}
