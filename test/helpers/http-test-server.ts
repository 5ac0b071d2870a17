/**
 * HTTP servers on loopback for tests that send requests out (action URLs, webhooks): each request
 * is kept with its method, URL, headers and body, and answered by the test's handler; connections
 * are counted, so a test can prove a refused target was never reached.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestContext } from 'node:test';

export interface Received {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export interface TestServer {
  readonly url: string;
  readonly received: Received[];
  /** Connections accepted, whatever came of them. */
  connections: number;
}

export async function serve(
  t: TestContext,
  handle: (request: Received, response: ServerResponse) => void,
): Promise<TestServer> {
  const state: TestServer = { url: '', received: [], connections: 0 };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const received: Received = {
        method: request.method ?? '',
        url: new URL(request.url ?? '/', 'http://test'),
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      state.received.push(received);
      handle(received, response);
    });
  });
  server.on('connection', () => {
    state.connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, { url: `http://127.0.0.1:${port}` });
}

/**
 * A handler that wants HTTP Digest (RFC 7616, qop=auth) with `password` for any user name: it
 * challenges with one `WWW-Authenticate` per algorithm and checks an answer with its own code;
 * `verified` lists the algorithms of the answers it accepted.
 */
export function digestServer(password: string, algorithms: readonly ('MD5' | 'SHA-256')[]) {
  const realm = 'crm@example.org';
  const issued = new Map<string, string>();
  const verified: string[] = [];
  const handler = (request: Received, response: ServerResponse): void => {
    const header = request.headers['authorization'];
    if (header?.startsWith('Digest ') === true) {
      const params = new Map<string, string>();
      for (const match of header.slice(7).matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]+))/g))
        params.set(match[1] as string, (match[2] ?? match[3]) as string);
      const algorithm = params.get('algorithm') ?? 'MD5';
      const h = (text: string): string =>
        createHash(algorithm === 'SHA-256' ? 'sha256' : 'md5')
          .update(text)
          .digest('hex');
      const nonce = params.get('nonce') ?? '';
      const ha1 = h(`${params.get('username') ?? ''}:${realm}:${password}`);
      const ha2 = h(`${request.method}:${params.get('uri') ?? ''}`);
      const expected = h(
        `${ha1}:${nonce}:${params.get('nc') ?? ''}:${params.get('cnonce') ?? ''}:${params.get('qop') ?? ''}:${ha2}`,
      );
      const uriMatches = params.get('uri') === `${request.url.pathname}${request.url.search}`;
      if (
        issued.get(nonce) === algorithm &&
        params.get('qop') === 'auth' &&
        params.get('opaque') === 'opaque-42' &&
        uriMatches &&
        params.get('response') === expected
      ) {
        verified.push(algorithm);
        response.end('welcome');
        return;
      }
    }
    response.statusCode = 401;
    const challenges = algorithms.map((algorithm) => {
      const nonce = randomBytes(12).toString('base64');
      issued.set(nonce, algorithm);
      return `Digest realm="${realm}", qop="auth", algorithm=${algorithm}, nonce="${nonce}", opaque="opaque-42"`;
    });
    response.setHeader('www-authenticate', challenges);
    response.end('who are you?');
  };
  return { handler, verified };
}
