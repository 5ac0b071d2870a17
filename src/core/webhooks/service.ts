/**
 * Webhook subscriptions: a tenant subscribes an endpoint to one event type (several may share
 * one), lists, changes and deletes its own; another account's subscription answers "not found".
 * Delivery (the outbox, signing, retries) reads what is stored here.
 */
import type { Selectable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { WebhooksTable } from '../../db/schema.js';
import type { Tenant } from '../accounts/types.js';
import { requireHttpTarget } from '../outbound/target-url.js';
import { toStoredTime, type Clock } from '../shared/clock.js';
import type { Page, PageRequest } from '../shared/paging.js';
import { WebhookDisabledByOperator, WebhookNotFound } from './errors.js';
import type {
  HmacAlgo,
  NewWebhook,
  Webhook,
  WebhookChanges,
  WebhookEventType,
  WebhookFormat,
  WebhookStatus,
} from './types.js';
import { withFreshId } from '../shared/fresh-id.js';
import { newObjectHash } from '../shared/object-hash.js';

export interface WebhooksServiceOptions {
  readonly db: Db;
  readonly clock: Clock;
}

function toWebhook(row: Selectable<WebhooksTable>): Webhook {
  return {
    hash: row.id,
    accountId: row.account_id,
    type: row.type as WebhookEventType,
    endpoint: row.endpoint,
    options: {
      format: row.format as WebhookFormat,
      hmacAlgo: row.hmac_algo as HmacAlgo,
      hmacSecretSet: row.hmac_secret !== null,
    },
    status: row.status as WebhookStatus,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export type WebhooksService = ReturnType<typeof createWebhooksService>;

export function createWebhooksService({ db, clock }: WebhooksServiceOptions) {
  async function findOwn(tenant: Tenant, hash: string): Promise<Selectable<WebhooksTable>> {
    const row = await db
      .selectFrom('webhooks')
      .selectAll()
      .where('id', '=', hash.toUpperCase())
      .where('account_id', '=', tenant.accountId)
      .executeTakeFirst();
    if (row === undefined) throw WebhookNotFound();
    return row;
  }

  return {
    /** A new ENABLED subscription of the tenant's. */
    async subscribe(tenant: Tenant, input: NewWebhook): Promise<Webhook> {
      requireHttpTarget(input.endpoint, ['body', 'endpoint']);
      const now = toStoredTime(clock.now());
      const row = await withFreshId(newObjectHash, (id) =>
        db
          .insertInto('webhooks')
          .values({
            id,
            account_id: tenant.accountId,
            type: input.type,
            endpoint: input.endpoint,
            format: input.options?.format ?? 'JSON',
            hmac_algo: input.options?.hmacAlgo ?? 'SHA256',
            hmac_secret: input.options?.hmacSecret ?? null,
            status: 'ENABLED',
            created_at: now,
            updated_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      return toWebhook(row);
    },

    async list(tenant: Tenant, request: PageRequest): Promise<Page<Webhook>> {
      const base = db.selectFrom('webhooks').where('account_id', '=', tenant.accountId);
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
      return {
        items: rows.map(toWebhook),
        total: Number(count.n),
        limit: request.limit,
        offset: request.offset,
      };
    },

    async get(tenant: Tenant, hash: string): Promise<Webhook> {
      return toWebhook(await findOwn(tenant, hash));
    },

    /**
     * Changes what is given. ENABLED re-enables a subscription the delivery turned off
     * (DISABLED_SYSTEM); one the operator turned off (DISABLED_ADMIN) stays off (409).
     */
    async update(tenant: Tenant, hash: string, changes: WebhookChanges): Promise<Webhook> {
      const row = await findOwn(tenant, hash);
      if (changes.endpoint !== undefined) requireHttpTarget(changes.endpoint, ['body', 'endpoint']);
      if (changes.status === 'ENABLED' && row.status === 'DISABLED_ADMIN') throw WebhookDisabledByOperator();
      const options = changes.options;
      const updated = await db
        .updateTable('webhooks')
        .set({
          ...(changes.endpoint === undefined ? {} : { endpoint: changes.endpoint }),
          ...(options?.format === undefined ? {} : { format: options.format }),
          ...(options?.hmacAlgo === undefined ? {} : { hmac_algo: options.hmacAlgo }),
          ...(options?.hmacSecret === undefined ? {} : { hmac_secret: options.hmacSecret }),
          // The operator's switch outranks the tenant's: DISABLED_ADMIN stays, whatever is asked.
          ...(changes.status === undefined || row.status === 'DISABLED_ADMIN'
            ? {}
            : { status: changes.status }),
          updated_at: toStoredTime(clock.now()),
        })
        .where('id', '=', row.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return toWebhook(updated);
    },

    async unsubscribe(tenant: Tenant, hash: string): Promise<void> {
      const row = await findOwn(tenant, hash);
      await db.deleteFrom('webhooks').where('id', '=', row.id).execute();
    },
  };
}
