/**
 * Delivers the outbox's webhook jobs (issue 6, parts 2 and 3): claims due jobs, POSTs each event's
 * `Webhook.Event` envelope through the guarded outbound client, and settles the job: delivered on a
 * 2xx, retried later on anything else, given up after the tenth try.
 *
 * - Body: seed 04's `Webhook.Event` (`data`, `event_at`, `event_id`, `hook_hash`, `try`, `type`).
 * - Headers: `X-CALLR-EventId`; `X-CALLR-HmacSignature` (base64 HMAC of the exact body bytes with the
 *   subscription's `hmac_algo` and `hmac_secret`), so receivers written for that platform work
 *   unchanged; and the Standard Webhooks headers (`webhook-id`, `webhook-timestamp`,
 *   `webhook-signature`: HMAC-SHA256 over id, timestamp and body, keyed with the secret's UTF-8
 *   bytes), whose timestamp lets a receiver refuse replays. Without a secret nothing is signed.
 * - Retries: tries 0 to 9, each next one after {@link RETRY_DELAYS_MS} plus up to a tenth more at
 *   random (so endpoints that failed together are not retried together): about 27 hours in all, over
 *   the day the issue asks for. A `Retry-After` on 429 or 503 is honoured when longer. A 3xx is a
 *   failure (no redirects). A 410 says the endpoint is gone: the job fails and the subscription turns
 *   `DISABLED_SYSTEM`. After the last try the job is FAILED, and when nothing reached the endpoint
 *   since that event's first try, a day before, the subscription turns `DISABLED_SYSTEM` too.
 */
import { createHmac } from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { HttpClient, HttpExchangeResult } from '../../scenario/interpreter/services.js';
import type { Clock } from '../shared/clock.js';
import type { ClaimedDelivery, Outbox } from './outbox.js';

/** The wait after try 0, 1, ..., 8 failed: times three each step, 10 s to 18 h. */
export const RETRY_DELAYS_MS: readonly number[] = [
  10_000, 30_000, 90_000, 270_000, 810_000, 2_430_000, 7_290_000, 21_870_000, 65_610_000,
];
export const MAX_TRIES = RETRY_DELAYS_MS.length + 1;
/** A Retry-After longer than this is read as this: a day. */
const MAX_RETRY_AFTER_MS = 86_400_000;
/** Success is a 2xx within this (CALLR-METHODS.md section 5.2). */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** What is read of a receiver's answer; its body is not used. */
const MAX_ANSWER_BYTES = 16_384;

/** Deliveries are not cancelled: a stopping worker lets its batch finish. */
const NEVER_CANCELLED = new AbortController().signal;

const HMAC_ALGORITHMS: Readonly<Record<string, string>> = {
  MD5: 'md5',
  SHA1: 'sha1',
  SHA256: 'sha256',
  SHA512: 'sha512',
};

/** The `Webhook.Event` body, the stored `data` JSON placed as it is. */
export function envelopeOf(delivery: ClaimedDelivery, hookHash: string | null): string {
  return (
    `{"data":${delivery.data},"event_at":${JSON.stringify(new Date(delivery.occurredAt).toISOString())},` +
    `"event_id":${JSON.stringify(delivery.eventId)},"hook_hash":${JSON.stringify(hookHash)},` +
    `"try":${delivery.try},"type":${JSON.stringify(delivery.type)}}`
  );
}

/** `X-CALLR-HmacSignature`: base64 HMAC of the body bytes. */
export function callrSignature(algo: string, secret: string, body: string): string {
  return createHmac(HMAC_ALGORITHMS[algo] ?? 'sha256', secret)
    .update(body, 'utf8')
    .digest('base64');
}

