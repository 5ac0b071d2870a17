/** Dates, and errors as JSON-RPC error objects (CALLR-METHODS.md section 1.3). */
import type { FastifyRequest } from 'fastify';
import { seedDatetime } from '../../core/shared/seed-time.js';
import type { VoxgateError } from '../../errors.js';
import type { RenderedError } from '../plugins/dialect.js';
import { formatIssuePath } from '../plugins/validation.js';
import { buildError, type RpcError } from './envelope.js';

/** `datetime` of the seed: `YYYY-MM-DD HH:MM:SS` in UTC. */
export const formatDatetime = seedDatetime;

/** Codes and `data.type` for Voxgate's error codes, by HTTP status for those with no mapping of their own. */
function rpcCodeOf(error: VoxgateError): { code: number; type: string } {
  if (error.issues.some((issue) => issue.rule === 'json')) return { code: -32700, type: 'PARSE_ERROR' };
  switch (error.statusCode) {
    case 400:
      return { code: -32602, type: 'INVALID_PARAMS' };
    case 401:
      return { code: -32001, type: 'AUTHENTICATION_FAILED' };
    case 404:
      return error.code === 'VG_ERR_ROUTE_NOT_FOUND' || error.code === 'VG_ERR_RPC_METHOD_NOT_FOUND'
        ? { code: -32601, type: 'METHOD_NOT_FOUND' }
        : { code: 110, type: 'NOT_FOUND' };
    case 413:
    case 415:
      return { code: -32600, type: 'INVALID_REQUEST' };
    case 429:
      return { code: -32029, type: 'RATE_LIMITED' };
    default:
      return error.statusCode >= 500
        ? { code: -32603, type: 'INTERNAL_ERROR' }
        : { code: -32600, type: 'INVALID_REQUEST' };
  }
}

export function toRpcError(error: VoxgateError, requestId: string): RpcError {
  const { code, type } = rpcCodeOf(error);
  const issue = error.issues[0];
  const retryAfter = error.details['retryAfterSeconds'];
  return {
    code,
    message: error.message,
    data: {
      type,
      property: issue === undefined ? null : formatIssuePath(issue.path),
      details:
        issue === undefined
          ? null
          : `${issue.message} (${issue.rule}${issue.limit === undefined ? '' : `: ${issue.limit}`})`,
      ...(typeof retryAfter === 'number' ? { retry_after: retryAfter } : {}),
      ...(code === -32603 ? { request_id: requestId } : {}),
    },
  };
}

/**
 * Transport-level failures (auth, rate limit, size, media type, parse) before
 * any request id is known. HTTP 200 except 401, 413, 415 and 429.
 */
export function renderRpcTransportError(error: VoxgateError, request: FastifyRequest): RenderedError {
  const keepStatus = [401, 404, 405, 413, 415, 429].includes(error.statusCode);
  return {
    statusCode: keepStatus ? error.statusCode : 200,
    body: buildError('2.0', null, toRpcError(error, request.id)),
  };
}
