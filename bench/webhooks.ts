/**
 * `npm run bench -- webhooks`: issue 6's two goals, on SQLite and on PostgreSQL.
 *
 * 1. Delivery throughput (webhooks/delivery-rate.ts): a backlog of signed events drained by the
 *    delivery worker to a local receiver; goal 2,000 events/s.
 * 2. CDR and analytics reads at scale (webhooks/cdr-query.ts): a month of 1,000,000 calls of one
 *    tenant, every CDR and analytics read of core timed; goal under a second each.
 *
 * This process pins itself to CPU 0 before it starts anything (so PostgreSQL, which it starts, runs
 * there too: Voxgate and its database on one core); the receiver runs on CPU 1 when there is one.
 *
 * Options: `--part delivery|cdr` (both by default), `--engine sqlite|postgres` (both by default),
 * `--events N` (20,000), `--batch N` (100), `--calls N` (1,000,000), `--runs N` (5).
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { Engine } from './harness/database.js';
import { machineFacts } from './harness/machine.js';
import { writeResults } from './harness/results.js';
import { canPin } from './harness/script-server.js';
import { markdownTable, textTable, type Table } from './harness/table.js';
import { benchCdrQueries, CDR_QUERY_GOAL_MS, type CdrQueryOutcome } from './webhooks/cdr-query.js';
import {
  benchDeliveryRate,
  DELIVERY_GOAL_PER_SECOND,
  type DeliveryRateOutcome,
} from './webhooks/delivery-rate.js';

const BENCH_CPU = '0';
const RECEIVER_CPU = '1';

function positive(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`--${name} must be a positive integer`);
  return parsed;
}

/** Pins this process (every thread it has) to CPU 0; false when taskset cannot. */
function pinSelf(): boolean {
  if (!canPin(BENCH_CPU)) return false;
  return (
    spawnSync('taskset', ['-a', '-p', '-c', BENCH_CPU, String(process.pid)], { stdio: 'ignore' }).status === 0
  );
}

function deliveryTable(outcomes: readonly DeliveryRateOutcome[]): Table {
  return {
    headers: ['engine', 'events', 'batch', 'seconds', 'events/s', 'worker core %', 'goal', 'checks'],
    rows: outcomes.map((o) =>
      o.status === 'skipped'
        ? [o.engine, '-', '-', '-', '-', '-', '-', `skipped: ${o.reason}`]
        : [
            o.engine,
            o.events.toLocaleString('en'),
            String(o.batchSize),
            o.seconds.toFixed(2),
            Math.round(o.eventsPerSecond).toLocaleString('en'),
            (o.workerCore * 100).toFixed(0),
            o.eventsPerSecond >= DELIVERY_GOAL_PER_SECOND ? 'met' : 'NOT MET',
            o.problems.length === 0 ? 'all delivered, signatures valid' : o.problems.join('; '),
          ],
    ),
    numeric: new Set([1, 2, 3, 4, 5]),
  };
}

function cdrTable(outcomes: readonly CdrQueryOutcome[]): Table {
  const rows: string[][] = [];
  for (const o of outcomes) {
    if (o.status === 'skipped') {
      rows.push([o.engine, `skipped: ${o.reason}`, '-', '-', '-', '-']);
      continue;
    }
    for (const timing of o.timings) {
      rows.push([
        o.engine,
        timing.query,
        timing.medianMs.toFixed(1),
        timing.maxMs.toFixed(1),
        String(timing.rows),
        timing.maxMs < CDR_QUERY_GOAL_MS ? 'met' : 'NOT MET',
      ]);
    }
  }
  return {
    headers: ['engine', 'query', 'median ms', 'max ms', 'rows', `goal < ${CDR_QUERY_GOAL_MS} ms`],
    rows,
    numeric: new Set([2, 3, 4]),
  };
}

