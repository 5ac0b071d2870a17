/**
 * The HTTP client behind Call API (SCENARIO-LANGUAGE.md section 5.1): one
 * attempt, no redirects, one timeout for the whole exchange, the response
 * read up to a cap. Every failure comes back as an outcome, never a throw.
 *
 * The server-side request forgery guard and the operator's CIDR settings come
 * with the outbound-client issue; until then this client reaches any address.
 */
import { Agent, request } from 'undici';
import type {
  HttpClient,
  HttpExchangeRequest,
  HttpExchangeResult,
} from '../../scenario/interpreter/services.js';

export interface HttpExchangeClientOptions {
  /** Connections kept per origin; Call API bursts are short. */
  readonly connections?: number;
}

class ResponseTooLarge extends Error {}

/** The abort reason of a timeout or a cancelled call; shared, so no DOMException is built. */
const TIMED_OUT = Object.freeze({ name: 'CallApiAborted' });

async function readCapped(body: AsyncIterable<Buffer>, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) throw new ResponseTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function createHttpExchangeClient(
  options: HttpExchangeClientOptions = {},
): HttpClient & { close(): Promise<void> } {
  const dispatcher = new Agent({ connections: options.connections ?? 16, pipelining: 1 });
  return {
    async exchange(exchange: HttpExchangeRequest): Promise<HttpExchangeResult> {
      // One controller and one timer: AbortSignal.timeout plus AbortSignal.any cost more than the request.
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort(TIMED_OUT);
      }, exchange.timeoutMs);
      const onCancel = (): void => controller.abort(TIMED_OUT);
      exchange.signal.addEventListener('abort', onCancel, { once: true });
      try {
        const response = await request(exchange.url, {
          method: exchange.method as 'GET',
          headers: exchange.headers,
          body: exchange.body,
          signal: controller.signal,
          dispatcher,
          headersTimeout: exchange.timeoutMs,
          bodyTimeout: exchange.timeoutMs,
        });
        try {
          const text = await readCapped(response.body, exchange.maxResponseBytes);
          const contentType = response.headers['content-type'];
          return {
            kind: 'response',
            status: response.statusCode,
            contentType: Array.isArray(contentType) ? (contentType[0] ?? '') : (contentType ?? ''),
            body: text,
          };
        } catch (error) {
          response.body.destroy();
          throw error;
        }
      } catch (error) {
        if (error instanceof ResponseTooLarge) return { kind: 'failure', outcome: 'TOO_LARGE' };
        if (timedOut) return { kind: 'failure', outcome: 'TIMEOUT' };
        const code = (error as { code?: unknown }).code;
        if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
          return { kind: 'failure', outcome: 'TIMEOUT' };
        }
        return { kind: 'failure', outcome: 'NETWORK_ERROR' };
      } finally {
        clearTimeout(timer);
        exchange.signal.removeEventListener('abort', onCancel);
      }
    },
    close: () => dispatcher.close(),
  };
}
