/**
 * The delivery log: one row per attempt to send an event to an endpoint, kept 30 days, searched by
 * seed 04's `Webhook.Log.Search.Filters`; and redelivery of an event on the tenant's request. A
 * tenant sees only its own account's attempts.
 */
import type { Db } from '../../db/database.js';
import type { Tenant } from '../accounts/types.js';
import type { Outbox } from '../events/outbox.js';
import type { Page, PageRequest } from '../shared/paging.js';
import { WebhookEventNotFound } from './errors.js';

/** Seed 04's `Webhook.Log.Search.Filters`; every one given must match. */
export interface DeliveryLogFilters {
  readonly endpoint?: string;
  /** `YYYY-MM-DD`: the UTC day of the event (not of the attempt). */
  readonly eventDate?: string;
  readonly eventId?: string;
  readonly hookHash?: string;
  readonly httpCode?: number;
  readonly status?: 'SUCCESS' | 'FAILURE';
  readonly try?: number;
  readonly type?: string;
}

export interface DeliveryAttempt {
  readonly eventId: string;
  /** Milliseconds since the epoch. */
  readonly eventAt: number;
  readonly hookHash: string | null;
  readonly type: string;
  readonly endpoint: string;
  readonly try: number;
  readonly httpCode: number | null;
  readonly status: 'SUCCESS' | 'FAILURE';
  readonly durationMs: number;
  readonly error: string | null;
  readonly attemptedAt: number;
}

const DAY_MS = 86_400_000;

export type DeliveryLog = ReturnType<typeof createDeliveryLog>;

export function createDeliveryLog({ db, outbox }: { readonly db: Db; readonly outbox: Outbox }) {
  return {
    /** Newest attempt first. */
    async search(
      tenant: Tenant,
      filters: DeliveryLogFilters,
      page: PageRequest,
    ): Promise<Page<DeliveryAttempt>> {
      let base = db.selectFrom('delivery_attempts').where('account_id', '=', tenant.accountId);
      if (filters.endpoint !== undefined) base = base.where('endpoint', '=', filters.endpoint);
      if (filters.eventId !== undefined) base = base.where('event_id', '=', filters.eventId);
      if (filters.hookHash !== undefined)
        base = base.where('webhook_id', '=', filters.hookHash.toUpperCase());
      if (filters.httpCode !== undefined) base = base.where('http_code', '=', filters.httpCode);
      if (filters.status !== undefined) base = base.where('status', '=', filters.status);
      if (filters.try !== undefined) base = base.where('try', '=', filters.try);
      if (filters.type !== undefined) base = base.where('event_type', '=', filters.type);
      if (filters.eventDate !== undefined) {
        const day = Date.parse(`${filters.eventDate}T00:00:00Z`);
        base = base.where('event_at', '>=', day).where('event_at', '<', day + DAY_MS);
      }
      const [rows, count] = await Promise.all([
        base
          .selectAll()
          .orderBy('attempted_at', 'desc')
          .orderBy('id', 'desc')
          .limit(page.limit)
          .offset(page.offset)
          .execute(),
        base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return {
        items: rows.map((row) => ({
          eventId: row.event_id,
          eventAt: Number(row.event_at),
          hookHash: row.webhook_id,
          type: row.event_type,
          endpoint: row.endpoint,
          try: row.try,
          httpCode: row.http_code,
          status: row.status === 'SUCCESS' ? 'SUCCESS' : 'FAILURE',
          durationMs: row.duration_ms,
          error: row.error,
          attemptedAt: Number(row.attempted_at),
        })),
        total: Number(count.n),
        limit: page.limit,
        offset: page.offset,
      };
    },

    /**
     * Sends the event again from try 0, to `hookHash` only or to every endpoint it was sent to;
     * answers how many deliveries were queued. Unknown, another account's, or never sent: 404.
     */
    async redeliver(tenant: Tenant, eventId: string, hookHash?: string): Promise<number> {
      const queued = await outbox.redeliver(tenant.accountId, eventId, hookHash?.toUpperCase());
      if (queued === 0) throw WebhookEventNotFound();
      return queued;
    },
  };
}