/** `webhook-signature` (Standard Webhooks): `v1,` and the base64 HMAC-SHA256 of `id.timestamp.body`. */
export function standardSignature(
  secret: string,
  id: string,
  timestampSeconds: number,
  body: string,
): string {
  const mac = createHmac('sha256', Buffer.from(secret, 'utf8'))
    .update(`${id}.${timestampSeconds}.${body}`, 'utf8')
    .digest('base64');
  return `v1,${mac}`;
}

/** A Retry-After header (seconds, or an HTTP date) as milliseconds from `now`; null when unreadable. */
export function retryAfterMs(value: string | undefined, now: number): number | null {
  if (value === undefined) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.min(Math.max(0, date - now), MAX_RETRY_AFTER_MS);
}

export interface WebhookDeliveryOptions {
  readonly db: Db;
  readonly clock: Clock;
  readonly outbox: Outbox;
  /** The guarded outbound client (outbound-connector.ts). */
  readonly http: HttpClient;
  /** This worker's name on the jobs it holds: unique per process. */
  readonly owner: string;
  readonly userAgent: string;
  readonly timeoutMs?: number;
  /** Jobs claimed and sent at once. */
  readonly batchSize?: number;
  /** Jitter source, [0, 1); tests fix it. */
  readonly random?: () => number;
  readonly log?: { warn(fields: object, message: string): void };
}

interface Subscription {
  readonly status: string;
  readonly hmacAlgo: string;
  readonly hmacSecret: string | null;
}

export type WebhookDelivery = ReturnType<typeof createWebhookDelivery>;

