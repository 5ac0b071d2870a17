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
import { setMaxListeners } from 'node:events';
import type { Db } from '../../db/database.js';
import type { HttpClient, HttpExchangeResult } from '../../scenario/interpreter/services.js';
import type { Clock } from '../shared/clock.js';
import { seedDatetimeMs } from '../shared/seed-time.js';
import type { ClaimedDelivery, Outbox, Settlement } from './outbox.js';

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

/** The delivery log and settled events are kept this long (CALLR-METHODS.md section 5.1: 30 days). */
export const RETENTION_MS = 30 * 86_400_000;
/** How often a running worker forgets what is past {@link RETENTION_MS}. */
const PRUNE_EVERY_MS = 3_600_000;

/** Deliveries are not cancelled: a stopping worker lets its batch finish. */
const NEVER_CANCELLED = new AbortController().signal;
// Every attempt in flight listens on it: hundreds at once is expected, not a leak.
setMaxListeners(0, NEVER_CANCELLED);

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
  /** Rounds run at once (2 by default), so one slow receiver in a batch does not idle the worker. */
  readonly lanes?: number;
  /** Jitter source, [0, 1); tests fix it. */
  readonly random?: () => number;
  readonly log?: { warn(fields: object, message: string): void };
}

/** Why the delivery turned a subscription DISABLED_SYSTEM, as the `webhook.disabled` event says. */
export type DisableReason = 'GONE' | 'FAILING';

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
  const lanes = options.lanes ?? 2;
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
  function nextAttemptAtOf(job: ClaimedDelivery, result: HttpExchangeResult, now: number): number | null {
    if (job.try + 1 >= MAX_TRIES) return null;
    const base = (RETRY_DELAYS_MS[job.try] ?? 0) * (1 + random() / 10);
    const asked =
      result.kind === 'response' && (result.status === 429 || result.status === 503)
        ? retryAfterMs(result.retryAfter, now)
        : null;
    return now + Math.round(Math.max(base, asked ?? 0));
  }

  /** How a job is signed: its subscription's options, or a dynamic webhook's own; null: not sent. */
  function signingOf(
    job: ClaimedDelivery,
    subscriptions: Map<string, Subscription>,
  ): { readonly hmacAlgo: string | null; readonly hmacSecret: string | null } | string {
    if (job.webhookId === null) return { hmacAlgo: job.hmacAlgo, hmacSecret: job.hmacSecret };
    // The job outlives its subscription (kept for the log); a deleted or disabled one gets nothing.
    const subscription = subscriptions.get(job.webhookId);
    if (subscription === undefined) return 'the subscription was deleted';
    if (subscription.status !== 'ENABLED') return `the subscription is ${subscription.status}`;
    return subscription;
  }

  /** Sends one job; answers how it went, for the batch's settle. */
  async function attempt(
    job: ClaimedDelivery,
    subscriptions: Map<string, Subscription>,
  ): Promise<Settlement> {
    const signing = signingOf(job, subscriptions);
    if (typeof signing === 'string') {
      return {
        job,
        outcome: 'failed',
        httpCode: null,
        error: signing,
        nextAttemptAt: null,
        durationMs: 0,
        attempted: false,
      };
    }
    const body = job.bodyForm === 'data' ? job.data : envelopeOf(job, job.webhookId);
    const sentAt = clock.now().getTime();
    const timestamp = Math.floor(sentAt / 1000);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': options.userAgent,
      'x-callr-eventid': job.eventId,
      'webhook-id': job.eventId,
      'webhook-timestamp': String(timestamp),
    };
    if (signing.hmacSecret !== null) {
      headers['x-callr-hmacsignature'] = callrSignature(
        signing.hmacAlgo ?? 'SHA256',
        signing.hmacSecret,
        body,
      );
      headers['webhook-signature'] = standardSignature(signing.hmacSecret, job.eventId, timestamp, body);
    }
    const started = performance.now();
    const result = await http.exchange({
      method: 'POST',
      url: job.endpoint,
      headers,
      body,
      timeoutMs,
      maxResponseBytes: MAX_ANSWER_BYTES,
      signal: NEVER_CANCELLED,
    });
    const durationMs = performance.now() - started;
    const httpCode = result.kind === 'response' ? result.status : null;
    if (httpCode !== null && httpCode >= 200 && httpCode <= 299)
      return { job, outcome: 'delivered', httpCode, durationMs };
    // Gone: the receiver says this endpoint will not come back; no retry.
    const nextAttemptAt = httpCode === 410 ? null : nextAttemptAtOf(job, result, clock.now().getTime());
    const error = result.kind === 'response' ? `HTTP ${result.status}` : result.outcome;
    return { job, outcome: 'failed', httpCode, error, nextAttemptAt, durationMs, attempted: true };
  }

  /**
   * What a settled failure means for its subscription (a dynamic webhook is never disabled): a 410
   * disables it; so does an event's last try failing when nothing reached the endpoint since that
   * event's first try, a day before.
   */
  async function judge(settlement: Settlement): Promise<void> {
    if (settlement.outcome !== 'failed' || !settlement.attempted) return;
    const { job } = settlement;
    if (job.webhookId === null || settlement.nextAttemptAt !== null) return;
    if (settlement.httpCode === 410) await disable(job.webhookId, 'GONE');
    else if (!(await deliveredSince(job.webhookId, job.occurredAt))) await disable(job.webhookId, 'FAILING');
  }

  /** Whether anything reached the subscription's endpoint after `since`. */
  async function deliveredSince(webhookId: string, since: number): Promise<boolean> {
    const success = await db
      .selectFrom('deliveries')
      .select('id')
      .where('webhook_id', '=', webhookId)
      .where('status', '=', 'DELIVERED')
      .where('updated_at', '>', since)
      .limit(1)
      .executeTakeFirst();
    return success !== undefined;
  }

  /**
   * Turns an ENABLED subscription DISABLED_SYSTEM and writes `webhook.disabled` in the same
   * transaction: `GONE`, the endpoint answered 410; `FAILING`, an event's last try failed about a
   * day after its first and nothing reached the endpoint in all that time.
   */
  async function disable(webhookId: string, reason: DisableReason): Promise<void> {
    const at = clock.now();
    const hook = await db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('webhooks')
        .set({ status: 'DISABLED_SYSTEM', updated_at: at.toISOString() })
        .where('id', '=', webhookId)
        .where('status', '=', 'ENABLED')
        .returning(['id', 'account_id', 'type', 'endpoint'])
        .executeTakeFirst();
      if (row === undefined) return null;
      await outbox.record(trx, {
        accountId: row.account_id,
        type: 'webhook.disabled',
        data: {
          hash: row.id,
          type: row.type,
          endpoint: row.endpoint,
          status: 'DISABLED_SYSTEM',
          reason,
          updated_at: seedDatetimeMs(at.getTime()),
        },
      });
      return row;
    });
    if (hook !== null) {
      options.log?.warn(
        { webhook: webhookId, endpoint: hook.endpoint, reason },
        reason === 'GONE'
          ? 'webhook endpoint answered 410: disabled'
          : 'webhook endpoint failing for a day: disabled',
      );
    }
  }

  const timers = new Set<ReturnType<typeof setTimeout>>();
  const running = new Set<Promise<number>>();
  let pruner: ReturnType<typeof setInterval> | null = null;
  let pruning: Promise<void> | null = null;
  let stopped = true;

  /** One round: claims a batch of due jobs and attempts them all; answers how many. */
  async function runOnce(): Promise<number> {
    const jobs = await outbox.claimDue({ owner, limit: batchSize, leaseMs });
    if (jobs.length === 0) return 0;
    const subscriptions = await subscriptionsOf(jobs);
    const settlements = await Promise.all(jobs.map((job) => attempt(job, subscriptions)));
    const settled = await outbox.settleAll(owner, settlements);
    for (const settlement of settlements) {
      if (settled.has(settlement.job.id)) await judge(settlement);
    }
    return jobs.length;
  }

  function prune(): void {
    pruning ??= outbox
      .prune(clock.now().getTime() - RETENTION_MS)
      .then(
        () => undefined,
        (error: unknown) => options.log?.warn({ err: error }, 'pruning the delivery log failed'),
      )
      .finally(() => {
        pruning = null;
      });
  }

  return {
    runOnce,

    /**
     * Rounds in {@link lanes} loops at once until nothing is due: a lane claims its next batch while
     * another waits on its batch's slowest receiver. Answers how many jobs were attempted.
     */
    async drain(): Promise<number> {
      let total = 0;
      await Promise.all(
        Array.from({ length: lanes }, async () => {
          for (let count = await runOnce(); count > 0; count = await runOnce()) total += count;
        }),
      );
      return total;
    },

    /** Each lane rounds every `intervalMs` while there is nothing to do, back to back while there is. */
    start(intervalMs = 250): void {
      if (!stopped) return;
      stopped = false;
      prune();
      pruner = setInterval(prune, PRUNE_EVERY_MS);
      pruner.unref();
      const loop = (): void => {
        if (stopped) return;
        const round = runOnce().catch((error: unknown) => {
          options.log?.warn({ err: error }, 'webhook delivery round failed');
          return 0;
        });
        running.add(round);
        void round.then((count) => {
          running.delete(round);
          if (stopped) return;
          const timer = setTimeout(
            () => {
              timers.delete(timer);
              loop();
            },
            count === batchSize ? 0 : intervalMs,
          );
          timers.add(timer);
        });
      };
      for (let lane = 0; lane < lanes; lane += 1) loop();
    },

    /** Stops after the round in flight; jobs not attempted stay for the next start or another node. */
    async stop(): Promise<void> {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      if (pruner !== null) clearInterval(pruner);
      pruner = null;
      await Promise.all([...running, pruning]);
    },
  };
}
