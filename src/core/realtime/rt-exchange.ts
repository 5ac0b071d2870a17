/**
 * One RT.Request posted to the app's URL through the guarded outbound client (docs/outbound-requests.md)
 * and its answer read as an RT.Response: JSON body, HTTP Basic when the app has a login, one timeout
 * for the whole exchange, no redirects, a capped answer. Every failure is an outcome with a reason
 * the call's timeline keeps, never a throw.
 */
import type { HttpClient } from '../../scenario/interpreter/services.js';
import type { RealtimeTarget } from '../apps/types.js';
import { parseRtResponse, type NextCommand, type RtRequest } from './rt-messages.js';

/** An RT.Response is a command and a 16 KiB session store: well under this. */
const MAX_ANSWER_BYTES = 64 * 1024;

export type RtExchangeOutcome =
  { readonly ok: true; readonly next: NextCommand } | { readonly ok: false; readonly reason: string };

/** RFC 7617: `Basic base64(login:password)`. */
function basicAuthorization(login: string, password: string | null): string {
  return `Basic ${Buffer.from(`${login}:${password ?? ''}`, 'utf8').toString('base64')}`;
}

export function headersFor(target: RealtimeTarget): Record<string, string> {
  return {
    'content-type': 'application/json',
    accept: 'application/json',
    ...(target.login === null ? {} : { authorization: basicAuthorization(target.login, target.password) }),
  };
}

/** Posts `request`; a 2xx with an RT.Response is an answer, anything else a failure with its reason. */
export async function postRtRequest(
  http: HttpClient,
  target: RealtimeTarget,
  request: RtRequest,
  options: { readonly timeoutMs: number; readonly signal: AbortSignal },
): Promise<RtExchangeOutcome> {
  const result = await http.exchange({
    method: 'POST',
    url: target.url,
    headers: headersFor(target),
    body: JSON.stringify(request),
    timeoutMs: options.timeoutMs,
    maxResponseBytes: MAX_ANSWER_BYTES,
    signal: options.signal,
  });
  if (result.kind === 'failure') {
    const reason =
      result.outcome === 'TIMEOUT'
        ? `no answer within ${options.timeoutMs} ms`
        : result.outcome.toLowerCase();
    return { ok: false, reason: `${result.outcome}: ${reason}` };
  }
  if (result.status < 200 || result.status > 299)
    return { ok: false, reason: `HTTP_ERROR: status ${result.status}` };
  const parsed = parseRtResponse(result.body);
  return parsed.ok ? parsed : { ok: false, reason: `INVALID_ANSWER: ${parsed.reason}` };
}
