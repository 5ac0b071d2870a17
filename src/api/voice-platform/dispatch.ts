/** Runs one parsed JSON-RPC request against the method table and returns its reply (or none for a notification). */
import { Ajv, type ValidateFunction } from 'ajv';
import {
  AuthenticationRequired,
  defineError,
  isVoxgateError,
  ValidationFailed,
  type VoxgateError,
} from '../../errors.js';
import { issuesFromAjv } from '../plugins/validation.js';
import { buildError, buildResult, parseRequest, type RpcError } from './envelope.js';
import { toRpcError } from './format.js';
import { METHODS, type RpcContext, type RpcMethod } from './methods.js';

export const RpcMethodNotFound = defineError('VG_ERR_RPC_METHOD_NOT_FOUND', 404, 'method not found');

const ajv = new Ajv({ allErrors: true, coerceTypes: false, strict: false });
const validators = new Map<RpcMethod, readonly ValidateFunction[]>();

/** One compiled validator per positional parameter, so an issue names `params[i]`. */
function validatorsOf(method: RpcMethod): readonly ValidateFunction[] {
  let compiled = validators.get(method);
  if (compiled === undefined) {
    compiled = method.params.map((schema) => ajv.compile(schema));
    validators.set(method, compiled);
  }
  return compiled;
}

/** Positional params, trailing omissions filled with null (CALLR-METHODS.md section 1.1). */
function checkParams(method: RpcMethod, raw: unknown): unknown[] {
  const given = raw === undefined || raw === null ? [] : raw;
  if (!Array.isArray(given)) {
    throw ValidationFailed({
      message: 'params must be an array of positional parameters',
      issues: [{ path: ['params'], rule: 'type', message: 'must be an array', limit: 'array' }],
    });
  }
  if (given.length > method.params.length) {
    throw ValidationFailed({
      message: `this method takes at most ${method.params.length} parameters`,
      issues: [
        {
          path: ['params'],
          rule: 'maxItems',
          message: 'has too many parameters',
          limit: method.params.length,
        },
      ],
    });
  }
  const params: unknown[] = [...(given as unknown[])];
  while (params.length < method.params.length) params.push(null);
  const issues = validatorsOf(method).flatMap((validate, index) =>
    validate(params[index])
      ? []
      : issuesFromAjv(validate.errors ?? [], 'params').map((issue) => ({
          ...issue,
          path: ['params', index, ...issue.path.slice(1)],
        })),
  );
  if (issues.length > 0) throw ValidationFailed({ issues, message: 'invalid params' });
  return params;
}

export interface DispatchOptions {
  readonly context: RpcContext;
  readonly requestId: string;
  /** Logs a bug; the reply shows only the request id. */
  readonly onInternalError: (error: unknown) => void;
}

async function invoke(method: RpcMethod, params: unknown, options: DispatchOptions): Promise<unknown> {
  return method.run(options.context, checkParams(method, params));
}

function asRpcError(error: unknown, options: DispatchOptions): { rpc: RpcError; fatal: VoxgateError | null } {
  if (isVoxgateError(error)) {
    // An auth failure inside a batch item still fails the whole HTTP exchange with 401.
    return { rpc: toRpcError(error, options.requestId), fatal: error.statusCode === 401 ? error : null };
  }
  options.onInternalError(error);
  return {
    rpc: {
      code: -32603,
      message: 'internal error',
      data: { type: 'INTERNAL_ERROR', request_id: options.requestId },
    },
    fatal: null,
  };
}

/** One request object to its reply; undefined for a notification. */
export async function dispatchOne(
  value: unknown,
  options: DispatchOptions,
): Promise<Record<string, unknown> | undefined> {
  const parsed = parseRequest(value);
  if (!parsed.ok) return buildError(parsed.version, parsed.id, parsed.error);
  const { request } = parsed;
  const method = METHODS[request.method];
  let reply: Record<string, unknown>;
  if (method === undefined) {
    reply = buildError(
      request.version,
      request.id ?? null,
      toRpcError(RpcMethodNotFound({ message: `method ${request.method} not found` }), options.requestId),
    );
  } else if (method.public !== true && options.context.principal === null) {
    throw AuthenticationRequired();
  } else {
    try {
      reply = buildResult(request.version, request.id ?? null, await invoke(method, request.params, options));
    } catch (error) {
      const { rpc, fatal } = asRpcError(error, options);
      if (fatal !== null) throw fatal;
      reply = buildError(request.version, request.id ?? null, rpc);
    }
  }
  return request.id === undefined ? undefined : reply;
}
