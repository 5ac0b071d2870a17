/**
 * The webhook receiver of `npm run bench -- webhooks`: a plain `node:http` server on 127.0.0.1 that
 * checks each delivery's `X-CALLR-HmacSignature` against the bench's secret, counts the distinct
 * `event_id`s it took, and answers 204 (401 to a bad signature). `GET /stats` reports the counts.
 *
 * Run as a script it listens on port 0, writes `{"port":N}` as its first stdout line, and exits
 * when its stdin closes, so it cannot outlive the benchmark that spawned it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { fileURLToPath } from 'node:url';

export const RECEIVER_SECRET = 'the secret of the bench receiver';

export interface ReceiverStats {
  readonly requests: number;
  readonly distinctEvents: number;
  readonly badSignatures: number;
}

function signed(body: Buffer, header: string | string[] | undefined): boolean {
  if (typeof header !== 'string') return false;
  const expected = createHmac('sha256', RECEIVER_SECRET).update(body).digest();
  const given = Buffer.from(header, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function createReceiver(): http.Server {
  let requests = 0;
  let badSignatures = 0;
  const events = new Set<string>();
  return http.createServer((request, response) => {
    if (request.method === 'GET' && request.url === '/stats') {
      const stats: ReceiverStats = { requests, distinctEvents: events.size, badSignatures };
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stats));
      return;
    }
    requests += 1;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      if (!signed(body, request.headers['x-callr-hmacsignature'])) {
        badSignatures += 1;
        response.writeHead(401).end();
        return;
      }
      const eventId = request.headers['x-callr-eventid'];
      if (typeof eventId === 'string') events.add(eventId);
      response.writeHead(204).end();
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = createReceiver();
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' ? address?.port : 0 })}\n`);
  });
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(0));
}
