/**
 * Inbound routing: which account and scenario (or real-time app, or receptionist) answer a
 * dialled number. The
 * telephony layer asks once per INVITE, so the steady state is one indexed
 * query and a compiled tree taken from the scenarios' revision cache.
 */
import type { Db } from '../../db/database.js';
import type { CompiledScenario } from '../../scenario/ast/nodes.js';
import { parseStoredParams } from '../apps/stored-params.js';
import { encodeSeedId } from '../receptionists/seed-id.js';
import type { ScenariosService } from '../scenarios/service.js';
import { parseDialledNumber } from './e164.js';
import { InboundStatus, type InboundDecision, type InboundScenario } from './types.js';

export interface InboundResolverOptions {
  readonly db: Db;
  readonly scenarios: Pick<ScenariosService, 'treeOfRevision'>;
}

export interface InboundResolver {
  /**
   * Decides an inbound call from the dialled user part (`+33…`, `33…`, `0033…`, separators and
   * `;parameters` allowed: see {@link parseDialledNumber}). Never throws for a bad number: a number
   * nobody owns, or text that is no number, is `not-found`.
   */
  resolveInbound(dialled: string): Promise<InboundDecision>;
  /** One of the account's scenarios, compiled, to run after a receptionist's menu; null when gone. */
  scenarioOf(accountId: number, scenarioId: string): Promise<InboundScenario | null>;
}

const NOT_FOUND: InboundDecision = Object.freeze({ status: InboundStatus.notFound });

export function createInboundResolver({ db, scenarios }: InboundResolverOptions): InboundResolver {
  /** The compiled tree of a scenario's revision, from the scenarios' cache or compiled once. */
  function treeOf(id: string, updatedAt: string): Promise<CompiledScenario> {
    return scenarios.treeOfRevision({ id, updated_at: updatedAt }, async () => {
      const stored = await db
        .selectFrom('scenarios')
        .select('document')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      return stored.document;
    });
  }

  return {
    async resolveInbound(dialled) {
      const number = parseDialledNumber(dialled);
      if (number === null) return NOT_FOUND;
      const row = await db
        .selectFrom('numbers')
        .innerJoin('accounts', 'accounts.id', 'numbers.account_id')
        .leftJoin('accounts as parent', 'parent.id', 'accounts.parent_id')
        .leftJoin('scenarios', 'scenarios.id', 'numbers.scenario_id')
        .leftJoin('apps', 'apps.id', 'numbers.app_id')
        .leftJoin('receptionists', 'receptionists.id', 'numbers.receptionist_id')
        .select([
          'numbers.id as number_id',
          'numbers.hash as number_hash',
          'numbers.account_id',
          'accounts.parent_id',
          'accounts.status',
          'accounts.inbound_calls',
          'parent.status as parent_status',
          'scenarios.id as scenario_id',
          'scenarios.name as scenario_name',
          'scenarios.updated_at as scenario_updated_at',
          'apps.id as app_id',
          'apps.name as app_name',
          'apps.params as app_params',
          'receptionists.id as receptionist_id',
          'receptionists.name as receptionist_name',
        ])
        .where('numbers.number', '=', number)
        .executeTakeFirst();
      if (row === undefined) return NOT_FOUND;
      const known = {
        accountId: row.account_id,
        numberId: row.number_id,
        numberHash: row.number_hash,
        number,
      };
      // A disabled account (or the child of one) cannot sign in; it takes no calls either.
      const refused =
        row.inbound_calls === 0 || row.status === 'disabled' || row.parent_status === 'disabled';
      if (refused) return { status: InboundStatus.forbidden, ...known };
      if (row.app_id !== null && row.app_name !== null && row.app_params !== null) {
        const params = parseStoredParams(row.app_params);
        return {
          status: InboundStatus.realtime,
          ...known,
          tenant: { accountId: row.account_id, parentId: row.parent_id },
          app: {
            hash: row.app_id,
            name: row.app_name,
            url: params.url,
            login: params.login,
            password: params.password,
          },
        };
      }
      const tenant = { accountId: row.account_id, parentId: row.parent_id };
      if (row.receptionist_id !== null && row.receptionist_name !== null) {
        return {
          status: InboundStatus.receptionist,
          ...known,
          tenant,
          receptionist: {
            id: row.receptionist_id,
            seedId: encodeSeedId(row.receptionist_id),
            name: row.receptionist_name,
          },
        };
      }
      const { scenario_id: id, scenario_name: name, scenario_updated_at: updatedAt } = row;
      if (id === null || name === null || updatedAt === null)
        return { status: InboundStatus.unrouted, ...known };
      return {
        status: InboundStatus.route,
        ...known,
        tenant,
        scenario: { id, name, tree: await treeOf(id, updatedAt) },
      };
    },

    async scenarioOf(accountId, scenarioId) {
      const row = await db
        .selectFrom('scenarios')
        .select(['id', 'name', 'updated_at'])
        .where('id', '=', scenarioId)
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      if (row === undefined) return null;
      return { id: row.id, name: row.name, tree: await treeOf(row.id, row.updated_at) };
    },
  };
}
