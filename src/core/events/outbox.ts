/**
 * The durable outbox (issue 6, part 1). Whatever Voxgate must tell a customer's system is first an
 * event row, written in the same transaction as the change that caused it, with one delivery job
 * per subscription that wants it; only then is anything sent. A crash after the commit loses
 * nothing (the jobs are there); a crash before it sends nothing (there was no change either).
 *
 * Jobs are claimed with a lease: the claimer's name and an end time. On PostgreSQL the claim skips
 * rows another node is claiming at that moment (`FOR UPDATE SKIP LOCKED`), so several nodes share
 * the work without waiting on each other; on SQLite one process writes at a time anyway. A node that
 * dies mid-delivery leaves its lease to run out, and another node claims the job again: delivery is
 * at least once, and the `event_id` lets receivers drop what they have already seen.
 */
import { randomFillSync } from 'node:crypto';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Db } from '../../db/database.js';
import { isPostgres } from '../../db/migration-helpers.js';
import type { Database, DeliveriesTable } from '../../db/schema.js';
import type { Clock } from '../shared/clock.js';

/** The alphabet of `event_id` (CALLR-METHODS.md section 5.2: 32 characters [0-9A-Za-z]). */
const EVENT_ID_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const EVENT_ID_LENGTH = 32;

/** Random bytes drawn ahead, so an event id costs no call into the random source of its own. */
const RANDOM_POOL_BYTES = 4096;
const randomPool = Buffer.alloc(RANDOM_POOL_BYTES);
let randomUsed = RANDOM_POOL_BYTES;

/** Characters of an event id that tell its time: 62^8 milliseconds run to the year 8888. */
const TIME_CHARS = 8;

/**
 * 32 characters of [0-9A-Za-z]: the time in milliseconds (8 characters, base 62, so ids sort by time)
 * then 24 random ones (about 142 bits). Ids written one after another land next to each other in the
 * events table's key, rather than at random places in it: fewer pages change per write.
 */
export function newEventId(now: number = Date.now()): string {
  let id = '';
  for (let rest = Math.max(0, Math.floor(now)), i = 0; i < TIME_CHARS; i += 1) {
    id = EVENT_ID_ALPHABET[rest % 62] + id;
    rest = Math.floor(rest / 62);
  }
  // 248 is the largest multiple of 62 below 256: bytes at or above it are dropped, so no
  // character is likelier than another.
  while (id.length < EVENT_ID_LENGTH) {
    if (randomUsed === RANDOM_POOL_BYTES) {
      randomFillSync(randomPool);
      randomUsed = 0;
    }
    const byte = randomPool[randomUsed] ?? 255;
    randomUsed += 1;
    if (byte < 248) id += EVENT_ID_ALPHABET[byte % 62];
  }
  return id;
}

export interface NewEvent {
  readonly accountId: number;
  readonly type: string;
  /** The event's `data` object, stored as JSON. */
  readonly data: unknown;
}

/**
 * A dynamic webhook: an endpoint named on the object the event tells of (an SMS's or a recording's
 * `webhook`, a launch's `notifyUrl`), besides the account's subscriptions. It is never disabled.
 */
export interface DynamicHook {
  readonly endpoint: string;
  readonly hmacAlgo?: string | null;
  readonly hmacSecret?: string | null;
  /** `event` (default): the Webhook.Event envelope with `hook_hash: null`; `data`: the data alone. */
  readonly bodyForm?: BodyForm;
}

export type BodyForm = 'event' | 'data';

/** A job a claimer holds, with what delivery needs of its event. */
export interface ClaimedDelivery {
  readonly id: number;
  readonly eventId: string;
  /** The subscription; null for a dynamic webhook. */
  readonly webhookId: string | null;
  readonly endpoint: string;
  readonly try: number;
  readonly accountId: number;
  readonly type: string;
  /** The event's `data`, as the JSON text stored. */
  readonly data: string;
  /** Milliseconds since the epoch. */
  readonly occurredAt: number;
  /** A dynamic webhook's own signing (a subscription's is read from the subscription). */
  readonly hmacAlgo: string | null;
  readonly hmacSecret: string | null;
  readonly bodyForm: BodyForm;
}