export function createWebhookDelivery(options: WebhookDeliveryOptions) {
  const { db, clock, outbox, http, owner } = options;
  const timeoutMs = options.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  const batchSize = options.batchSize ?? 100;
  const random = options.random ?? Math.random;
  // Long enough for every attempt of a batch, sent at once, to time out.
  const leaseMs = timeoutMs + 30_000;

  /** The subscriptions of a batch's jobs, in one query: a batch often holds many jobs of one hook. */
  async function subscriptionsOf(jobs: readonly ClaimedDelivery[]): Promise<Map<string, Subscription>> {
    const ids = [...new Set(jobs.flatMap((job) => (job.webhookId === null ? [] : [job.webhookId])))];
    if (ids.length === 0) return new Map();
    const rows = await db
      .selectFrom('webhooks')
      .select(['id', 'status', 'hmac_algo', 'hmac_secret'])
      .where('id', 'in', ids)
      .execute();
    return new Map(
      rows.map((row) => [
        row.id,
        { status: row.status, hmacAlgo: row.hmac_algo, hmacSecret: row.hmac_secret },
      ]),
    );
  }

  /** When the next try goes, or null when this was the last. */
  function nextAttemptAt(job: ClaimedDelivery, result: HttpExchangeResult, now: number): number | null {
    if (job.try + 1 >= MAX_TRIES) return null;
    const base = (RETRY_DELAYS_MS[job.try] ?? 0) * (1 + random() / 10);
    const asked =
      result.kind === 'response' && (result.status === 429 || result.status === 503)
        ? retryAfterMs(result.retryAfter, now)
        : null;
    return now + Math.round(Math.max(base, asked ?? 0));
  }

  async function attempt(job: ClaimedDelivery, subscriptions: Map<string, Subscription>): Promise<void> {
    // The job outlives its subscription (kept for the log); a deleted or disabled one gets nothing.
    const subscription = job.webhookId === null ? null : (subscriptions.get(job.webhookId) ?? null);
    if (subscription === null || subscription.status !== 'ENABLED') {
      await outbox.failed(job.id, owner, {
        httpCode: null,
        error:
          subscription === null
            ? 'the subscription was deleted'
            : `the subscription is ${subscription.status}`,
        nextAttemptAt: null,
        try: job.try,
      });
      return;
    }
    const body = envelopeOf(job, job.webhookId);
    const sentAt = clock.now().getTime();
    const timestamp = Math.floor(sentAt / 1000);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': options.userAgent,
      'x-callr-eventid': job.eventId,
      'webhook-id': job.eventId,
      'webhook-timestamp': String(timestamp),
    };
    if (subscription.hmacSecret !== null) {
      headers['x-callr-hmacsignature'] = callrSignature(subscription.hmacAlgo, subscription.hmacSecret, body);
      headers['webhook-signature'] = standardSignature(subscription.hmacSecret, job.eventId, timestamp, body);
    }
    const result = await http.exchange({
      method: 'POST',
      url: job.endpoint,
      headers,
      body,
      timeoutMs,
      maxResponseBytes: MAX_ANSWER_BYTES,
      signal: NEVER_CANCELLED,
    });
    if (result.kind === 'response' && result.status >= 200 && result.status <= 299) {
      await outbox.delivered(job.id, owner, result.status);
      return;
    }
    const httpCode = result.kind === 'response' ? result.status : null;
    const error = result.kind === 'response' ? `HTTP ${result.status}` : result.outcome;
    if (httpCode === 410) {
      // Gone: the receiver says this endpoint will not come back.
      await db
        .updateTable('webhooks')
        .set({ status: 'DISABLED_SYSTEM', updated_at: new Date(sentAt).toISOString() })
        .where('id', '=', job.webhookId as string)
        .where('status', '=', 'ENABLED')
        .execute();
      options.log?.warn(
        { webhook: job.webhookId, endpoint: job.endpoint },
        'webhook endpoint answered 410: disabled',
      );
      await outbox.failed(job.id, owner, { httpCode, error, nextAttemptAt: null, try: job.try });
      return;
    }
    const next = nextAttemptAt(job, result, clock.now().getTime());
    await outbox.failed(job.id, owner, { httpCode, error, nextAttemptAt: next, try: job.try });
    if (next === null) await disableIfFailingSince(job.webhookId as string, job.occurredAt);
  }

  /**
   * The last try of an event failed, about a day after its first: when nothing reached the endpoint
   * in all that time either, the endpoint has been failing for a day and is turned DISABLED_SYSTEM.
   */
  async function disableIfFailingSince(webhookId: string, since: number): Promise<void> {
    const success = await db
      .selectFrom('deliveries')
      .select('id')
      .where('webhook_id', '=', webhookId)
      .where('status', '=', 'DELIVERED')
      .where('updated_at', '>', since)
      .limit(1)
      .executeTakeFirst();
    if (success !== undefined) return;
    await db
      .updateTable('webhooks')
      .set({ status: 'DISABLED_SYSTEM', updated_at: clock.now().toISOString() })
      .where('id', '=', webhookId)
      .where('status', '=', 'ENABLED')
      .execute();
    options.log?.warn({ webhook: webhookId }, 'webhook endpoint failing for a day: disabled');
  }

  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<number> | null = null;
  let stopped = true;

  return {
    /** One round: claims a batch of due jobs and attempts them all; answers how many. */
    async runOnce(): Promise<number> {
      const jobs = await outbox.claimDue({ owner, limit: batchSize, leaseMs });
      const subscriptions = await subscriptionsOf(jobs);
      await Promise.all(jobs.map((job) => attempt(job, subscriptions)));
      return jobs.length;
    },

    /** Rounds every `intervalMs` while there is nothing to do, back to back while there is. */
    start(intervalMs = 250): void {
      if (!stopped) return;
      stopped = false;
      const loop = (): void => {
        if (stopped) return;
        running = this.runOnce()
          .catch((error: unknown) => {
            options.log?.warn({ err: error }, 'webhook delivery round failed');
            return 0;
          })
          .finally(() => {
            running = null;
          });
        void running.then((count) => {
          if (!stopped) timer = setTimeout(loop, count === batchSize ? 0 : intervalMs);
        });
      };
      loop();
    },

    /** Stops after the round in flight; jobs not attempted stay for the next start or another node. */
    async stop(): Promise<void> {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
