/**
 * Sends an action URL's request (docs/receptionists.md, "The request"): the call facts as query
 * parameters (GET) or a JSON body (POST), the object's headers and auth, its connection and request
 * timeouts. Connections go through the outbound connector, so an address the policy refuses is never
 * reached; redirects are not followed (a 3xx is the answer); the answer's body is read up to a cap
 * and dropped.
 *
 * `fire` is what a call uses: it returns at once and the outcome goes to `onResult`, so a slow or
 * failing URL never stalls the caller's menu and never throws into the call.
 */
import { Agent, type Dispatcher } from 'undici';
import type { AddressPolicy } from '../outbound/address-policy.js';
import { buildOutboundConnector, OutboundAddressRefused } from '../outbound/outbound-connector.js';
import { seedDatetime } from '../shared/seed-time.js';
import { parseActionUrlHeaders } from './action-url-headers.js';
import { chooseDigestChallenge, digestAuthorization } from './digest-auth.js';
import { encodeSeedId } from './seed-id.js';
import type { ActionUrl } from './types.js';

/** What the request tells the customer's server about the call. */
export interface ActionUrlCallFacts {
  readonly callId: string;
  /** E.164 calling number, `""` when withheld. */
  readonly caller: string;
  readonly callee: string;
  /** The entry that matched a DTMF action URL (without the ending `#`); null for CALLER. */
  readonly digits: string | null;
  /** The receptionist's stored (decimal) id. */
  readonly receptionistId: string;
  /** When the action URL fired, in epoch milliseconds. */
  readonly at: number;
}

export type ActionUrlOutcome =
  'SUCCESS' | 'HTTP_ERROR' | 'TIMEOUT' | 'NETWORK_ERROR' | 'BLOCKED' | 'NOT_SENT';

export interface ActionUrlResult {
  readonly actionUrlId: string;
  readonly receptionistId: string;
  readonly callId: string;
  readonly url: string | null;
  readonly outcome: ActionUrlOutcome;
  /** The last answer's status, when one came. */
  readonly status: number | null;
  readonly durationMs: number;
  /** Why, when it was not a success; never a credential. */
  readonly error: string | null;
}

export interface ActionUrlSenderOptions {
  /** What may be reached; public addresses only, by default. */
  readonly policy?: AddressPolicy;
  /** Told of each refused connection, for the log. */
  readonly onRefused?: (refused: OutboundAddressRefused) => void;
  /** Told of every fired request's outcome, for the log. */
  readonly onResult?: (result: ActionUrlResult) => void;
  /** Bytes of an answer's body read before the connection is dropped. */
  readonly maxResponseBytes?: number;
}

export interface ActionUrlSender {
  /** Sends in the background; returns at once. */
  fire(actionUrl: ActionUrl, facts: ActionUrlCallFacts): void;
  /** Sends and resolves with the outcome; never rejects. */
  send(actionUrl: ActionUrl, facts: ActionUrlCallFacts): Promise<ActionUrlResult>;
  /** Waits for requests under way and releases the connections. */
  close(): Promise<void>;
}

const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024;
const USER_AGENT = 'Voxgate-ActionUrl/1';

/** The call facts as the request carries them, in the seed's forms (ids base64, time `YYYY-MM-DD HH:MM:SS`). */
export function actionUrlPayload(actionUrl: ActionUrl, facts: ActionUrlCallFacts): Record<string, string> {
  return {
    type: actionUrl.type ?? '',
    action_url_id: encodeSeedId(actionUrl.id),
    receptionist_id: encodeSeedId(facts.receptionistId),
    call_id: facts.callId,
    caller: facts.caller,
    callee: facts.callee,
    digits: facts.digits ?? '',
    time: seedDatetime(new Date(facts.at).toISOString()),
  };
}

interface Answer {
  readonly status: number;
  readonly challenges: readonly string[];
}

function headerValues(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function refusedIn(error: unknown): OutboundAddressRefused | null {
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof OutboundAddressRefused) return cause;
  }
  return null;
}

function failureOf(error: unknown): { outcome: ActionUrlOutcome; error: string } {
  if (refusedIn(error) !== null) return { outcome: 'BLOCKED', error: 'address not allowed' };
  const code = (error as { code?: unknown }).code;
  const name = (error as { name?: unknown }).name;
  if (
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT' ||
    name === 'TimeoutError'
  )
    return { outcome: 'TIMEOUT', error: typeof code === 'string' ? code : 'timed out' };
  return { outcome: 'NETWORK_ERROR', error: typeof code === 'string' ? code : 'network error' };
}

