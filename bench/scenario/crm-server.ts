/**
 * The "CRM" the benchmark scenario's Call API reaches: a plain `node:http`
 * server on 127.0.0.1 that checks each request is the one the scripted caller's
 * path produces (method, interpolated query, headers, JSON body) and answers a
 * small JSON object, or 400 with the reason. `GET /stats` reports the counts.
 *
 * Run as a script (`node --import tsx bench/scenario/crm-server.ts`) it
 * listens on port 0, writes `{"port":N}` as its first stdout line, and exits
 * when its stdin closes, so it cannot outlive the benchmark that spawned it.
 */
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import {
  CRM_PATH,
  CRM_RESPONSE,
  CRM_TOKEN,
  EXPECTED_CRM_BODY,
  EXPECTED_CRM_QUERY,
} from './scenario-document.js';

export interface CrmStats {
  /** Call API requests received (every POST to the CRM path). */
  readonly requests: number;
  readonly rejected: number;
  readonly firstRejection: string | null;
}

const RESPONSE_BODY = JSON.stringify(CRM_RESPONSE);
const MAX_BODY_BYTES = 16 * 1024;

/** Why a Call API request is not the expected one, or null when it is. */
function rejection(request: http.IncomingMessage, body: string): string | null {
  if (request.url !== `${CRM_PATH}?${EXPECTED_CRM_QUERY}`) return `unexpected URL ${request.url ?? ''}`;
  if (request.headers.authorization !== `Bearer ${CRM_TOKEN}`) return 'missing or wrong authorization header';
  if (request.headers['content-type'] !== 'application/json')
    return `content-type ${request.headers['content-type'] ?? '(none)'}`;
  const callId = request.headers['x-voxgate-call-id'];
  if (typeof callId !== 'string' || callId === '' || request.headers['x-call-id'] !== callId)
    return 'x-call-id does not repeat x-voxgate-call-id';
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return 'the body is not JSON';
  }
  if (typeof parsed !== 'object' || parsed === null) return 'the body is not a JSON object';
  const fields = parsed as Record<string, unknown>;
  const expected = Object.entries(EXPECTED_CRM_BODY);
  if (Object.keys(fields).length !== expected.length) return `body fields ${Object.keys(fields).join(',')}`;
  for (const [name, value] of expected) {
    if (fields[name] !== value) return `body field ${name} = ${JSON.stringify(fields[name])}`;
  }
  return null;
}

export function createCrmServer(): { readonly server: http.Server; stats(): CrmStats } {
  let requests = 0;
  let rejected = 0;
  let firstRejection: string | null = null;
  const stats = (): CrmStats => ({ requests, rejected, firstRejection });
  const server = http.createServer((request, response) => {
    if (request.method === 'GET' && request.url === '/stats') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stats()));
      return;
    }
    if (request.method !== 'POST' || !request.url?.startsWith(`${CRM_PATH}?`)) {
      response.writeHead(404).end();
      return;
    }
    requests += 1;
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => {
      const reason =
        size > MAX_BODY_BYTES
          ? 'the body is too large'
          : rejection(request, Buffer.concat(chunks).toString());
      if (reason === null) {
        response.writeHead(200, { 'content-type': 'application/json' }).end(RESPONSE_BODY);
        return;
      }
      rejected += 1;
      firstRejection ??= reason;
      response.writeHead(400, { 'content-type': 'text/plain' }).end(reason);
    });
  });
  return { server, stats };
}

/** The child-process entry: listen, announce the port, stop with the parent. */
function serveAsChild(): void {
  const { server } = createCrmServer();
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    if (address === null || typeof address === 'string') {
      process.stderr.write('crm-server: no TCP port assigned\n');
      process.exit(1);
    }
    process.stdout.write(`${JSON.stringify({ port: address.port })}\n`);
  });
  const stop = (): void => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  };
  process.stdin.on('end', stop).on('close', stop).resume();
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) serveAsChild();
