/**
 * The HTTP client behind Call API (SCENARIO-LANGUAGE.md section 5.1): one
 * attempt, no redirects, one timeout for the whole exchange, the response
 * read up to a cap. Every failure comes back as an outcome, never a throw.
 *
 * Built on undici's dispatcher with a handler object of its own rather than
 * `request()`: one object and one timer per exchange, no AbortController, no
 * response stream and no async iterator. At thousands of simulated calls a
 * second, that machinery cost more than the request itself.
 *
 * Connections go through the outbound connector: an address the policy refuses
 * (private, loopback, metadata, ... unless the operator allows it) is never
 * connected to, and the exchange ends as BLOCKED.
 */
import { Agent, type Dispatcher } from 'undici';
import type { AddressPolicy } from './address-policy.js';
import { buildOutboundConnector, OutboundAddressRefused } from './outbound-connector.js';
import type {
  HttpClient,
  HttpExchangeRequest,
  HttpExchangeResult,
} from '../../scenario/interpreter/services.js';

export interface HttpExchangeClientOptions {
  /** Connections kept per origin; Call API bursts are short. */
  readonly connections?: number;
  /** What may be reached; public addresses only, by default. */
  readonly policy?: AddressPolicy;
  /** Told of each refused connection, for the log. */
  readonly onRefused?: (refused: OutboundAddressRefused) => void;
}

type Failure = Extract<HttpExchangeResult, { kind: 'failure' }>['outcome'];

/** Why we aborted an exchange; shared instances, so no stack is captured per abort. */
class ExchangeAborted extends Error {
  readonly outcome: Failure;

  constructor(outcome: Failure) {
    super(outcome);
    this.outcome = outcome;
  }
}
const TIMED_OUT = new ExchangeAborted('TIMEOUT');
const TOO_LARGE = new ExchangeAborted('TOO_LARGE');
const CANCELLED = new ExchangeAborted('NETWORK_ERROR');

/** One exchange: collects the response up to the cap, and settles once. */
class Exchange implements Dispatcher.DispatchHandler {
  readonly #maxBytes: number;
  readonly #settle: (result: HttpExchangeResult) => void;
  readonly #signal: AbortSignal;
  readonly #timer: ReturnType<typeof setTimeout>;
  #controller: Dispatcher.DispatchController | null = null;
  /** Set by the timer or the caller before undici handed us a controller. */
  #abortBeforeStart: ExchangeAborted | null = null;
  #status = 0;
  #contentType = '';
  #retryAfter: string | null = null;
  readonly #chunks: Buffer[] = [];
  #size = 0;
  #done = false;

  constructor(request: HttpExchangeRequest, settle: (result: HttpExchangeResult) => void) {
    this.#maxBytes = request.maxResponseBytes;
    this.#settle = settle;
    this.#signal = request.signal;
    this.#timer = setTimeout(abortExchange, request.timeoutMs, this, TIMED_OUT);
    this.#signal.addEventListener('abort', this);
  }

  /** The caller's signal fired (the call hung up). */
  handleEvent(): void {
    this.abort(CANCELLED);
  }

  abort(reason: ExchangeAborted): void {
    if (this.#done) return;
    if (this.#controller !== null) {
      this.#controller.abort(reason);
      return;
    }
    // Still queued for a connection: settle now, and stop the request if it ever starts.
    this.#abortBeforeStart = reason;
    this.#finish({ kind: 'failure', outcome: reason.outcome });
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    if (this.#abortBeforeStart !== null) controller.abort(this.#abortBeforeStart);
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Record<string, string | string[] | undefined>,
  ): void {
    this.#status = statusCode;
    const contentType = headers['content-type'];
    this.#contentType = Array.isArray(contentType) ? (contentType[0] ?? '') : (contentType ?? '');
    const retryAfter = headers['retry-after'];
    if (retryAfter !== undefined)
      this.#retryAfter = Array.isArray(retryAfter) ? (retryAfter[0] ?? null) : retryAfter;
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.#size += chunk.length;
    if (this.#size > this.#maxBytes) {
      controller.abort(TOO_LARGE);
      return;
    }
    this.#chunks.push(chunk);
  }

  onResponseEnd(): void {
    const body = Buffer.concat(this.#chunks, this.#size).toString('utf8');
    const status = this.#status;
    const contentType = this.#contentType;
    this.#finish(
      this.#retryAfter === null
        ? { kind: 'response', status, contentType, body }
        : { kind: 'response', status, contentType, body, retryAfter: this.#retryAfter },
    );
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.#finish({ kind: 'failure', outcome: outcomeOf(error) });
  }

  #finish(result: HttpExchangeResult): void {
    if (this.#done) return;
    this.#done = true;
    clearTimeout(this.#timer);
    this.#signal.removeEventListener('abort', this);
    this.#chunks.length = 0;
    this.#settle(result);
  }
}

function abortExchange(exchange: Exchange, reason: ExchangeAborted): void {
  exchange.abort(reason);
}

/** Only http: and https: URLs are requested (docs/outbound-requests.md). */
export function isHttpUrl(url: URL): boolean {
  return url.protocol === 'http:' || url.protocol === 'https:';
}

function outcomeOf(error: Error): Failure {
  if (error instanceof ExchangeAborted) return error.outcome;
  if (error instanceof OutboundAddressRefused) return 'BLOCKED';
  const code = (error as { code?: unknown }).code;
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return 'TIMEOUT';
  return 'NETWORK_ERROR';
}

export function createHttpExchangeClient(
  options: HttpExchangeClientOptions = {},
): HttpClient & { close(): Promise<void> } {
  const connect = buildOutboundConnector(options);
  const dispatcher = new Agent({ connections: options.connections ?? 16, pipelining: 1, connect });
  return {
    exchange(request: HttpExchangeRequest): Promise<HttpExchangeResult> {
      let url: URL;
      try {
        url = new URL(request.url);
      } catch {
        return Promise.resolve({ kind: 'failure', outcome: 'NETWORK_ERROR' });
      }
      // undici would speak HTTP to an ftp: or gopher: URL's host; such a URL is refused unsent.
      if (!isHttpUrl(url)) return Promise.resolve({ kind: 'failure', outcome: 'NETWORK_ERROR' });
      return new Promise((resolve) => {
        const exchange = new Exchange(request, resolve);
        if (request.signal.aborted) exchange.abort(CANCELLED);
        try {
          dispatcher.dispatch(
            {
              origin: url.origin,
              path: `${url.pathname}${url.search}`,
              method: request.method,
              headers: request.headers,
              body: request.body ?? null,
              headersTimeout: request.timeoutMs,
              bodyTimeout: request.timeoutMs,
            },
            exchange,
          );
        } catch (error) {
          exchange.onResponseError(null as never, error instanceof Error ? error : new Error(String(error)));
        }
      });
    },
    close: () => dispatcher.close(),
  };
}
