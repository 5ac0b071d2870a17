/**
 * Call API (section 5.1) against a real local HTTP server, through the
 * production client (createHttpExchangeClient): methods, headers, URL
 * encoding, bodies, collectResponse, and every failure outcome.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, type TestContext } from 'node:test';
import { createHttpExchangeClient } from '../../core/outbound/http-exchange-client.js';
import { LOOPBACK_ALLOWED } from '../../../test/helpers/outbound.js';
import { VERSION } from '../../version.js';
import { runScript, type RunScriptOptions, type ScriptRun } from './test-support/run-script.js';

interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

type Handler = (request: Received, response: ServerResponse) => void;

interface LocalServer {
  readonly base: string;
  readonly received: Received[];
}

/** A server on 127.0.0.1 with a free port, closed (connections included) when the test ends. */
async function startServer(t: TestContext, handler: Handler): Promise<LocalServer> {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const entry: Received = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(entry);
      handler(entry, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, received };
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** Runs a script with the real HTTP client, closed when the test ends. */
async function runWithRealHttp(
  t: TestContext,
  document: Parameters<typeof runScript>[0],
  options: RunScriptOptions = {},
): Promise<ScriptRun> {
  const http = createHttpExchangeClient({ policy: LOOPBACK_ALLOWED });
  t.after(() => http.close());
  return runScript(document, { ...options, http });
}

test('Call API sends each method; a 2xx is SUCCESS with callApiStatus', async (t) => {
  const server = await startServer(t, (_request, response) => json(response, 201, {}));
  const methods = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];
  const run = await runWithRealHttp(
    t,
    methods.map((method) => ({ request: `${server.base}/items/1`, options: { method } })),
  );

  assert.deepEqual(
    server.received.map((r) => r.method),
    methods,
  );
  assert.equal(run.variables['callApiStatus'], '201');
  assert.equal(run.variables['callApiOutcome'], 'SUCCESS');
  assert.deepEqual(
    run.ofType('http.exchange').map((e) => [e.data['method'], e.data['status'], e.data['outcome']]),
    methods.map((method) => [method, 201, 'SUCCESS']),
  );
});

test('Call API adds user-agent Voxgate/<version>, x-voxgate-call-id and x-voxgate-scenario-id to the script headers', async (t) => {
  const server = await startServer(t, (_request, response) => json(response, 200, {}));
  await runWithRealHttp(
    t,
    [
      {
        request: `${server.base}/hook`,
        options: { method: 'POST', headers: { Authorization: 'Bearer ${token}', 'X-Tenant': 'acme' } },
      },
    ],
    { parameters: { token: 's3cret' }, callId: 'call-42' },
  );

  const headers = server.received[0]?.headers ?? {};
  assert.equal(headers['authorization'], 'Bearer s3cret');
  assert.equal(headers['x-tenant'], 'acme');
  assert.equal(headers['user-agent'], `Voxgate/${VERSION}`);
  assert.equal(headers['x-voxgate-call-id'], 'call-42');
  assert.equal(headers['x-voxgate-scenario-id'], 'E83E787CF2613450157ADA3476171E3F');
});

test('Call API percent-encodes interpolated values in the URL; the timeline URL has no query', async (t) => {
  const server = await startServer(t, (_request, response) => json(response, 200, {}));
  const run = await runWithRealHttp(
    t,
    [
      {
        request: `${server.base}/lookup/\${id}?customer=\${customer}&caller=\${from}`,
        options: { method: 'GET' },
      },
    ],
    { parameters: { customer: 'a b&c=d/é', id: '../admin' } },
  );

  assert.equal(
    server.received[0]?.url,
    '/lookup/..%2Fadmin?customer=a%20b%26c%3Dd%2F%C3%A9&caller=%2B41793026727',
  );
  assert.equal(run.one('http.exchange').data['url'], `${server.base}/lookup/..%2Fadmin`);
  assert.deepEqual(Object.keys(run.one('http.exchange').data).sort(), [
    'durationMs',
    'method',
    'outcome',
    'status',
    'url',
  ]);
});

test('Call API does not encode a URL that is a single ${…}', async (t) => {
  const server = await startServer(t, (_request, response) => json(response, 200, {}));
  await runWithRealHttp(t, [{ request: '${endpoint}', options: { method: 'GET' } }], {
    parameters: { endpoint: `${server.base}/raw/path?x=1&y=a%20b` },
  });

  assert.equal(server.received[0]?.url, '/raw/path?x=1&y=a%20b');
});

