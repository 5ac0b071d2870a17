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
import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Db } from '../../db/database.js';
import { isPostgres } from '../../db/migration-helpers.js';
import type { Database, DeliveriesTable } from '../../db/schema.js';
import type { Clock } from '../shared/clock.js';

/** The alphabet of `event_id` (CALLR-METHODS.md section 5.2: 32 characters [0-9A-Za-z]). */
const EVENT_ID_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const EVENT_ID_LENGTH = 32;

/** 32 characters of [0-9A-Za-z], about 190 random bits. */
export function newEventId(): string {
  // 248 is the largest multiple of 62 below 256: bytes at or above it are dropped, so no
  // character is likelier than another.
  let id = '';
  while (id.length < EVENT_ID_LENGTH) {
    for (const byte of randomBytes(EVENT_ID_LENGTH)) {
      if (byte < 248 && id.length < EVENT_ID_LENGTH) id += EVENT_ID_ALPHABET[byte % 62];
    }
  }
  return id;
}

export interface NewEvent {
  readonly accountId: number;
  readonly type: string;
  /** The event's `data` object, stored as JSON. */
  readonly data: unknown;
}

/** A job a claimer holds, with what delivery needs of its event. */
export interface ClaimedDelivery {
  readonly id: number;
  readonly eventId: string;
  readonly webhookId: string | null;
  readonly endpoint: string;
  readonly try: number;
  readonly accountId: number;
  readonly type: string;
  /** The event's `data`, as the JSON text stored. */
  readonly data: string;
  /** Milliseconds since the epoch. */
  readonly occurredAt: number;
}

export interface ClaimOptions {
  /** Names the claimer (a node and its worker); only it may settle the job while the lease runs. */
  readonly owner: string;
  readonly limit: number;
  readonly leaseMs: number;
}

export type Outbox = ReturnType<typeof createOutbox>;

type Executor = Db | Transaction<Database>;

export function createOutbox({ db, clock }: { readonly db: Db; readonly clock: Clock }) {
  const postgres = isPostgres(db as unknown as Kysely<unknown>);
  const now = (): number => clock.now().getTime();

  /** Sets a held job's columns, if `owner` still holds it; false when the lease was lost. */
  async function settle(
    id: number,
    owner: string,
    changes: Partial<Omit<Selectable<DeliveriesTable>, 'id'>>,
  ): Promise<boolean> {
    const result = await db
      .updateTable('deliveries')
      .set({ ...changes, lease_owner: null, lease_until: null, updated_at: now() })
      .where('id', '=', id)
      .where('lease_owner', '=', owner)
      .where('status', '=', 'PENDING')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  return {
    /**
     * Writes the event and a job for each ENABLED subscription of its account and type, with
     * `executor`: the transaction of the change the event tells of. Answers the `event_id`.
     */
    async record(executor: Executor, event: NewEvent): Promise<string> {
      const id = newEventId();
      const at = now();
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
      const hooks = await executor
        .selectFrom('webhooks')
        .select(['id', 'endpoint'])
        .where('account_id', '=', event.accountId)
        .where('type', '=', event.type)
        .where('status', '=', 'ENABLED')
        .execute();
      if (hooks.length > 0) {
        await executor
          .insertInto('deliveries')
          .values(
            hooks.map((hook) => ({
              event_id: id,
              webhook_id: hook.id,
              endpoint: hook.endpoint,
              try: 0,
              status: 'PENDING',
              next_attempt_at: at,
              lease_owner: null,
              lease_until: null,
              last_http_code: null,
              last_error: null,
              created_at: at,
              updated_at: at,
            })),
          )
          .execute();
      }
      return id;
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
        .returning(['id', 'event_id', 'webhook_id', 'endpoint', 'try'])
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
          };
        })
        .filter((delivery): delivery is ClaimedDelivery => delivery !== null)
        .sort((a, b) => a.id - b.id);
    },

    /** The attempt succeeded; false when `owner` no longer held the job (another took it over). */
    delivered(id: number, owner: string, httpCode: number): Promise<boolean> {
      return settle(id, owner, { status: 'DELIVERED', last_http_code: httpCode, last_error: null });
    },

    /** The attempt failed: the next try at `nextAttemptAt`, or FAILED when there is none. */
    failed(
      id: number,
      owner: string,
      outcome: {
        readonly httpCode: number | null;
        readonly error: string;
        readonly nextAttemptAt: number | null;
        readonly try: number;
      },
    ): Promise<boolean> {
      return settle(
        id,
        owner,
        outcome.nextAttemptAt === null
          ? { status: 'FAILED', last_http_code: outcome.httpCode, last_error: outcome.error }
          : {
              try: outcome.try + 1,
              next_attempt_at: outcome.nextAttemptAt,
              last_http_code: outcome.httpCode,
              last_error: outcome.error,
            },
      );
    },
  };
}
