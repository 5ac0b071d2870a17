/**
 * The one rule for a URL a tenant gives Voxgate to call (a webhook endpoint, a real-time app, an
 * action URL): it parses, it is http: or https:, and it names a host. Where it points is judged
 * later, on the address connected to (outbound-connector.ts).
 */
import { ValidationFailed } from '../../errors.js';
import { isHttpUrl } from './http-exchange-client.js';

/** The URL, when `text` is one Voxgate may call; null otherwise. */
export function httpTarget(text: string): URL | null {
  const url = URL.canParse(text) ? new URL(text) : null;
  return url !== null && isHttpUrl(url) && url.hostname !== '' ? url : null;
}

/** Refuses `text` with a 400 naming `field` (rule `format`) unless it is a URL Voxgate may call. */
export function requireHttpTarget(text: string, field: readonly string[]): void {
  if (httpTarget(text) !== null) return;
  throw ValidationFailed({
    message: `${field.join('.')} is not an http(s) URL (format)`,
    issues: [{ path: [...field], rule: 'format', message: 'is not an http(s) URL', limit: 'url' }],
  });
}