test('Call API sends an object body as JSON with interpolated string leaves (application/json)', async (t) => {
  const server = await startServer(t, (_request, response) => json(response, 200, {}));
  await runWithRealHttp(
    t,
    [
      {
        request: `${server.base}/calls`,
        options: {
          method: 'POST',
          body: {
            payload: '${to} finished the IVR.',
            name: '${name}',
            count: 3,
            vip: true,
            none: null,
            nested: { list: ['${name}', 1, false] },
          },
        },
      },
    ],
    { parameters: { name: 'Ana "the" \\ best\n' }, to: '+41793026700' },
  );

  const received = server.received[0];
  assert.equal(received?.headers['content-type'], 'application/json');
  assert.deepEqual(JSON.parse(received?.body ?? ''), {
    payload: '+41793026700 finished the IVR.',
    name: 'Ana "the" \\ best\n',
    count: 3,
    vip: true,
    none: null,
    nested: { list: ['Ana "the" \\ best\n', 1, false] },
  });
});

test('Call API sends a string body as written (text/plain; charset=utf-8), unless the script sets content-type', async (t) => {
  const server = await startServer(t, (_request, response) => json(response, 200, {}));
  await runWithRealHttp(t, [
    { request: `${server.base}/a`, options: { method: 'POST', body: 'from=${from}' } },
    {
      request: `${server.base}/b`,
      options: { method: 'PUT', body: '{"from":"${from}"}', headers: { 'content-type': 'application/json' } },
    },
  ]);

  assert.equal(server.received[0]?.headers['content-type'], 'text/plain; charset=utf-8');
  assert.equal(server.received[0]?.body, 'from=+41793026727');
  assert.equal(server.received[1]?.headers['content-type'], 'application/json');
  assert.equal(server.received[1]?.body, '{"from":"+41793026727"}');
});

test('Call API GET sends no body', async (t) => {
  const server = await startServer(t, (_request, response) => json(response, 200, {}));
  await runWithRealHttp(t, [{ request: `${server.base}/q`, options: { method: 'GET', body: { a: 'b' } } }]);

  assert.equal(server.received[0]?.body, '');
  assert.equal(server.received[0]?.headers['content-type'], undefined);
  assert.equal(server.received[0]?.headers['content-length'], undefined);
});

test('Call API: a server that never answers is TIMEOUT after options.timeout (real time, 1 s)', async (t) => {
  const server = await startServer(t, () => {
    // Never answers; the connection is closed when the test ends.
  });
  const run = await runWithRealHttp(t, [
    { request: `${server.base}/slow`, options: { method: 'GET', timeout: 1 } },
    { setVariable: 'after', value: '${callApiOutcome}/${callApiStatus}' },
  ]);

  assert.equal(run.variables['after'], 'TIMEOUT/0');
  assert.equal(run.one('error').data['code'], 'VG_RT_HTTP_FAILED');
  assert.equal(run.elapsedMs, 0, 'virtual time does not move while a real request is in flight');
});

test('Call API: a non-2xx answer is HTTP_ERROR with its status, and collectResponse sets nothing', async (t) => {
  const server = await startServer(t, (request, response) =>
    json(response, request.url === '/missing' ? 404 : 503, { customerName: 'Ana' }),
  );
  const run = await runWithRealHttp(t, [
    { request: `${server.base}/missing`, options: { method: 'GET', collectResponse: true } },
    { setVariable: 'first', value: '${callApiOutcome} ${callApiStatus}' },
    { request: `${server.base}/down`, options: { method: 'GET' } },
    { if: '${callApiStatus} == 503', then: [{ setVariable: 'numeric', value: 'yes' }] },
  ]);

  assert.equal(run.variables['first'], 'HTTP_ERROR 404');
  assert.equal(run.variables['callApiOutcome'], 'HTTP_ERROR');
  assert.equal(run.variables['numeric'], 'yes');
  assert.equal(run.variables['customerName'], undefined);
});

