/**
 * Accounts and their sub-accounts, and the users who sign in to them.
 *
 * Visibility rule (one place): a tenant sees itself and its direct
 * sub-accounts; a sub-account never sees its parent or its siblings. Anything
 * outside that answers "not found", never "forbidden", so ids leak nothing.
 */
import * as argon2 from 'argon2';
import type { Selectable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { AccountsTable, UsersTable } from '../../db/schema.js';
import { toStoredTime, type Clock } from '../shared/clock.js';
import type { Page, PageRequest } from '../shared/paging.js';
import { isUniqueViolation } from '../shared/unique-violation.js';
import { AccountNotFound, LoginTaken, SubaccountNesting, SubaccountQuota, UserNotFound } from './errors.js';
import type { Account, AccountStatus, Tenant, User } from './types.js';

export interface AccountsServiceOptions {
  readonly db: Db;
  readonly clock: Clock;
}

export interface NewUser {
  readonly login: string;
  readonly email?: string | undefined;
  readonly password: string;
}

export interface AccountChanges {
  readonly name?: string | undefined;
  readonly status?: AccountStatus | undefined;
}

/** What the operator may change on any account. */
export interface OperatorAccountChanges extends AccountChanges {
  readonly inboundCalls?: boolean | undefined;
}

function toAccount(row: Selectable<AccountsTable>): Account {
  return {
    id: row.id,
    parentId: row.parent_id,
    name: row.name,
    status: row.status,
    maxSubaccounts: row.max_subaccounts,
    inboundCalls: row.inbound_calls !== 0,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toUser(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    accountId: row.account_id,
    login: row.login,
    email: row.email,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;

export function createAccountsService({ db, clock }: AccountsServiceOptions) {
  async function insertAccount(name: string, parentId: number | null): Promise<Account> {
    const now = toStoredTime(clock.now());
    const row = await db
      .insertInto('accounts')
      .values({
        name,
        parent_id: parentId,
        status: 'active',
        max_subaccounts: 120,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toAccount(row);
  }

  /** The sub-account `id` of `tenant`, or AccountNotFound. */
  async function getChild(tenant: Tenant, id: number): Promise<Account> {
    const row = await db
      .selectFrom('accounts')
      .selectAll()
      .where('id', '=', id)
      .where('parent_id', '=', tenant.accountId)
      .executeTakeFirst();
    if (row === undefined) throw AccountNotFound();
    return toAccount(row);
  }

  return {
    /** Operator: a new top-level account. */
    createAccount(name: string): Promise<Account> {
      return insertAccount(name, null);
    },

    async listAccounts(page: PageRequest): Promise<Page<Account>> {
      const [rows, count] = await Promise.all([
        db.selectFrom('accounts').selectAll().orderBy('id').limit(page.limit).offset(page.offset).execute(),
        db
          .selectFrom('accounts')
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toAccount), total: Number(count.n), ...page };
    },

    /** Operator: any account by id. */
    async getAccount(id: number): Promise<Account> {
      const row = await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
      if (row === undefined) throw AccountNotFound();
      return toAccount(row);
    },

    /** Operator: renames, disables or enables any account, or switches its inbound calls. */
    async updateAccount(id: number, changes: OperatorAccountChanges): Promise<Account> {
      const row = await db
        .updateTable('accounts')
        .set({
          ...(changes.name === undefined ? {} : { name: changes.name }),
          ...(changes.status === undefined ? {} : { status: changes.status }),
          ...(changes.inboundCalls === undefined ? {} : { inbound_calls: changes.inboundCalls ? 1 : 0 }),
          updated_at: toStoredTime(clock.now()),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      if (row === undefined) throw AccountNotFound();
      return toAccount(row);
    },

    /** The tenant's own account. */
    async getOwn(tenant: Tenant): Promise<Account> {
      const row = await db
        .selectFrom('accounts')
        .selectAll()
        .where('id', '=', tenant.accountId)
        .executeTakeFirst();
      if (row === undefined) throw AccountNotFound();
      return toAccount(row);
    },

    /** True when `tenant` may act on account `id` (itself or a direct sub-account). */
    async canSee(tenant: Tenant, id: number): Promise<boolean> {
      if (id === tenant.accountId) return true;
      const row = await db
        .selectFrom('accounts')
        .select('id')
        .where('id', '=', id)
        .where('parent_id', '=', tenant.accountId)
        .executeTakeFirst();
      return row !== undefined;
    },

    getSubaccount: getChild,

    async listSubaccounts(tenant: Tenant, page: PageRequest): Promise<Page<Account>> {
      const base = db.selectFrom('accounts').where('parent_id', '=', tenant.accountId);
      const [rows, count] = await Promise.all([
        base.selectAll().orderBy('id').limit(page.limit).offset(page.offset).execute(),
        base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toAccount), total: Number(count.n), ...page };
    },

    async createSubaccount(tenant: Tenant, name: string): Promise<Account> {
      if (tenant.parentId !== null) throw SubaccountNesting();
      const own = await db
        .selectFrom('accounts')
        .select('max_subaccounts')
        .where('id', '=', tenant.accountId)
        .executeTakeFirstOrThrow();
      const count = await db
        .selectFrom('accounts')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('parent_id', '=', tenant.accountId)
        .executeTakeFirstOrThrow();
      if (Number(count.n) >= own.max_subaccounts) {
        throw SubaccountQuota({ details: { quota: own.max_subaccounts } });
      }
      return insertAccount(name, tenant.accountId);
    },

    async updateSubaccount(tenant: Tenant, id: number, changes: AccountChanges): Promise<Account> {
      await getChild(tenant, id);
      const row = await db
        .updateTable('accounts')
        .set({
          ...(changes.name === undefined ? {} : { name: changes.name }),
          ...(changes.status === undefined ? {} : { status: changes.status }),
          updated_at: toStoredTime(clock.now()),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return toAccount(row);
    },

    async deleteSubaccount(tenant: Tenant, id: number): Promise<void> {
      await getChild(tenant, id);
      await db.deleteFrom('accounts').where('id', '=', id).execute();
    },

    /** A sign-in for `accountId`; the password is stored as an argon2id hash. */
    async createUser(accountId: number, user: NewUser): Promise<User> {
      const now = toStoredTime(clock.now());
      const passwordHash = await argon2.hash(user.password, { type: argon2.argon2id });
      try {
        const row = await db
          .insertInto('users')
          .values({
            account_id: accountId,
            login: user.login,
            email: user.email?.toLowerCase() ?? null,
            password_hash: passwordHash,
            created_at: now,
            updated_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toUser(row);
      } catch (error) {
        if (isUniqueViolation(error)) throw LoginTaken({ cause: error });
        throw error;
      }
    },

    async listUsers(tenant: Tenant): Promise<readonly User[]> {
      const rows = await db
        .selectFrom('users')
        .selectAll()
        .where('account_id', '=', tenant.accountId)
        .orderBy('id')
        .execute();
      return rows.map(toUser);
    },

    async deleteUser(tenant: Tenant, id: number): Promise<void> {
      const result = await db
        .deleteFrom('users')
        .where('id', '=', id)
        .where('account_id', '=', tenant.accountId)
        .executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) throw UserNotFound();
    },
  };
}
