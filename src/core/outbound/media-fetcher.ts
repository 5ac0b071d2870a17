/**
 * Fetches prompt audio by URL for Play (the telephony layer's MediaFetcher):
 * the same rules as the Call API client (undici, one attempt, no redirects,
 * one timeout for the whole exchange, a size cap) but the body kept as
 * bytes, and the same guard on the addresses it connects to.
 */
import { Agent, request } from 'undici';
import type { AddressPolicy } from './address-policy.js';
import { isHttpUrl } from './http-exchange-client.js';
import { buildOutboundConnector, type OutboundAddressRefused } from './outbound-connector.js';

export type MediaFetchOutcome =
  | { readonly ok: true; readonly bytes: Buffer; readonly contentType: string | null }
  | { readonly ok: false; readonly reason: string };

export interface MediaFetcherOptions {
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
  readonly connections?: number;
  /** What may be reached; public addresses only, by default. */
  readonly policy?: AddressPolicy;
  readonly onRefused?: (refused: OutboundAddressRefused) => void;
}

export const MEDIA_FETCH_TIMEOUT_MS = 10_000;
export const MEDIA_FETCH_MAX_BYTES = 64 * 1024 * 1024;

export function createMediaFetcher(options: MediaFetcherOptions = {}) {
  const timeoutMs = options.timeoutMs ?? MEDIA_FETCH_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? MEDIA_FETCH_MAX_BYTES;
  const connect = buildOutboundConnector(options);
  const dispatcher = new Agent({ connections: options.connections ?? 8, connect });
  return {
    async fetch(url: string, signal: AbortSignal): Promise<MediaFetchOutcome> {
      if (!URL.canParse(url) || !isHttpUrl(new URL(url))) return { ok: false, reason: 'not an http(s) URL' };
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(new Error('timed out')), timeoutMs);
      const onCancel = (): void => controller.abort(new Error('cancelled'));
      signal.addEventListener('abort', onCancel, { once: true });
      try {
        const response = await request(url, {
          method: 'GET',
          signal: controller.signal,
          dispatcher,
        });
        if (response.statusCode < 200 || response.statusCode > 299) {
          await response.body.dump();
          return { ok: false, reason: `HTTP ${response.statusCode}` };
        }
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const chunk of response.body as AsyncIterable<Buffer>) {
          size += chunk.length;
          if (size > maxBytes) {
            controller.abort(new Error('too large'));
            return { ok: false, reason: `larger than ${maxBytes} bytes` };
          }
          chunks.push(chunk);
        }
        const type = response.headers['content-type'];
        return {
          ok: true,
          bytes: Buffer.concat(chunks),
          contentType: typeof type === 'string' ? type : null,
        };
      } catch (error) {
        return { ok: false, reason: controller.signal.aborted ? 'timed out or cancelled' : describe(error) };
      } finally {
        clearTimeout(timer);
        signal.removeEventListener('abort', onCancel);
      }
    },
    close: (): Promise<void> => dispatcher.close(),
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