test('collectResponse on JSON: first-level primitives only (numbers "12.5", booleans "true"); nested, arrays, invalid and reserved names skipped', async (t) => {
  const server = await startServer(t, (_request, response) =>
    json(response, 200, {
      customerName: 'Ana',
      balance: 12.5,
      vip: true,
      nothing: null,
      big: 1e21,
      orders: [{ id: 1 }],
      address: { city: 'Bern' },
      to: '+10000000000',
      callApiOutcome: 'HACKED',
      'bad-name': 'x',
      __proto__x: 'y',
    }),
  );
  const run = await runWithRealHttp(t, [
    { request: `${server.base}/lookup`, options: { method: 'GET', collectResponse: true } },
    {
      if: "${callApiOutcome == 'SUCCESS' && balance > 0}",
      then: [{ setVariable: 'greeting', value: 'Hello ${customerName}. Your balance is ${balance} euros.' }],
    },
    { setVariable: 'called', value: '${to}' },
  ]);

  assert.equal(run.variables['customerName'], 'Ana');
  assert.equal(run.variables['balance'], '12.5');
  assert.equal(run.variables['vip'], 'true');
  assert.equal(run.variables['nothing'], '');
  assert.equal(run.variables['big'], '1e+21');
  assert.equal(run.variables['orders'], undefined);
  assert.equal(run.variables['address'], undefined);
  assert.equal(run.variables['bad-name'], undefined);
  assert.equal(run.variables['__proto__x'], undefined);
  assert.equal(run.variables['callApiOutcome'], 'SUCCESS');
  assert.equal(run.variables['called'], '+41793026700', 'the built-in `to` was not overwritten');
  assert.equal(run.variables['greeting'], 'Hello Ana. Your balance is 12.5 euros.');
  assert.deepEqual(
    run
      .ofType('variable.skipped')
      .map((e) => e.data['name'])
      .sort(),
    ['__proto__x', 'bad-name', 'callApiOutcome', 'to'],
  );
});

test('collectResponse takes at most 50 fields', async (t) => {
  const body = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`field${i}`, i]));
  const server = await startServer(t, (_request, response) => json(response, 200, body));
  const run = await runWithRealHttp(t, [
    { request: `${server.base}/many`, options: { method: 'GET', collectResponse: true } },
  ]);

  assert.equal(run.variables['field49'], '49');
  assert.equal(run.variables['field50'], undefined);
});

test('collectResponse on a body starting with { is read as JSON whatever its content type', async (t) => {
  const server = await startServer(t, (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.end('  {"code": "A1"}');
  });
  const run = await runWithRealHttp(t, [
    { request: `${server.base}/plain`, options: { method: 'GET', collectResponse: true } },
  ]);

  assert.equal(run.variables['code'], 'A1');
});

test("collectResponse on XML: the root's text-only children, entities decoded; nested elements skipped", async (t) => {
  const server = await startServer(t, (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/xml; charset=utf-8' });
    response.end(
      '<?xml version="1.0" encoding="UTF-8"?>\n<!-- lookup -->\n<response status="ok">' +
        '<customerName>Ana &amp; Bob &#233;</customerName><balance>3</balance>' +
        '<address><city>Bern</city></address><empty/><tier level="2">gold</tier></response>',
    );
  });
  const run = await runWithRealHttp(t, [
    { request: `${server.base}/xml`, options: { method: 'GET', collectResponse: true } },
  ]);

  assert.equal(run.variables['customerName'], 'Ana & Bob é');
  assert.equal(run.variables['balance'], '3');
  assert.equal(run.variables['empty'], '');
  assert.equal(run.variables['tier'], 'gold');
  assert.equal(run.variables['address'], undefined);
  assert.equal(run.variables['city'], undefined);
  assert.equal(run.variables['status'], undefined, 'attributes are not fields');
  assert.equal(run.variables['callApiOutcome'], 'SUCCESS');
});

test('collectResponse on an unparsable body is PARSE_ERROR and sets nothing', async (t) => {
  const server = await startServer(t, (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"customerName": "Ana", oops');
  });
  const run = await runWithRealHttp(t, [
    { request: `${server.base}/broken`, options: { method: 'GET', collectResponse: true } },
  ]);

  assert.equal(run.variables['callApiOutcome'], 'PARSE_ERROR');
  assert.equal(run.variables['callApiStatus'], '200');
  assert.equal(run.variables['customerName'], undefined);
});

