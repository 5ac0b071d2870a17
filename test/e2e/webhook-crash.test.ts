/**
 * No event is lost when Voxgate is killed: 1,000 events pending (some in flight to a receiver that
 * hangs), `kill -9`, a new process on the same database and node, and every event reaches the
 * receiver, which de-duplicates by `event_id` as the docs tell receivers to.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, type TestContext } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  createTenantKey,
  harness,
  operatorKeyOf,
  startVoxgate,
  type Voxgate,
} from '../helpers/voxgate-process.js';
import { LOOPBACK_CIDRS } from '../helpers/outbound.js';

const EVENTS = 1000;

/** A receiver that holds every request open until `answer()`, then answers 200 at once. */
async function receiver(t: TestContext) {
  const seen = new Set<string>();
  let requests = 0;
  let answering = false;
  const held: http.ServerResponse[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      requests += 1;
      if (!answering) {
        held.push(response);
        return;
      }
      seen.add((JSON.parse(body) as { event_id: string }).event_id);
      response.writeHead(200);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    seen,
    requests: () => requests,
    answer(): void {
      answering = true;
      // Requests held by the dead process lost their sender: drop them.
      for (const response of held.splice(0)) response.destroy();
    },
  };
}

async function post(voxgate: Voxgate, key: string, url: string, body: unknown): Promise<Response> {
  return fetch(`${voxgate.baseUrl}${url}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

test(
  'kill -9 with 1,000 events pending: after the restart all 1,000 are delivered',
  { timeout: 180_000 },
  async (t) => {
    const hooks = await receiver(t);
    const h = await harness(t, {
      VOXGATE_OUTBOUND_ALLOW_CIDRS: LOOPBACK_CIDRS,
      VOXGATE_NODE_ID: 'crash-node',
      VOXGATE_RATE_LIMIT: '1000000',
    });
    const first = await startVoxgate(h);
    const operatorKey = await operatorKeyOf(first);
    const tenantKey = await createTenantKey(first, operatorKey);
    const account = (await (
      await fetch(`${first.baseUrl}/voxgate/v1/account`, {
        headers: { authorization: `Bearer ${tenantKey}` },
      })
    ).json()) as { id: number };
    const subscribed = await post(first, tenantKey, '/voxgate/v1/webhooks', {
      type: 'did.assigned',
      endpoint: hooks.url,
    });
    assert.equal(subscribed.status, 201, await subscribed.text());

    // Each number the operator gives the account is one did.assigned event, in the same transaction.
    for (let i = 0; i < EVENTS; i += 10) {
      const batch = Array.from({ length: 10 }, (_, j) =>
        post(first, operatorKey, '/admin/numbers', {
          account_id: account.id,
          number: `+3361${String(i + j).padStart(7, '0')}`,
        }),
      );
      for (const response of await Promise.all(batch)) assert.equal(response.status, 201);
    }
    // The worker has sent what it claimed, and holds those leases, when the process dies.
    for (let wait = 0; hooks.requests() === 0 && wait < 200; wait += 1) await sleep(50);
    assert.ok(hooks.requests() > 0, 'deliveries were in flight');
    first.child.kill('SIGKILL');
    assert.equal((await first.exited).signal, 'SIGKILL');
    assert.equal(hooks.seen.size, 0, 'nothing was delivered before the crash');

    hooks.answer();
    const second = await startVoxgate(h);
    for (let wait = 0; hooks.seen.size < EVENTS && wait < 600; wait += 1) await sleep(100);
    assert.equal(hooks.seen.size, EVENTS, 'every event reached the receiver');

    // What the new process says of its jobs: all delivered, none failed or left pending.
    const log = async (status: string): Promise<number> => {
      const response = await fetch(`${second.baseUrl}/voxgate/v1/webhooks/logs?status=${status}&limit=1`, {
        headers: { authorization: `Bearer ${tenantKey}` },
      });
      assert.equal(response.status, 200);
      return ((await response.json()) as { total: number }).total;
    };
    assert.equal(await log('SUCCESS'), EVENTS, 'one successful attempt per event');
    assert.equal(
      await log('FAILURE'),
      0,
      'the attempts the crash cut off were never settled, so never logged',
    );
  },
);