export interface ClaimOptions {
  /** Names the claimer (a node and its worker); only it may settle the job while the lease runs. */
  readonly owner: string;
  readonly limit: number;
  readonly leaseMs: number;
}

/** One attempt, as the delivery log keeps it. */
export interface AttemptFacts {
  /** Null when no answer came (refused, timed out, unreachable). */
  readonly httpCode: number | null;
  readonly durationMs: number;
}

/** What became of one held job's attempt, for {@link Outbox.settleAll}. */
export type Settlement =
  | ({ readonly job: ClaimedDelivery; readonly outcome: 'delivered' } & AttemptFacts)
  | ({ readonly job: ClaimedDelivery; readonly outcome: 'failed' } & FailedAttempt);

export interface FailedAttempt extends AttemptFacts {
  readonly error: string;
  /** The next try's time, or null: the job is FAILED. */
  readonly nextAttemptAt: number | null;
  /** False when nothing was sent (the subscription was gone or off): no log row. */
  readonly attempted: boolean;
}

export type Outbox = ReturnType<typeof createOutbox>;

/** A job at try 0, due at `at`, for a subscription (or a dynamic endpoint, `webhookId` null). */
function newJob(eventId: string, at: number, webhookId: string | null, endpoint: string) {
  return {
    event_id: eventId,
    webhook_id: webhookId,
    endpoint,
    try: 0,
    status: 'PENDING',
    next_attempt_at: at,
    lease_owner: null,
    lease_until: null,
    last_http_code: null,
    last_error: null,
    created_at: at,
    updated_at: at,
    hmac_algo: null,
    hmac_secret: null,
  };
}

type Executor = Db | Transaction<Database>;

