/**
 * The guard against server-side request forgery, through the real clients (Call API's and the media
 * fetcher's) and real sockets: each refused target is refused before connecting, said to the
 * refusal listener, and a canary server listening where the request would have gone sees nothing.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, type TestContext } from 'node:test';
import { AddressPolicy, parseCidr, type Cidr } from './address-policy.js';
import { createHttpExchangeClient } from './http-exchange-client.js';
import { createMediaFetcher } from './media-fetcher.js';
import type { OutboundAddressRefused } from './outbound-connector.js';

interface Canary {
  readonly port: number;
  readonly host: string;
  /** Connections it accepted. */
  connections: number;
}

async function canary(t: TestContext, host = '127.0.0.1', handler?: http.RequestListener): Promise<Canary> {
  const server = http.createServer(handler ?? ((_request, response) => response.end('{}')));
  const state = { port: 0, host, connections: 0 };
  server.on('connection', () => (state.connections += 1));
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  state.port = (server.address() as AddressInfo).port;
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return state;
}

function client(t: TestContext, allow: string[] = []) {
  const refusals: OutboundAddressRefused[] = [];
  const policy = new AddressPolicy({ allow: allow.map((text) => parseCidr(text) as Cidr) });
  const exchange = createHttpExchangeClient({ policy, onRefused: (refused) => refusals.push(refused) });
  t.after(() => exchange.close());
  const send = (url: string) =>
    exchange.exchange({
      url,
      method: 'GET',
      headers: {},
      body: null,
      timeoutMs: 2000,
      maxResponseBytes: 65536,
      signal: new AbortController().signal,
    });
  return { send, refusals };
}

test('a loopback target written as an IPv4-mapped IPv6 address is BLOCKED; the canary sees nothing', async (t) => {
  const target = await canary(t);
  const { send, refusals } = client(t);
  const result = await send(`http://[::ffff:127.0.0.1]:${target.port}/`);
  assert.deepEqual(result, { kind: 'failure', outcome: 'BLOCKED' });
  assert.equal(target.connections, 0);
  assert.equal(refusals.length, 1);
  assert.match(refusals[0]?.address ?? '', /^::ffff:(7f00:1|127\.0\.0\.1)$/);
});

test('a target written 0x7f000001 is loopback, and BLOCKED', async (t) => {
  const target = await canary(t);
  const { send, refusals } = client(t);
  assert.deepEqual(await send(`http://0x7f000001:${target.port}/`), { kind: 'failure', outcome: 'BLOCKED' });
  assert.equal(target.connections, 0);
  assert.equal(refusals[0]?.address, '127.0.0.1');
});

test('the metadata address is BLOCKED at once, without a connection attempt', async (t) => {
  const { send, refusals } = client(t);
  const started = performance.now();
  assert.deepEqual(await send('http://169.254.169.254/latest/meta-data/'), {
    kind: 'failure',
    outcome: 'BLOCKED',
  });
  assert.ok(performance.now() - started < 1000, 'refused, not timed out');
  assert.equal(refusals[0]?.address, '169.254.169.254');
});

test('a host name that resolves to loopback is BLOCKED after the lookup; the canary sees nothing', async (t) => {
  const target = await canary(t);
  const { send, refusals } = client(t);
  assert.deepEqual(await send(`http://localhost:${target.port}/`), { kind: 'failure', outcome: 'BLOCKED' });
  assert.equal(target.connections, 0);
  assert.equal(refusals[0]?.host, 'localhost');
});

test('a redirect to a refused address is not followed: the canary there sees nothing', async (t) => {
  const hidden = await canary(t, '127.0.0.2');
  const redirector = await canary(t, '127.0.0.1', (_request, response) => {
    response.writeHead(302, { location: `http://127.0.0.2:${hidden.port}/` });
    response.end();
  });
  const { send } = client(t, ['127.0.0.1/32']);
  const result = await send(`http://127.0.0.1:${redirector.port}/`);
  assert.equal(result.kind, 'response');
  assert.equal(result.kind === 'response' ? result.status : 0, 302);
  assert.equal(redirector.connections, 1);
  assert.equal(hidden.connections, 0);
});

test('an address the operator allows is reached, and only that one', async (t) => {
  const allowed = await canary(t, '127.0.0.1');
  const other = await canary(t, '127.0.0.3');
  const { send } = client(t, ['127.0.0.1/32']);
  const reached = await send(`http://127.0.0.1:${allowed.port}/`);
  assert.equal(reached.kind === 'response' ? reached.status : 0, 200);
  assert.deepEqual(await send(`http://127.0.0.3:${other.port}/`), { kind: 'failure', outcome: 'BLOCKED' });
  assert.equal(other.connections, 0);
});

test('the media fetcher applies the same guard', async (t) => {
  const target = await canary(t);
  const refusals: OutboundAddressRefused[] = [];
  const fetcher = createMediaFetcher({
    policy: new AddressPolicy(),
    onRefused: (refused) => refusals.push(refused),
  });
  t.after(() => fetcher.close());
  const outcome = await fetcher.fetch(
    `http://127.0.0.1:${target.port}/prompt.wav`,
    new AbortController().signal,
  );
  assert.equal(outcome.ok, false);
  assert.match(outcome.ok ? '' : outcome.reason, /not an address Voxgate may reach/);
  assert.equal(target.connections, 0);
  assert.equal(refusals.length, 1);
});

test('a URL of another scheme is refused unsent, by both clients, even where every address is allowed', async (t) => {
  const target = await canary(t);
  const { send } = client(t, ['0.0.0.0/0']);
  for (const scheme of ['ftp', 'gopher', 'ws'])
    assert.deepEqual(await send(`${scheme}://127.0.0.1:${target.port}/`), {
      kind: 'failure',
      outcome: 'NETWORK_ERROR',
    });
  const fetcher = createMediaFetcher({
    policy: new AddressPolicy({ allow: [parseCidr('0.0.0.0/0') as Cidr] }),
  });
  t.after(() => fetcher.close());
  const outcome = await fetcher.fetch(`ftp://127.0.0.1:${target.port}/a.wav`, new AbortController().signal);
  assert.deepEqual(outcome, { ok: false, reason: 'not an http(s) URL' });
  assert.equal(target.connections, 0);
});