export async function main(args: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      part: { type: 'string' },
      engine: { type: 'string' },
      events: { type: 'string' },
      batch: { type: 'string' },
      calls: { type: 'string' },
      runs: { type: 'string' },
    },
  });
  const parts = values.part === undefined ? ['delivery', 'cdr'] : [values.part];
  const engines: Engine[] = values.engine === undefined ? ['sqlite', 'postgres'] : [values.engine as Engine];
  if (parts.some((part) => part !== 'delivery' && part !== 'cdr'))
    throw new Error('--part is delivery or cdr');
  if (engines.some((engine) => engine !== 'sqlite' && engine !== 'postgres'))
    throw new Error('--engine is sqlite or postgres');
  const events = positive(values.events, 20_000, 'events');
  const batchSize = positive(values.batch, 100, 'batch');
  const calls = positive(values.calls, 1_000_000, 'calls');
  const runs = positive(values.runs, 5, 'runs');

  const date = new Date();
  const machine = machineFacts(date);
  const pinned = pinSelf();
  const receiverCpus = os.cpus().length > 1 ? RECEIVER_CPU : null;
  const log = (line: string): void => void process.stdout.write(`${line}\n`);
  const placement = pinned
    ? `Worker and database pinned to CPU ${BENCH_CPU}; receiver on CPU ${receiverCpus ?? '(any)'}.`
    : 'Not pinned (taskset unavailable): every process shares every core.';

  const delivery: DeliveryRateOutcome[] = [];
  const cdr: CdrQueryOutcome[] = [];
  for (const engine of engines) {
    if (parts.includes('delivery'))
      delivery.push(await benchDeliveryRate(engine, { events, batchSize, receiverCpus, log }));
    if (parts.includes('cdr')) cdr.push(await benchCdrQueries(engine, { calls, runs, log }));
  }

  const problems: string[] = [];
  for (const o of delivery) {
    if (o.status !== 'done') continue;
    problems.push(...o.problems.map((p) => `${o.engine}: ${p}`));
    if (o.eventsPerSecond < DELIVERY_GOAL_PER_SECOND)
      problems.push(`${o.engine}: ${Math.round(o.eventsPerSecond)} events/s, under the goal`);
  }
  for (const o of cdr) {
    if (o.status !== 'done') continue;
    for (const t of o.timings)
      if (t.maxMs >= CDR_QUERY_GOAL_MS)
        problems.push(`${o.engine}: ${t.query} took ${t.maxMs.toFixed(0)} ms`);
  }

  const sections: string[] = [];
  const markdown: string[] = [
    `# Webhooks and CDR reads, ${machine.date}`,
    '',
    `- CPU: ${machine.cpuCount} × ${machine.cpuModel}; Node: ${machine.node}; load average ${machine.loadAverage1m} at start`,
    `- ${placement}`,
    '',
  ];
  if (delivery.length > 0) {
    const intro =
      `Delivery: a backlog of ${events.toLocaleString('en')} events, one HMAC-signed subscription each, ` +
      `drained by the delivery worker to a local receiver (claim, POST, settle with its log row); ` +
      `goal ${DELIVERY_GOAL_PER_SECOND.toLocaleString('en')} events/s.`;
    sections.push(`${intro}\n\n${textTable(deliveryTable(delivery))}`);
    markdown.push(`## Delivery`, '', intro, '', markdownTable(deliveryTable(delivery)), '');
  }
  if (cdr.length > 0) {
    const loaded = cdr
      .map((o) =>
        o.status === 'done'
          ? `${o.engine}: ${o.calls.toLocaleString('en')} calls (+${o.otherTenantCalls.toLocaleString('en')} of another tenant, ${o.sms.toLocaleString('en')} SMS) loaded in ${o.loadSeconds.toFixed(0)} s`
          : `${o.engine}: skipped`,
      )
      .join('; ');
    const intro = `CDR and analytics reads over a month of calls, each run ${runs} times after one untimed run (${loaded}); goal under ${CDR_QUERY_GOAL_MS} ms each.`;
    sections.push(`${intro}\n\n${textTable(cdrTable(cdr))}`);
    markdown.push(`## CDR and analytics`, '', intro, '', markdownTable(cdrTable(cdr)), '');
  }
  process.stdout.write(
    `\nWebhooks and CDR reads, ${machine.date}\n${placement}\n\n${sections.join('\n\n')}\n`,
  );
  if (problems.length > 0) {
    process.stdout.write(`\nFAILED: ${problems.join('; ')}\n`);
    markdown.push(`**FAILED**: ${problems.join('; ')}`, '');
  }
  const files = await writeResults(
    'webhooks',
    date,
    { machine, pinned, delivery, cdr, problems },
    markdown.join('\n'),
  );
  process.stdout.write(`\nResults: ${files.join(', ')}\n`);
  return problems.length > 0 ? 1 : 0;
}