test('Call API: a response over 64 KiB is TOO_LARGE', async (t) => {
  const server = await startServer(t, (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ blob: 'x'.repeat(70 * 1024) }));
  });
  const run = await runWithRealHttp(t, [
    { request: `${server.base}/big`, options: { method: 'GET', collectResponse: true } },
  ]);

  assert.equal(run.variables['callApiOutcome'], 'TOO_LARGE');
  assert.equal(run.variables['callApiStatus'], '0');
  assert.equal(run.variables['blob'], undefined);
});

test('Call API: a streamed 100 MB response is refused without buffering it (the server is cut off early)', async (t) => {
  const HUNDRED_MB = 100 * 1024 * 1024;
  let stopped: (written: number) => void = () => undefined;
  const serverDone = new Promise<number>((resolve) => {
    stopped = resolve;
  });
  const server = await startServer(t, (_request, response) => {
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let written = 0;
    let closed = false;
    response.on('close', () => {
      closed = true;
      stopped(written);
    });
    response.writeHead(200, { 'content-type': 'application/octet-stream' });
    const pump = (): void => {
      while (!closed && written < HUNDRED_MB) {
        written += chunk.length;
        if (!response.write(chunk)) {
          response.once('drain', pump);
          return;
        }
      }
      if (!closed) response.end();
    };
    pump();
  });
  const held = (): number => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const heldBefore = held();
  const run = await runWithRealHttp(t, [{ request: `${server.base}/huge`, options: { method: 'GET' } }]);
  const written = await serverDone;

  assert.equal(run.variables['callApiOutcome'], 'TOO_LARGE');
  assert.ok(written < 16 * 1024 * 1024, `the server wrote ${written} bytes before the socket closed`);
  const grown = held() - heldBefore;
  assert.ok(grown < 50 * 1024 * 1024, `memory grew by ${grown} bytes, far below the 100 MB sent`);
});

test('Call API: a refused connection is NETWORK_ERROR', async (t) => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const run = await runWithRealHttp(t, [
    { request: `http://127.0.0.1:${port}/gone`, options: { method: 'GET' } },
  ]);

  assert.equal(run.variables['callApiOutcome'], 'NETWORK_ERROR');
  assert.equal(run.variables['callApiStatus'], '0');
  assert.equal(run.one('error').data['code'], 'VG_RT_HTTP_FAILED');
});

test('Call API: more than 100 requests in a call are refused as LIMIT without reaching the server', async (t) => {
  const server = await startServer(t, (_request, response) => json(response, 200, {}));
  const run = await runWithRealHttp(t, [
    {
      while: '${n} < 51',
      do: [
        { request: `${server.base}/a`, options: { method: 'GET' } },
        { request: `${server.base}/b`, options: { method: 'POST' } },
        { setVariable: 'n', value: '${n + 1}' },
      ],
    },
  ]);

  assert.equal(server.received.length, 100);
  const outcomes = run.ofType('http.exchange').map((e) => e.data['outcome']);
  assert.equal(outcomes.length, 102);
  assert.deepEqual(outcomes.slice(98), ['SUCCESS', 'SUCCESS', 'LIMIT', 'LIMIT']);
  assert.equal(run.variables['callApiOutcome'], 'LIMIT');
  assert.equal(run.variables['callApiStatus'], '0');
});

test('Call API without a request URL sends nothing and sets NO_URL (compile warning CALLAPI_NO_URL)', async (t) => {
  const server = await startServer(t, (_request, response) => json(response, 200, {}));
  const run = await runWithRealHttp(t, [{ options: { method: 'POST' } }]);

  assert.deepEqual(run.warnings, ['CALLAPI_NO_URL@script[0]']);
  assert.equal(server.received.length, 0);
  assert.equal(run.variables['callApiOutcome'], 'NO_URL');
  assert.equal(run.ofType('error').length, 0);
});

test('Call API: an interpolated URL that is not http(s) is NETWORK_ERROR, nothing sent', async (t) => {
  const run = await runWithRealHttp(t, [{ request: '${target}', options: { method: 'GET' } }], {
    parameters: { target: 'file:///etc/passwd' },
  });

  assert.equal(run.variables['callApiOutcome'], 'NETWORK_ERROR');
});

test('Call API runs before the call is answered: the caller hears ringback (section 6.1)', async (t) => {
  const server = await startServer(t, (_request, response) => json(response, 200, {}));
  const run = await runWithRealHttp(t, [{ request: `${server.base}/first`, options: { method: 'GET' } }]);

  assert.equal(run.ofType('call.answered').length, 0);
  assert.equal(run.durationS, 0);
});
