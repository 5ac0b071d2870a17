/**
 * Numbers (DIDs): the operator gives them to accounts; each account routes
 * its own to one of its scenarios. A number belongs to one account at most,
 * and a tenant sees only its own (anything else answers "not found").
 */
import type { Selectable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { NumbersTable } from '../../db/schema.js';
import { ValidationFailed } from '../../errors.js';
import { AccountNotFound } from '../accounts/errors.js';
import type { Tenant } from '../accounts/types.js';
import { toStoredTime, type Clock } from '../shared/clock.js';
import type { Page, PageRequest } from '../shared/paging.js';
import { isUniqueViolation } from '../shared/unique-violation.js';
import type { Outbox } from '../events/outbox.js';
import { newObjectHash } from '../shared/object-hash.js';
import { encodeSeedId } from '../receptionists/seed-id.js';
import { toDidObject } from './did-object.js';
import { toE164 } from './e164.js';
import {
  NumberAppNotFound,
  NumberReceptionistNotFound,
  NumberNotFound,
  NumberScenarioNotFound,
  NumberTaken,
} from './errors.js';
import type { NumberListQuery, NumberRoute, PhoneNumber } from './types.js';

export interface NumbersServiceOptions {
  readonly db: Db;
  readonly clock: Clock;
  /** Where `did.assigned` / `did.unassigned` are written, in the change's transaction. */
  readonly outbox: Outbox;
}

/** A fresh hash that met an existing one is drawn again; more than this many times is not chance. */
const HASH_ATTEMPTS = 4;

function toPhoneNumber(row: Selectable<NumbersTable>): PhoneNumber {
  return {
    id: row.id,
    number: row.number,
    hash: row.hash ?? '',
    accountId: row.account_id,
    scenarioId: row.scenario_id,
    receptionistId: row.receptionist_id === null ? null : encodeSeedId(row.receptionist_id),
    appId: row.app_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** What seed 04's DID `app` names: whatever the number routes to, or null. */
function appOf(
  row: Pick<Selectable<NumbersTable>, 'scenario_id' | 'app_id' | 'receptionist_id'>,
): string | null {
  if (row.receptionist_id !== null) return encodeSeedId(row.receptionist_id);
  return row.app_id ?? row.scenario_id;
}

/** The canonical form of a number named in a lookup; a malformed one names no number. */
function lookupKey(number: string): string {
  const canonical = toE164(number);
  if (canonical === null) throw NumberNotFound();
  return canonical;
}

export type NumbersService = ReturnType<typeof createNumbersService>;

export function createNumbersService({ db, clock, outbox }: NumbersServiceOptions) {
  async function page(query: NumberListQuery, accountId?: number): Promise<Page<PhoneNumber>> {
    let base = db.selectFrom('numbers');
    if (accountId !== undefined) base = base.where('account_id', '=', accountId);
    const [rows, count] = await Promise.all([
      base.selectAll().orderBy('number').limit(query.limit).offset(query.offset).execute(),
      base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return {
      items: rows.map(toPhoneNumber),
      total: Number(count.n),
      limit: query.limit,
      offset: query.offset,
    };
  }

  async function findOwn(tenant: Tenant, number: string): Promise<Selectable<NumbersTable>> {
    const row = await db
      .selectFrom('numbers')
      .selectAll()
      .where('number', '=', lookupKey(number))
      .where('account_id', '=', tenant.accountId)
      .executeTakeFirst();
    if (row === undefined) throw NumberNotFound();
    return row;
  }

  return {
    /** Operator: gives `number` (E.164, `+` optional) to an account, unrouted. */
    async add(accountId: number, number: string): Promise<PhoneNumber> {
      const canonical = toE164(number);
      if (canonical === null) {
        throw ValidationFailed({
          message: 'number is not an E.164 number',
          issues: [{ path: ['number'], rule: 'format', message: 'is not an E.164 number', limit: 'e164' }],
        });
      }
      const account = await db
        .selectFrom('accounts')
        .select('id')
        .where('id', '=', accountId)
        .executeTakeFirst();
      if (account === undefined) throw AccountNotFound();
      const now = toStoredTime(clock.now());
      for (let attempt = 1; ; attempt += 1) {
        const hash = newObjectHash();
        try {
          const row = await db.transaction().execute(async (trx) => {
            const inserted = await trx
              .insertInto('numbers')
              .values({
                number: canonical,
                hash,
                account_id: accountId,
                scenario_id: null,
                created_at: now,
                updated_at: now,
              })
              .returningAll()
              .executeTakeFirstOrThrow();
            await outbox.record(trx, {
              accountId,
              type: 'did.assigned',
              data: toDidObject({ hash, number: canonical, app: null }),
            });
            return inserted;
          });
          return toPhoneNumber(row);
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
          const owner = await db
            .selectFrom('numbers')
            .select('id')
            .where('number', '=', canonical)
            .executeTakeFirst();
          if (owner !== undefined) throw NumberTaken({ cause: error, details: { number: canonical } });
          if (attempt >= HASH_ATTEMPTS) throw error;
        }
      }
    },

    /** Operator: every number, or one account's, in number order. */
    list(query: NumberListQuery): Promise<Page<PhoneNumber>> {
      return page(query, query.accountId);
    },

    /** Operator: takes the number back from its account; its call records keep the number's text. */
    async remove(number: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const removed = await trx
          .deleteFrom('numbers')
          .where('number', '=', lookupKey(number))
          .returning(['account_id', 'number', 'hash', 'scenario_id', 'app_id', 'receptionist_id'])
          .executeTakeFirst();
        if (removed === undefined) throw NumberNotFound();
        await outbox.record(trx, {
          accountId: removed.account_id,
          type: 'did.unassigned',
          data: toDidObject({
            hash: removed.hash ?? '',
            number: removed.number,
            app: appOf(removed),
          }),
        });
      });
    },

    listOwn(tenant: Tenant, request: PageRequest): Promise<Page<PhoneNumber>> {
      return page(request, tenant.accountId);
    },

    async getOwn(tenant: Tenant, number: string): Promise<PhoneNumber> {
      return toPhoneNumber(await findOwn(tenant, number));
    },

    /**
     * Routes the tenant's number to one of its scenarios (a scenario id, or `{kind: 'scenario'}`) or
     * to one of its real-time apps (`{kind: 'app'}`), never both, or unroutes it (`null`). A scenario
     * or app of another account is refused as unknown (NumberScenarioNotFound, NumberAppNotFound),
     * never revealed.
     */
    async route(tenant: Tenant, number: string, to: NumberRoute | string | null): Promise<PhoneNumber> {
      const row = await findOwn(tenant, number);
      const target: NumberRoute | null = typeof to === 'string' ? { kind: 'scenario', id: to } : to;
      let scenarioId: string | null = null;
      let appId: string | null = null;
      let receptionistId: string | null = null;
      if (target?.kind === 'scenario') {
        scenarioId = target.id.toUpperCase();
        const scenario = await db
          .selectFrom('scenarios')
          .select('id')
          .where('id', '=', scenarioId)
          .where('account_id', '=', tenant.accountId)
          .executeTakeFirst();
        if (scenario === undefined) throw NumberScenarioNotFound();
      } else if (target?.kind === 'app') {
        appId = target.hash.toUpperCase();
        const app = await db
          .selectFrom('apps')
          .select('id')
          .where('id', '=', appId)
          .where('account_id', '=', tenant.accountId)
          .executeTakeFirst();
        if (app === undefined) throw NumberAppNotFound();
      } else if (target?.kind === 'receptionist') {
        receptionistId = target.id;
        const receptionist = await db
          .selectFrom('receptionists')
          .select('id')
          .where('id', '=', receptionistId)
          .where('account_id', '=', tenant.accountId)
          .executeTakeFirst();
        if (receptionist === undefined) throw NumberReceptionistNotFound();
      }
      const updated = await db
        .updateTable('numbers')
        .set({
          scenario_id: scenarioId,
          app_id: appId,
          receptionist_id: receptionistId,
          updated_at: toStoredTime(clock.now()),
        })
        .where('id', '=', row.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return toPhoneNumber(updated);
    },
  };
}