export function createActionUrlSender(options: ActionUrlSenderOptions = {}): ActionUrlSender {
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  /** One dispatcher per connection timeout: undici sets that timeout on the connector, not per request. */
  const agents = new Map<number, Agent>();
  const pending = new Set<Promise<unknown>>();

  function agentFor(connectionTimeoutS: number): Agent {
    let agent = agents.get(connectionTimeoutS);
    if (agent === undefined) {
      const connect = buildOutboundConnector({
        connectTimeoutMs: connectionTimeoutS * 1000,
        ...(options.policy === undefined ? {} : { policy: options.policy }),
        ...(options.onRefused === undefined ? {} : { onRefused: options.onRefused }),
      });
      agent = new Agent({ connections: 8, pipelining: 1, connect });
      agents.set(connectionTimeoutS, agent);
    }
    return agent;
  }

  async function exchange(
    dispatcher: Dispatcher,
    url: URL,
    method: 'GET' | 'POST',
    headers: Record<string, string>,
    body: string | null,
    requestTimeoutMs: number,
    signal: AbortSignal,
  ): Promise<Answer> {
    const response = await dispatcher.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method,
      headers,
      body,
      signal,
      headersTimeout: requestTimeoutMs,
      bodyTimeout: requestTimeoutMs,
    });
    // Read and dropped, up to the cap: past it undici closes the connection.
    await response.body.dump({ limit: maxResponseBytes });
    return { status: response.statusCode, challenges: headerValues(response.headers['www-authenticate']) };
  }

  async function send(actionUrl: ActionUrl, facts: ActionUrlCallFacts): Promise<ActionUrlResult> {
    const started = Date.now();
    const result = (
      outcome: ActionUrlOutcome,
      status: number | null,
      error: string | null,
    ): ActionUrlResult => ({
      actionUrlId: actionUrl.id,
      receptionistId: facts.receptionistId,
      callId: facts.callId,
      url: actionUrl.url,
      outcome,
      status,
      durationMs: Date.now() - started,
      error,
    });
    if (actionUrl.url === null || !URL.canParse(actionUrl.url)) return result('NOT_SENT', null, 'no url');
    const url = new URL(actionUrl.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return result('NOT_SENT', null, 'not http(s)');
    const method = actionUrl.method ?? 'POST';
    const payload = actionUrlPayload(actionUrl, facts);
    let body: string | null = null;
    const headers: Record<string, string> = { 'user-agent': USER_AGENT };
    if (actionUrl.headers !== null) {
      const parsed = parseActionUrlHeaders(actionUrl.headers, actionUrl.auth !== 'DISABLE');
      if (!parsed.ok) return result('NOT_SENT', null, `headers ${parsed.reason}`);
      for (const [name, value] of Object.entries(parsed.headers)) headers[name.toLowerCase()] = value;
    }
    if (method === 'GET') {
      for (const [name, value] of Object.entries(payload)) url.searchParams.append(name, value);
    } else {
      body = JSON.stringify(payload);
      headers['content-type'] = 'application/json';
    }
    const username = actionUrl.username ?? '';
    const password = actionUrl.password ?? '';
    if (actionUrl.auth === 'BASIC')
      headers['authorization'] = `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
    if (actionUrl.auth === 'BEARER') headers['authorization'] = `Bearer ${actionUrl.token ?? ''}`;

    const requestTimeoutMs = actionUrl.requestTimeout * 1000;
    const legs = actionUrl.auth === 'DIGEST' ? 2 : 1;
    // A hard stop over everything, should a timer of undici's not fire: both legs of a digest exchange.
    const signal = AbortSignal.timeout(legs * (actionUrl.connectionTimeout * 1000 + requestTimeoutMs) + 1000);
    const dispatcher = agentFor(actionUrl.connectionTimeout);
    try {
      let answer = await exchange(dispatcher, url, method, headers, body, requestTimeoutMs, signal);
      if (actionUrl.auth === 'DIGEST' && answer.status === 401) {
        const challenge = chooseDigestChallenge(answer.challenges);
        if (challenge === null) return result('HTTP_ERROR', 401, 'no Digest challenge Voxgate can answer');
        const authorization = digestAuthorization(
          challenge,
          { username, password },
          { method, uri: `${url.pathname}${url.search}` },
        );
        answer = await exchange(
          dispatcher,
          url,
          method,
          { ...headers, authorization },
          body,
          requestTimeoutMs,
          signal,
        );
      }
      const ok = answer.status >= 200 && answer.status < 300;
      return result(ok ? 'SUCCESS' : 'HTTP_ERROR', answer.status, ok ? null : `HTTP ${answer.status}`);
    } catch (error) {
      const failure = failureOf(error);
      return result(failure.outcome, null, failure.error);
    }
  }

  return {
    fire(actionUrl, facts) {
      const sending = send(actionUrl, facts)
        // send() catches what a request throws; this is for a bug, which must not reach the call either.
        .catch((error: unknown): ActionUrlResult => ({
          actionUrlId: actionUrl.id,
          receptionistId: facts.receptionistId,
          callId: facts.callId,
          url: actionUrl.url,
          outcome: 'NETWORK_ERROR',
          status: null,
          durationMs: 0,
          error: error instanceof Error ? error.message : String(error),
        }))
        .then((outcome) => {
          try {
            options.onResult?.(outcome);
          } catch {
            // A failing log line must not become an unhandled rejection in a call's process.
          }
        });
      pending.add(sending);
      void sending.then(() => pending.delete(sending));
    },
    send,
    async close() {
      await Promise.allSettled([...pending]);
      await Promise.all([...agents.values()].map((agent) => agent.close()));
      agents.clear();
    },
  };
}
