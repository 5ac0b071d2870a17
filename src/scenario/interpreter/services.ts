/**
 * What the engine reaches outside the call through (DESIGN.md: injected
 * services), so every action runs without a network in tests.
 */

export interface HttpExchangeRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | null;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly signal: AbortSignal;
}

export type HttpExchangeResult =
  | {
      readonly kind: 'response';
      readonly status: number;
      readonly contentType: string;
      readonly body: string;
      /** The Retry-After header, when the answer had one (webhook delivery honours it). */
      readonly retryAfter?: string;
    }
  | { readonly kind: 'failure'; readonly outcome: 'TIMEOUT' | 'NETWORK_ERROR' | 'BLOCKED' | 'TOO_LARGE' };

/** Sends Call API requests. The production client is the safe outbound one (undici). */
export interface HttpClient {
  exchange(request: HttpExchangeRequest): Promise<HttpExchangeResult>;
}

export interface SmsRequest {
  readonly from: string | null;
  readonly to: string;
  readonly text: string;
  readonly callId: string;
}

export type SmsResult =
  | { readonly status: 'ACCEPTED'; readonly messageId: string }
  | { readonly status: 'REJECTED'; readonly reason: string };

/** Queues an SMS as an outbound record; delivery is the messaging service's business. */
export interface SmsSender {
  send(request: SmsRequest): Promise<SmsResult>;
}

/** Finds a tenant's newest recording by identifier (Play From Recording with a name). */
export interface RecordingLookup {
  findByIdentifier(identifier: string): Promise<string | null>;
}
