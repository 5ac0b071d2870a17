/**
 * JSON-RPC envelopes as the voice-platform dialect accepts them
 * (CALLR-METHODS.md section 1.1): 2.0, 1.1 (`version`) or 1.0 (neither),
 * single requests, batches of 1 to 50, and notifications (no `id`).
 */

export type EnvelopeVersion = '2.0' | '1.1' | '1.0';

export interface RpcRequest {
  readonly version: EnvelopeVersion;
  /** Absent for a notification, which gets no reply. */
  readonly id: string | number | null | undefined;
  readonly method: string;
  readonly params: unknown;
}

export interface RpcError {
  readonly code: number;
  readonly message: string;
  readonly data: Readonly<Record<string, unknown>> | null;
}

export const MAX_BATCH = 50;

export type ParsedRequest =
  | { readonly ok: true; readonly request: RpcRequest }
  | { readonly ok: false; readonly id: unknown; readonly version: EnvelopeVersion; readonly error: RpcError };

function versionOf(value: Record<string, unknown>): EnvelopeVersion {
  if (value['jsonrpc'] === '2.0') return '2.0';
  if (value['version'] === '1.1') return '1.1';
  return '1.0';
}

function invalidRequest(details: string): RpcError {
  return {
    code: -32600,
    message: 'Invalid request',
    data: { type: 'INVALID_REQUEST', property: null, details },
  };
}

export function parseRequest(value: unknown): ParsedRequest {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, id: null, version: '2.0', error: invalidRequest('a request must be an object') };
  }
  const record = value as Record<string, unknown>;
  const version = versionOf(record);
  const id = record['id'];
  if (id !== undefined && id !== null && typeof id !== 'string' && typeof id !== 'number') {
    return { ok: false, id: null, version, error: invalidRequest('id must be a string or a number') };
  }
  if ('jsonrpc' in record && record['jsonrpc'] !== '2.0') {
    return { ok: false, id: id ?? null, version, error: invalidRequest('jsonrpc must be "2.0"') };
  }
  if (typeof record['method'] !== 'string' || record['method'] === '') {
    return { ok: false, id: id ?? null, version, error: invalidRequest('method must be a non-empty string') };
  }
  return { ok: true, request: { version, id, method: record['method'], params: record['params'] } };
}

export function buildResult(version: EnvelopeVersion, id: unknown, result: unknown): Record<string, unknown> {
  if (version === '2.0') return { jsonrpc: '2.0', id, result };
  return version === '1.1' ? { version: '1.1', id, result, error: null } : { id, result, error: null };
}

export function buildError(version: EnvelopeVersion, id: unknown, error: RpcError): Record<string, unknown> {
  if (version === '2.0') return { jsonrpc: '2.0', id, error };
  return version === '1.1' ? { version: '1.1', id, result: null, error } : { id, result: null, error };
}
