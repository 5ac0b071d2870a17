/**
 * Voice apps of a tenant (seed 04's `App`), so far of package REALTIME10: create, list, read, change
 * and delete its own; another account's app answers "not found". Numbers are routed to an app by the
 * numbers service; a deleted app leaves its numbers on the tenant, unrouted (the foreign key's
 * `on delete set null`).
 */
import type { Selectable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { AppsTable } from '../../db/schema.js';
import { ValidationFailed } from '../../errors.js';
import type { Tenant } from '../accounts/types.js';
import { requireHttpTarget } from '../outbound/target-url.js';
import { toStoredTime, type Clock } from '../shared/clock.js';
import { withFreshId } from '../shared/fresh-id.js';
import { newObjectHash } from '../shared/object-hash.js';
import type { Page, PageRequest } from '../shared/paging.js';
import { AppNotFound } from './errors.js';
import { parseStoredParams, serializeParams, type StoredRealtimeParams } from './stored-params.js';
import type { App, AppChanges, AppNumber, AppPackage, NewApp, RealtimeParamsInput } from './types.js';

export interface AppsServiceOptions {
  readonly db: Db;
  readonly clock: Clock;
}

function toApp(row: Selectable<AppsTable>, numbers: readonly AppNumber[]): App {
  const params = parseStoredParams(row.params);
  return {
    hash: row.id,
    accountId: row.account_id,
    name: row.name,
    package: row.package as AppPackage,
    params: {
      url: params.url,
      login: params.login,
      passwordSet: params.password !== null,
      dataFormat: params.data_format,
    },
    numbers,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** HTTP Basic needs a login: a password alone is refused rather than sent with an empty user. */
function checkCredentials(params: StoredRealtimeParams): void {
  if (params.password === null || params.login !== null) return;
  throw ValidationFailed({
    message: 'body.params.password needs body.params.login (dependentRequired)',
    issues: [
      {
        path: ['body', 'params', 'password'],
        rule: 'dependentRequired',
        message: 'needs a login',
        limit: 'login',
      },
    ],
  });
}

/** The stored params with the given properties replacing theirs; removing the login removes the password. */
function merged(stored: StoredRealtimeParams, input: RealtimeParamsInput): StoredRealtimeParams {
  const login = input.login === undefined ? stored.login : input.login;
  const keptPassword = login === null ? null : stored.password;
  return {
    url: input.url ?? stored.url,
    login,
    password: input.password === undefined ? keptPassword : input.password,
    data_format: input.dataFormat ?? stored.data_format,
  };
}

export type AppsService = ReturnType<typeof createAppsService>;

export function createAppsService({ db, clock }: AppsServiceOptions) {
  async function findOwn(tenant: Tenant, hash: string): Promise<Selectable<AppsTable>> {
    const row = await db
      .selectFrom('apps')
      .selectAll()
      .where('id', '=', hash.toUpperCase())
      .where('account_id', '=', tenant.accountId)
      .executeTakeFirst();
    if (row === undefined) throw AppNotFound();
    return row;
  }

  /** The numbers routed to each of `appIds`, in number order. */
  async function numbersOf(appIds: readonly string[]): Promise<Map<string, AppNumber[]>> {
    const byApp = new Map<string, AppNumber[]>(appIds.map((id) => [id, []]));
    if (appIds.length === 0) return byApp;
    const rows = await db
      .selectFrom('numbers')
      .select(['app_id', 'number', 'hash'])
      .where('app_id', 'in', [...appIds])
      .orderBy('number')
      .execute();
    for (const row of rows) {
      if (row.app_id !== null) byApp.get(row.app_id)?.push({ number: row.number, hash: row.hash ?? '' });
    }
    return byApp;
  }

  async function withNumbers(row: Selectable<AppsTable>): Promise<App> {
    return toApp(row, (await numbersOf([row.id])).get(row.id) ?? []);
  }

  return {
    async create(tenant: Tenant, input: NewApp): Promise<App> {
      requireHttpTarget(input.params.url, ['body', 'params', 'url']);
      const params = merged(
        { url: input.params.url, login: null, password: null, data_format: 'JSON' },
        input.params,
      );
      checkCredentials(params);
      const now = toStoredTime(clock.now());
      const row = await withFreshId(newObjectHash, (id) =>
        db
          .insertInto('apps')
          .values({
            id,
            account_id: tenant.accountId,
            name: input.name,
            package: input.package,
            params: serializeParams(params),
            created_at: now,
            updated_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      return toApp(row, []);
    },

    async list(tenant: Tenant, request: PageRequest): Promise<Page<App>> {
      const base = db.selectFrom('apps').where('account_id', '=', tenant.accountId);
      const [rows, count] = await Promise.all([
        base
          .selectAll()
          .orderBy('created_at')
          .orderBy('id')
          .limit(request.limit)
          .offset(request.offset)
          .execute(),
        base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      const numbers = await numbersOf(rows.map((row) => row.id));
      return {
        items: rows.map((row) => toApp(row, numbers.get(row.id) ?? [])),
        total: Number(count.n),
        limit: request.limit,
        offset: request.offset,
      };
    },

    async get(tenant: Tenant, hash: string): Promise<App> {
      return withNumbers(await findOwn(tenant, hash));
    },

    async update(tenant: Tenant, hash: string, changes: AppChanges): Promise<App> {
      const row = await findOwn(tenant, hash);
      let params: string | undefined;
      if (changes.params !== undefined) {
        if (changes.params.url !== undefined)
          requireHttpTarget(changes.params.url, ['body', 'params', 'url']);
        const next = merged(parseStoredParams(row.params), changes.params);
        checkCredentials(next);
        params = serializeParams(next);
      }
      const updated = await db
        .updateTable('apps')
        .set({
          ...(changes.name === undefined ? {} : { name: changes.name }),
          ...(params === undefined ? {} : { params }),
          updated_at: toStoredTime(clock.now()),
        })
        .where('id', '=', row.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return withNumbers(updated);
    },

    async delete(tenant: Tenant, hash: string): Promise<void> {
      const row = await findOwn(tenant, hash);
      await db.deleteFrom('apps').where('id', '=', row.id).execute();
    },
  };
}
