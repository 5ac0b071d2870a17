/**
 * Seed-02 scenarios: stored as submitted, compiled on every save so a broken
 * script is refused with every violation at once, and compiled again (once,
 * cached by revision) when a call or a simulation needs the tree.
 */
import { randomBytes } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { ScenariosTable } from '../../db/schema.js';
import type { CompiledScenario } from '../../scenario/ast/nodes.js';
import { compileScenario, type CompileOptions, type CompileResult } from '../../scenario/compiler/index.js';
import type { Tenant } from '../accounts/types.js';
import { toStoredTime, type Clock } from '../shared/clock.js';
import { ScenarioInUse, ScenarioInvalid, ScenarioNotFound } from './errors.js';
import type {
  SavedScenario,
  Scenario,
  ScenarioDocumentFields,
  ScenarioInput,
  ScenarioListQuery,
} from './types.js';

export interface ScenariosServiceOptions {
  readonly db: Db;
  readonly clock: Clock;
  readonly compileOptions?: CompileOptions;
}

/** Seed 02's id: 32 upper-case hex characters. */
export function newScenarioId(): string {
  return randomBytes(16).toString('hex').toUpperCase();
}

function documentOf(input: ScenarioDocumentFields): ScenarioDocumentFields {
  return {
    script: input.script,
    ...(input.onHangup === undefined ? {} : { onHangup: input.onHangup }),
    ...(input.variables === undefined ? {} : { variables: input.variables }),
    ...(input.record === undefined ? {} : { record: input.record }),
    ...(input.notifyUrl === undefined ? {} : { notifyUrl: input.notifyUrl }),
    ...(input.notifyContentType === undefined ? {} : { notifyContentType: input.notifyContentType }),
  };
}

function toScenario(row: Selectable<ScenariosTable>): Scenario {
  const document = JSON.parse(row.document) as ScenarioDocumentFields;
  return {
    ...documentOf(document),
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    description: row.description,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastUsageDate: row.last_usage_date,
  };
}

/** How many routed numbers a refused deletion names. */
const MAX_NAMED_NUMBERS = 5;

/** Compiled trees kept; the oldest revision goes first. Each is a few kilobytes. */
const MAX_COMPILED_TREES = 1000;

export type ScenariosService = ReturnType<typeof createScenariosService>;

