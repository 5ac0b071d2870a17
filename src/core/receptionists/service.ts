/**
 * Receptionists (a minimal menu: greeting, key -> scenario) and their action URLs (seed 01), per
 * tenant: another account's object answers "not found". The menu runner reads what is stored here.
 */
import type { Selectable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { ActionUrlsTable, ReceptionistsTable } from '../../db/schema.js';
import { ValidationFailed, type Issue } from '../../errors.js';
import type { Tenant } from '../accounts/types.js';
import { toStoredTime, type Clock } from '../shared/clock.js';
import { actionUrlIssues, checkHttpUrl } from './action-url-rules.js';
import {
  ActionUrlLimit,
  ActionUrlNotFound,
  ReceptionistNotFound,
  ReceptionistScenarioNotFound,
} from './errors.js';
import { withFreshId } from '../shared/fresh-id.js';
import { newSeedId } from './seed-id.js';
import type {
  ActionUrl,
  ActionUrlAuth,
  ActionUrlInput,
  ActionUrlMethod,
  ActionUrlType,
  Receptionist,
  ReceptionistInput,
} from './types.js';

export interface ReceptionistsServiceOptions {
  readonly db: Db;
  readonly clock: Clock;
}

/** Every call in the menu reads all of a receptionist's action URLs; this keeps that bounded. */
export const MAX_ACTION_URLS = 50;
export const RECEPTIONIST_DEFAULTS = { language: 'en-US', timeoutS: 5, maxRepeats: 2 } as const;
/** Seed 01's defaults. */
export const ACTION_URL_DEFAULTS = {
  enabled: false,
  connectionTimeout: 2,
  requestTimeout: 2,
  auth: 'DISABLE',
} as const;
const GREETING_URL_MAX = 2048;

/** A menu as a call runs it: the receptionist and its action URLs. */
export interface Menu {
  readonly receptionist: Receptionist;
  readonly actionUrls: readonly ActionUrl[];
}

function toReceptionist(row: Selectable<ReceptionistsTable>): Receptionist {
  return {
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    greeting: {
      text: row.greeting_text,
      language: row.greeting_language,
      voice: row.greeting_voice,
      url: row.greeting_url,
    },
    options: JSON.parse(row.options) as Record<string, string>,
    timeoutS: row.timeout_s,
    maxRepeats: row.max_repeats,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toActionUrl(row: Selectable<ActionUrlsTable>): ActionUrl {
  return {
    id: row.id,
    receptionistId: row.receptionist_id,
    accountId: row.account_id,
    name: row.name,
    enabled: row.enabled === 1,
    type: row.type as ActionUrlType | null,
    method: row.method as ActionUrlMethod | null,
    headers: row.headers,
    callerMask: row.caller_mask,
    dtmfMask: row.dtmf_mask,
    connectionTimeout: row.connection_timeout,
    requestTimeout: row.request_timeout,
    auth: row.auth as ActionUrlAuth,
    username: row.username,
    password: row.password,
    token: row.token,
    url: row.url,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function refuse(issues: readonly Issue[]): never {
  const first = issues[0] as Issue;
  throw ValidationFailed({
    message: `${first.path.join('.')} ${first.message} (${first.rule})`,
    issues,
  });
}

export type ReceptionistsService = ReturnType<typeof createReceptionistsService>;

export function createReceptionistsService({ db, clock }: ReceptionistsServiceOptions) {
  async function findOwn(tenant: Tenant, id: string): Promise<Selectable<ReceptionistsTable>> {
    const row = await db
      .selectFrom('receptionists')
      .selectAll()
      .where('id', '=', id)
      .where('account_id', '=', tenant.accountId)
      .executeTakeFirst();
    if (row === undefined) throw ReceptionistNotFound();
    return row;
  }

  async function findOwnActionUrl(
    tenant: Tenant,
    receptionistId: string,
    id: string,
  ): Promise<Selectable<ActionUrlsTable>> {
    const row = await db
      .selectFrom('action_urls')
      .selectAll()
      .where('id', '=', id)
      .where('receptionist_id', '=', receptionistId)
      .where('account_id', '=', tenant.accountId)
      .executeTakeFirst();
    if (row === undefined) throw ActionUrlNotFound();
    return row;
  }

  /** Option keys and greeting as they will be stored; scenarios must be the account's own. */
  async function checkMenu(
    tenant: Tenant,
    greeting: { text: string | null; url: string | null },
    options: Readonly<Record<string, string>>,
  ): Promise<Record<string, string>> {
    const issues: Issue[] = [];
    if ((greeting.text === null) === (greeting.url === null))
      issues.push({
        path: ['body', 'greeting'],
        rule: 'oneOf',
        message: 'must have exactly one of text and url',
      });
    if (greeting.url !== null) {
      const urlIssue = checkHttpUrl(greeting.url, 'greeting', GREETING_URL_MAX);
      if (urlIssue !== null) issues.push({ ...urlIssue, path: ['body', 'greeting', 'url'] });
    }
    if (issues.length > 0) refuse(issues);
    const normalized = Object.fromEntries(
      Object.entries(options).map(([key, scenarioId]) => [key, scenarioId.toUpperCase()]),
    );
    const wanted = [...new Set(Object.values(normalized))];
    if (wanted.length > 0) {
      const found = await db
        .selectFrom('scenarios')
        .select('id')
        .where('account_id', '=', tenant.accountId)
        .where('id', 'in', wanted)
        .execute();
      const owned = new Set(found.map((row) => row.id));
      const unknown = Object.entries(normalized).filter(([, scenarioId]) => !owned.has(scenarioId));
      if (unknown.length > 0)
        throw ReceptionistScenarioNotFound({
          issues: unknown.map(([key]) => ({
            path: ['body', 'options', key],
            rule: 'exists',
            message: 'names no scenario of this account',
          })),
        });
    }
    return normalized;
  }

  function checkActionUrl(facts: Parameters<typeof actionUrlIssues>[0]): void {
    const issues = actionUrlIssues(facts);
    if (issues.length > 0) refuse(issues);
  }

  return {
    async create(tenant: Tenant, input: ReceptionistInput & { name: string }): Promise<Receptionist> {
      const greeting = { text: input.greeting?.text ?? null, url: input.greeting?.url ?? null };
      const options = await checkMenu(tenant, greeting, input.options ?? {});
      const now = toStoredTime(clock.now());
      const row = await withFreshId(newSeedId, (id) =>
        db
          .insertInto('receptionists')
          .values({
            id,
            account_id: tenant.accountId,
            name: input.name,
            greeting_text: greeting.text,
            greeting_language: input.greeting?.language ?? RECEPTIONIST_DEFAULTS.language,
            greeting_voice: input.greeting?.voice ?? null,
            greeting_url: greeting.url,
            options: JSON.stringify(options),
            timeout_s: input.timeoutS ?? RECEPTIONIST_DEFAULTS.timeoutS,
            max_repeats: input.maxRepeats ?? RECEPTIONIST_DEFAULTS.maxRepeats,
            created_at: now,
            updated_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      return toReceptionist(row);
    },

    /** The tenant's receptionists, oldest first. */
    async list(tenant: Tenant, page: { limit: number; offset: number }): Promise<Receptionist[]> {
      const rows = await db
        .selectFrom('receptionists')
        .selectAll()
        .where('account_id', '=', tenant.accountId)
        .orderBy('created_at')
        .orderBy('id')
        .limit(page.limit)
        .offset(page.offset)
        .execute();
      return rows.map(toReceptionist);
    },

    async get(tenant: Tenant, id: string): Promise<Receptionist> {
      return toReceptionist(await findOwn(tenant, id));
    },

    /** Changes what is given; a given `greeting` or `options` replaces the whole of it. */
    async update(tenant: Tenant, id: string, input: ReceptionistInput): Promise<Receptionist> {
      const row = await findOwn(tenant, id);
      const greeting =
        input.greeting === undefined
          ? { text: row.greeting_text, url: row.greeting_url }
          : { text: input.greeting.text ?? null, url: input.greeting.url ?? null };
      const options = await checkMenu(
        tenant,
        greeting,
        input.options ?? (JSON.parse(row.options) as Record<string, string>),
      );
      const updated = await db
        .updateTable('receptionists')
        .set({
          ...(input.name === undefined ? {} : { name: input.name }),
          ...(input.greeting === undefined
            ? {}
            : {
                greeting_text: greeting.text,
                greeting_url: greeting.url,
                greeting_language: input.greeting.language ?? RECEPTIONIST_DEFAULTS.language,
                greeting_voice: input.greeting.voice ?? null,
              }),
          options: JSON.stringify(options),
          ...(input.timeoutS === undefined ? {} : { timeout_s: input.timeoutS }),
          ...(input.maxRepeats === undefined ? {} : { max_repeats: input.maxRepeats }),
          updated_at: toStoredTime(clock.now()),
        })
        .where('id', '=', row.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return toReceptionist(updated);
    },

    /** Deletes it with its action URLs; a number routed to it is left unrouted. */
    async delete(tenant: Tenant, id: string): Promise<void> {
      const row = await findOwn(tenant, id);
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('action_urls').where('receptionist_id', '=', row.id).execute();
        await trx
          .updateTable('numbers')
          .set({ receptionist_id: null })
          .where('receptionist_id', '=', row.id)
          .execute();
        await trx.deleteFrom('receptionists').where('id', '=', row.id).execute();
      });
    },

    async createActionUrl(tenant: Tenant, receptionistId: string, input: ActionUrlInput): Promise<ActionUrl> {
      const receptionist = await findOwn(tenant, receptionistId);
      const facts = {
        url: input.url ?? null,
        headers: input.headers ?? null,
        callerMask: input.callerMask ?? null,
        dtmfMask: input.dtmfMask ?? null,
        auth: input.auth ?? ACTION_URL_DEFAULTS.auth,
        username: input.username ?? null,
        password: input.password ?? null,
        token: input.token ?? null,
      };
      checkActionUrl(facts);
      const count = await db
        .selectFrom('action_urls')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('receptionist_id', '=', receptionist.id)
        .executeTakeFirstOrThrow();
      if (Number(count.n) >= MAX_ACTION_URLS) throw ActionUrlLimit({ details: { limit: MAX_ACTION_URLS } });
      const now = toStoredTime(clock.now());
      const row = await withFreshId(newSeedId, (id) =>
        db
          .insertInto('action_urls')
          .values({
            id,
            receptionist_id: receptionist.id,
            account_id: tenant.accountId,
            name: input.name ?? null,
            enabled: (input.enabled ?? ACTION_URL_DEFAULTS.enabled) ? 1 : 0,
            type: input.type ?? null,
            method: input.method ?? null,
            headers: facts.headers,
            caller_mask: facts.callerMask,
            dtmf_mask: facts.dtmfMask,
            connection_timeout: input.connectionTimeout ?? ACTION_URL_DEFAULTS.connectionTimeout,
            request_timeout: input.requestTimeout ?? ACTION_URL_DEFAULTS.requestTimeout,
            auth: facts.auth,
            username: facts.username,
            password: facts.password,
            token: facts.token,
            url: facts.url,
            created_at: now,
            updated_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      return toActionUrl(row);
    },

    /** A receptionist's action URLs, oldest first (at most {@link MAX_ACTION_URLS}). */
    async listActionUrls(tenant: Tenant, receptionistId: string): Promise<ActionUrl[]> {
      const receptionist = await findOwn(tenant, receptionistId);
      const rows = await db
        .selectFrom('action_urls')
        .selectAll()
        .where('receptionist_id', '=', receptionist.id)
        .where('account_id', '=', tenant.accountId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toActionUrl);
    },

    async getActionUrl(tenant: Tenant, receptionistId: string, id: string): Promise<ActionUrl> {
      return toActionUrl(await findOwnActionUrl(tenant, receptionistId, id));
    },

    /** Changes what is given; the whole object as it will be stored must keep the rules. */
    async updateActionUrl(
      tenant: Tenant,
      receptionistId: string,
      id: string,
      input: ActionUrlInput,
    ): Promise<ActionUrl> {
      const row = await findOwnActionUrl(tenant, receptionistId, id);
      checkActionUrl({
        url: input.url ?? row.url,
        headers: input.headers ?? row.headers,
        callerMask: input.callerMask ?? row.caller_mask,
        dtmfMask: input.dtmfMask ?? row.dtmf_mask,
        auth: input.auth ?? (row.auth as ActionUrlAuth),
        username: input.username ?? row.username,
        password: input.password ?? row.password,
        token: input.token ?? row.token,
      });
      const set = {
        ...(input.name === undefined ? {} : { name: input.name }),
        ...(input.enabled === undefined ? {} : { enabled: input.enabled ? 1 : 0 }),
        ...(input.type === undefined ? {} : { type: input.type }),
        ...(input.method === undefined ? {} : { method: input.method }),
        ...(input.headers === undefined ? {} : { headers: input.headers }),
        ...(input.callerMask === undefined ? {} : { caller_mask: input.callerMask }),
        ...(input.dtmfMask === undefined ? {} : { dtmf_mask: input.dtmfMask }),
        ...(input.connectionTimeout === undefined ? {} : { connection_timeout: input.connectionTimeout }),
        ...(input.requestTimeout === undefined ? {} : { request_timeout: input.requestTimeout }),
        ...(input.auth === undefined ? {} : { auth: input.auth }),
        ...(input.username === undefined ? {} : { username: input.username }),
        ...(input.password === undefined ? {} : { password: input.password }),
        ...(input.token === undefined ? {} : { token: input.token }),
        ...(input.url === undefined ? {} : { url: input.url }),
      };
      const updated = await db
        .updateTable('action_urls')
        .set({ ...set, updated_at: toStoredTime(clock.now()) })
        .where('id', '=', row.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return toActionUrl(updated);
    },

    async deleteActionUrl(tenant: Tenant, receptionistId: string, id: string): Promise<void> {
      const row = await findOwnActionUrl(tenant, receptionistId, id);
      await db.deleteFrom('action_urls').where('id', '=', row.id).execute();
    },

    /**
     * The menu a call to the account's receptionist runs, or null when there is none (deleted
     * meanwhile). Inbound routing calls this with the number's account.
     */
    async menuOf(accountId: number, receptionistId: string): Promise<Menu | null> {
      const row = await db
        .selectFrom('receptionists')
        .selectAll()
        .where('id', '=', receptionistId)
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      if (row === undefined) return null;
      const urls = await db
        .selectFrom('action_urls')
        .selectAll()
        .where('receptionist_id', '=', row.id)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return { receptionist: toReceptionist(row), actionUrls: urls.map(toActionUrl) };
    },
  };
}
