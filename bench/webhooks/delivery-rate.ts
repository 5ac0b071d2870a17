/**
 * Webhook delivery throughput (issue 6; goal 2,000 events/s): a fresh database of one engine holds
 * a backlog of events, each wanted by one signed subscription, and the delivery worker of
 * src/core/events/webhook-delivery.ts drains it to a local receiver in another process (pinned to
 * the other core when there is one), through the guarded outbound client, as a server does. Each
 * delivery is a claim, a signed POST, and the settle that writes the job's state and its log row.
 *
 * The run checks what it measured: the receiver took every event, with a valid signature, and every
 * job is DELIVERED.
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createWebhookDelivery } from '../../src/core/events/webhook-delivery.js';
import { AddressPolicy, parseCidr, type Cidr } from '../../src/core/outbound/address-policy.js';
import { createHttpExchangeClient } from '../../src/core/outbound/http-exchange-client.js';
import { systemClock } from '../../src/core/shared/clock.js';
import { Cleanup } from '../harness/cleanup.js';
import { openBenchCore, type Engine } from '../harness/database.js';
import { startScriptServer } from '../harness/script-server.js';
import { RECEIVER_SECRET, type ReceiverStats } from './receiver.js';

export const DELIVERY_GOAL_PER_SECOND = 2000;

const RECEIVER_SCRIPT = fileURLToPath(new URL('./receiver.ts', import.meta.url));
/** Events written per transaction while the backlog is made. */
const WRITE_BATCH = 500;

export interface DeliveryRateOptions {
  /** Events in the backlog; 20,000 by default. */
  readonly events?: number;
  /** Jobs the worker claims and sends at once; the server's 100 by default. */
  readonly batchSize?: number;
  /** Where the receiver runs ("1"), or null to leave it unpinned. */
  readonly receiverCpus?: string | null;
  readonly log?: (line: string) => void;
}

export type DeliveryRateOutcome =
  | {
      readonly engine: Engine;
      readonly status: 'done';
      readonly events: number;
      readonly batchSize: number;
      readonly seconds: number;
      readonly eventsPerSecond: number;
      /** CPU time of this process (the worker) per second of the drain, as a share of one core. */
      readonly workerCore: number;
      readonly receiverPinned: string | null;
      readonly problems: readonly string[];
    }
  | { readonly engine: Engine; readonly status: 'skipped'; readonly reason: string };

export async function benchDeliveryRate(
  engine: Engine,
  options: DeliveryRateOptions = {},
): Promise<DeliveryRateOutcome> {
  const events = options.events ?? 20_000;
  const batchSize = options.batchSize ?? 100;
  const log = options.log ?? (() => undefined);
  const cleanup = new Cleanup();
  const releaseSignals = cleanup.onSignals();
  try {
    const opened = await openBenchCore(engine, cleanup);
    if (!opened.ok) return { engine, status: 'skipped', reason: opened.skipped };
    const { core } = opened;
    const { db } = opened.database;
    const receiver = await startScriptServer(
      'webhook receiver',
      RECEIVER_SCRIPT,
      options.receiverCpus ?? null,
      cleanup,
    );

    const account = await core.accounts.createAccount('Bench');
    const tenant = { accountId: account.id, parentId: null };
    await core.webhooks.subscribe(tenant, {
      type: 'sms.mo',
      endpoint: `${receiver.url}/hooks`,
      options: { hmacSecret: RECEIVER_SECRET },
    });
    log(`[${engine}] writing ${events.toLocaleString('en')} events`);
    for (let written = 0; written < events; written += WRITE_BATCH) {
      const count = Math.min(WRITE_BATCH, events - written);
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < count; i += 1) {
          await core.outbox.record(trx, {
            accountId: account.id,
            type: 'sms.mo',
            data: { hash: 'BENCH', from: '+33612345678', text: `message ${written + i}` },
          });
        }
      });
    }

    const http = createHttpExchangeClient({
      policy: new AddressPolicy({ allow: [parseCidr('127.0.0.0/8') as Cidr] }),
    });
    cleanup.defer('close the webhook client', () => http.close());
    const delivery = createWebhookDelivery({
      db,
      clock: systemClock,
      outbox: core.outbox,
      http,
      owner: 'bench',
      userAgent: 'Voxgate/bench',
      batchSize,
    });
    log(`[${engine}] delivering, ${batchSize} at a time`);
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    // The worker's own lanes, without their idle wait: rounds back to back until nothing is due.
    await delivery.drain();
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);

    const problems: string[] = [];
    const stats = (await (await fetch(`${receiver.url}/stats`)).json()) as ReceiverStats;
    if (stats.distinctEvents !== events)
      problems.push(`the receiver took ${stats.distinctEvents} of ${events} events`);
    if (stats.badSignatures > 0) problems.push(`${stats.badSignatures} deliveries had a bad signature`);
    const left = await db
      .selectFrom('deliveries')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('status', '!=', 'DELIVERED')
      .executeTakeFirstOrThrow();
    if (Number(left.n) > 0) problems.push(`${left.n} jobs are not DELIVERED`);
    return {
      engine,
      status: 'done',
      events,
      batchSize,
      seconds,
      eventsPerSecond: events / seconds,
      workerCore: (cpu.user + cpu.system) / 1e6 / seconds,
      receiverPinned: receiver.pinnedCpus,
      problems,
    };
  } finally {
    releaseSignals();
    await cleanup.run();
  }
}