export function createScenariosService({ db, clock, compileOptions }: ScenariosServiceOptions) {
  const compiled = new Map<string, CompiledScenario>();

  function check(input: ScenarioDocumentFields): CompileResult & { ok: true } {
    const result = compileScenario(input, compileOptions);
    if (!result.ok) {
      const count = result.errors.length;
      throw ScenarioInvalid({
        message: `Invalid scenario: ${count} error${count === 1 ? '' : 's'}`,
        details: { violations: result.errors, warnings: result.warnings },
      });
    }
    return result;
  }

  /**
   * The tree of one stored revision (`updated_at` names it), from the cache or compiled now from
   * its stored document: callers that already hold the id and revision (inbound routing) read
   * the document only when the cache misses.
   */
  async function treeOfRevision(
    revision: { readonly id: string; readonly updated_at: string },
    loadDocument: () => Promise<string>,
  ): Promise<CompiledScenario> {
    const key = `${revision.id}@${revision.updated_at}`;
    let tree = compiled.get(key);
    if (tree === undefined) {
      tree = check(documentOf(JSON.parse(await loadDocument()) as ScenarioDocumentFields)).scenario;
      // A Map iterates in insertion order, so its first key is the oldest revision.
      if (compiled.size >= MAX_COMPILED_TREES) compiled.delete(compiled.keys().next().value as string);
      compiled.set(key, tree);
    }
    return tree;
  }

  async function find(tenant: Tenant, id: string): Promise<Selectable<ScenariosTable>> {
    const row = await db
      .selectFrom('scenarios')
      .selectAll()
      .where('id', '=', id.toUpperCase())
      .where('account_id', '=', tenant.accountId)
      .executeTakeFirst();
    if (row === undefined) throw ScenarioNotFound();
    return row;
  }

  return {
    async create(tenant: Tenant, input: ScenarioInput): Promise<SavedScenario> {
      const { warnings } = check(input);
      const now = toStoredTime(clock.now());
      const row = await db
        .insertInto('scenarios')
        .values({
          id: newScenarioId(),
          account_id: tenant.accountId,
          name: input.name,
          description: input.description ?? null,
          document: JSON.stringify(documentOf(input)),
          created_at: now,
          updated_at: now,
          last_usage_date: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { scenario: toScenario(row), warnings };
    },

    async get(tenant: Tenant, id: string): Promise<Scenario> {
      return toScenario(await find(tenant, id));
    },

    /** Full replace (PUT): calls already running keep the tree they started with. */
    async replace(tenant: Tenant, id: string, input: ScenarioInput): Promise<SavedScenario> {
      await find(tenant, id);
      const { warnings } = check(input);
      const row = await db
        .updateTable('scenarios')
        .set({
          name: input.name,
          description: input.description ?? null,
          document: JSON.stringify(documentOf(input)),
          updated_at: toStoredTime(clock.now()),
        })
        .where('id', '=', id.toUpperCase())
        .where('account_id', '=', tenant.accountId)
        .returningAll()
        .executeTakeFirstOrThrow();
      return { scenario: toScenario(row), warnings };
    },

    /** Refused (409) while a number routes to it: unroute the numbers first. */
    async delete(tenant: Tenant, id: string): Promise<void> {
      await find(tenant, id);
      const routed = await db
        .selectFrom('numbers')
        .select('number')
        .where('scenario_id', '=', id.toUpperCase())
        .orderBy('number')
        .limit(MAX_NAMED_NUMBERS + 1)
        .execute();
      if (routed.length > 0) {
        const numbers = routed.slice(0, MAX_NAMED_NUMBERS).map((r) => r.number);
        const more = routed.length > MAX_NAMED_NUMBERS ? ', ...' : '';
        throw ScenarioInUse({
          message: `the scenario is routed from ${numbers.join(', ')}${more}; unroute the numbers first`,
          details: { numbers },
        });
      }
      await db
        .deleteFrom('scenarios')
        .where('id', '=', id.toUpperCase())
        .where('account_id', '=', tenant.accountId)
        .execute();
    },

    /** Newest first; `page` counts from 1. */
    async list(tenant: Tenant, query: ScenarioListQuery): Promise<readonly Scenario[]> {
      let select = db.selectFrom('scenarios').selectAll().where('account_id', '=', tenant.accountId);
      if (query.name !== undefined && query.name !== '') {
        select = select.where(
          sql<boolean>`lower(name) like ${`%${query.name.toLowerCase().replace(/[%_\\]/g, '\\$&')}%`} escape '\\'`,
        );
      }
      // The date filters read lastUsageDate, or the creation date of a scenario never used.
      const usage = sql<string>`coalesce(last_usage_date, substr(created_at, 1, 10))`;
      if (query.lastUsageDateSince !== undefined)
        select = select.where(usage, '>=', query.lastUsageDateSince);
      if (query.lastUsageDateUntil !== undefined)
        select = select.where(usage, '<=', query.lastUsageDateUntil);
      const rows = await select
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize)
        .execute();
      return rows.map(toScenario);
    },

    /** The action tree of a stored scenario, compiled once per revision. */
    async compiled(tenant: Tenant, id: string): Promise<{ scenario: Scenario; tree: CompiledScenario }> {
      const row = await find(tenant, id);
      const tree = await treeOfRevision(row, () => Promise.resolve(row.document));
      return { scenario: toScenario(row), tree };
    },

    treeOfRevision,

    /** Compiles a script that is not stored (the simulator's inline scripts). */
    compileInline(input: ScenarioDocumentFields): {
      tree: CompiledScenario;
      warnings: CompileResult['warnings'];
    } {
      const result = check(input);
      return { tree: result.scenario, warnings: result.warnings };
    },
  };
}