export function createOutbox({ db, clock }: { readonly db: Db; readonly clock: Clock }) {
  const postgres = isPostgres(db as unknown as Kysely<unknown>);
  const now = (): number => clock.now().getTime();

  /**
   * Settles held jobs, those `owner` still holds, and logs their attempts, in one transaction (one
   * commit for a whole batch). Answers the ids settled: a job whose lease was lost is left alone,
   * and its attempt is not logged (the holder that took it over logs its own).
   */
  async function settleAll(owner: string, settlements: readonly Settlement[]): Promise<Set<number>> {
    if (settlements.length === 0) return new Set();
    const at = now();
    const held = (trx: Transaction<Database>, ids: readonly number[]) =>
      trx
        .updateTable('deliveries')
        .where('id', 'in', ids)
        .where('lease_owner', '=', owner)
        .where('status', '=', 'PENDING');
    return db.transaction().execute(async (trx) => {
      const settled = new Set<number>();
      // Successes share their columns but the code: one statement per code, usually one in all.
      const deliveredByCode = new Map<number | null, number[]>();
      for (const settlement of settlements) {
        if (settlement.outcome !== 'delivered') continue;
        const ids = deliveredByCode.get(settlement.httpCode) ?? [];
        ids.push(settlement.job.id);
        deliveredByCode.set(settlement.httpCode, ids);
      }
      for (const [code, ids] of deliveredByCode) {
        const rows = await held(trx, ids)
          .set({
            status: 'DELIVERED',
            last_http_code: code,
            last_error: null,
            lease_owner: null,
            lease_until: null,
            updated_at: at,
          })
          .returning('id')
          .execute();
        for (const row of rows) settled.add(row.id);
      }
      for (const settlement of settlements) {
        if (settlement.outcome !== 'failed') continue;
        const { job } = settlement;
        const changes =
          settlement.nextAttemptAt === null
            ? { status: 'FAILED' }
            : { try: job.try + 1, next_attempt_at: settlement.nextAttemptAt };
        const result = await held(trx, [job.id])
          .set({
            ...changes,
            last_http_code: settlement.httpCode,
            last_error: settlement.error,
            lease_owner: null,
            lease_until: null,
            updated_at: at,
          })
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 1) settled.add(job.id);
      }
      const logged = settlements.filter(
        (settlement) =>
          settled.has(settlement.job.id) && (settlement.outcome === 'delivered' || settlement.attempted),
      );
      if (logged.length > 0) {
        await trx
          .insertInto('delivery_attempts')
          .values(
            logged.map(({ job, ...settlement }) => ({
              account_id: job.accountId,
              event_id: job.eventId,
              event_type: job.type,
              event_at: job.occurredAt,
              delivery_id: job.id,
              webhook_id: job.webhookId,
              endpoint: job.endpoint,
              try: job.try,
              status: settlement.outcome === 'delivered' ? 'SUCCESS' : 'FAILURE',
              http_code: settlement.httpCode,
              error: settlement.outcome === 'delivered' ? null : settlement.error,
              duration_ms: Math.max(0, Math.round(settlement.durationMs)),
              attempted_at: at,
            })),
          )
          .execute();
      }
      return settled;
    });
  }

  return {
    /**
     * Writes the event and a job for each ENABLED subscription of its account and type (and each
     * dynamic webhook), with `executor`: the transaction of the change the event tells of. Answers
     * the `event_id`, or null when no subscription or dynamic webhook wants it (then nothing is
     * written).
     */
    async record(
      executor: Executor,
      event: NewEvent,
      dynamic: readonly DynamicHook[] = [],
    ): Promise<string | null> {
      const hooks = await executor
        .selectFrom('webhooks')
        .select(['id', 'endpoint'])
        .where('account_id', '=', event.accountId)
        .where('type', '=', event.type)
        .where('status', '=', 'ENABLED')
        .execute();
      // Nobody to tell: nothing is stored. The change itself (a call record, a number) keeps the
      // facts, and a busy node does not write events nobody will read.
      if (hooks.length === 0 && dynamic.length === 0) return null;
      const at = now();
      const id = newEventId(at);
      await executor
        .insertInto('events')
        .values({
          id,
          account_id: event.accountId,
          type: event.type,
          data: JSON.stringify(event.data),
          occurred_at: at,
        })
        .execute();
      const jobs = [
        ...hooks.map((hook) => newJob(id, at, hook.id, hook.endpoint)),
        ...dynamic.map((hook) => ({
          ...newJob(id, at, null, hook.endpoint),
          hmac_algo: hook.hmacSecret == null ? null : (hook.hmacAlgo ?? 'SHA256'),
          hmac_secret: hook.hmacSecret ?? null,
          body_form: hook.bodyForm ?? 'event',
        })),
      ];
      await executor.insertInto('deliveries').values(jobs).execute();
      return id;
    },

    /**
     * Sends an event again, on request: a new job at try 0 for each subscription that had one (or
     * only `webhookId`'s), due now. Answers how many jobs; 0 when the event is not the account's.
     */
    async redeliver(accountId: number, eventId: string, webhookId?: string): Promise<number> {
      return db.transaction().execute(async (trx) => {
        const event = await trx
          .selectFrom('events')
          .select('id')
          .where('id', '=', eventId)
          .where('account_id', '=', accountId)
          .executeTakeFirst();
        if (event === undefined) return 0;
        let earlier = trx
          .selectFrom('deliveries')
          .select(['webhook_id', 'endpoint', 'hmac_algo', 'hmac_secret', 'body_form'])
          .where('event_id', '=', eventId);
        if (webhookId !== undefined) earlier = earlier.where('webhook_id', '=', webhookId);
        const targets = new Map<string, Omit<Selectable<DeliveriesTable>, 'id'>>();
        const at = now();
        for (const job of await earlier.orderBy('id').execute()) {
          // One new job per subscription (or per dynamic endpoint), however many it had.
          targets.set(job.webhook_id ?? `dynamic:${job.endpoint}`, {
            ...newJob(eventId, at, job.webhook_id, job.endpoint),
            hmac_algo: job.hmac_algo,
            hmac_secret: job.hmac_secret,
            body_form: job.body_form,
          });
        }
        if (targets.size > 0)
          await trx
            .insertInto('deliveries')
            .values([...targets.values()])
            .execute();
        return targets.size;
      });
    },

    /** Takes up to `limit` due jobs whose lease is free, oldest first, for `leaseMs`. */
    async claimDue(options: ClaimOptions): Promise<ClaimedDelivery[]> {
      const at = now();
      const due = db
        .selectFrom('deliveries')
        .select('id')
        .where('status', '=', 'PENDING')
        .where('next_attempt_at', '<=', at)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', at)]))
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(options.limit);
      const claimed = await db
        .updateTable('deliveries')
        .set({ lease_owner: options.owner, lease_until: at + options.leaseMs, updated_at: at })
        .where('id', 'in', postgres ? due.forUpdate().skipLocked() : due)
        .returning([
          'id',
          'event_id',
          'webhook_id',
          'endpoint',
          'try',
          'hmac_algo',
          'hmac_secret',
          'body_form',
        ])
        .execute();
      if (claimed.length === 0) return [];
      const events = await db
        .selectFrom('events')
        .selectAll()
        .where(
          'id',
          'in',
          claimed.map((row) => row.event_id),
        )
        .execute();
      const byId = new Map(events.map((event) => [event.id, event]));
      return claimed
        .map((row) => {
          const event = byId.get(row.event_id);
          if (event === undefined) return null;
          return {
            id: row.id,
            eventId: row.event_id,
            webhookId: row.webhook_id,
            endpoint: row.endpoint,
            try: row.try,
            accountId: event.account_id,
            type: event.type,
            data: event.data,
            occurredAt: Number(event.occurred_at),
            hmacAlgo: row.hmac_algo,
            hmacSecret: row.hmac_secret,
            bodyForm: row.body_form === 'data' ? 'data' : 'event',
          } satisfies ClaimedDelivery;
        })
        .filter((delivery): delivery is ClaimedDelivery => delivery !== null)
        .sort((a, b) => a.id - b.id);
    },

    settleAll,

    /** The attempt succeeded; false when `owner` no longer held the job (another took it over). */
    async delivered(job: ClaimedDelivery, owner: string, attempt: AttemptFacts): Promise<boolean> {
      return (await settleAll(owner, [{ job, outcome: 'delivered', ...attempt }])).has(job.id);
    },

    /** The attempt failed: the next try at `nextAttemptAt`, or FAILED when there is none. */
    async failed(job: ClaimedDelivery, owner: string, outcome: FailedAttempt): Promise<boolean> {
      return (await settleAll(owner, [{ job, outcome: 'failed', ...outcome }])).has(job.id);
    },

    /**
     * Frees the leases of claimers whose name starts with `prefix`: a node's previous process,
     * known dead when the node starts again. Its jobs are due at once instead of when the leases
     * run out. Answers how many were freed.
     */
    async releaseLeasesOf(prefix: string): Promise<number> {
      const result = await db
        .updateTable('deliveries')
        .set({ lease_owner: null, lease_until: null })
        .where('status', '=', 'PENDING')
        .where(sql<string>`substr(lease_owner, 1, ${prefix.length})`, '=', prefix)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    /**
     * Forgets what is older than `beforeMs`: log rows, and events none of whose jobs is still
     * pending (their jobs go with them). Answers how many log rows and events went.
     */
    async prune(beforeMs: number): Promise<{ attempts: number; events: number }> {
      const attempts = await db
        .deleteFrom('delivery_attempts')
        .where('attempted_at', '<', beforeMs)
        .executeTakeFirst();
      const events = await db
        .deleteFrom('events')
        .where('occurred_at', '<', beforeMs)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('deliveries')
                .select('deliveries.id')
                .whereRef('deliveries.event_id', '=', 'events.id')
                .where('deliveries.status', '=', 'PENDING'),
            ),
          ),
        )
        .executeTakeFirst();
      return { attempts: Number(attempts.numDeletedRows), events: Number(events.numDeletedRows) };
    },
  };
}
