/**
 * Coded errors and validation issues shared by every layer.
 *
 * Expected failures (not found, conflict, bad credentials) are `VoxgateError`s
 * with a stable `code`; a dialect renders them in its seed's error shape.
 * Anything else reaching an error handler is a bug and answers 500.
 */

/** One broken rule in a request or a script, in zod's shape: data, not prose. */
export interface Issue {
  /** Where the rule broke: `['body', 'name']`, `['script', 3, 'options', 'maxInputLength']`. */
  readonly path: readonly (string | number)[];
  /** The rule's name: `required`, `maxLength`, `enum`, `type`, `additionalProperties`, ... */
  readonly rule: string;
  readonly message: string;
  /** The rule's bound, when it has one (`64` for a maxLength of 64). */
  readonly limit?: number | string;
}

export interface VoxgateErrorOptions {
  readonly details?: Readonly<Record<string, unknown>>;
  readonly issues?: readonly Issue[];
  readonly cause?: unknown;
  readonly message?: string;
}

export class VoxgateError extends Error {
  readonly code: string;
  readonly statusCode: number;
  readonly details: Readonly<Record<string, unknown>>;
  readonly issues: readonly Issue[];

  constructor(code: string, statusCode: number, message: string, options: VoxgateErrorOptions = {}) {
    super(options.message ?? message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'VoxgateError';
    this.code = code;
    this.statusCode = statusCode;
    this.details = options.details ?? {};
    this.issues = options.issues ?? [];
  }
}

/** A constructor for one coded error, as returned by {@link defineError}. */
export interface ErrorDefinition {
  (options?: VoxgateErrorOptions): VoxgateError;
  readonly code: string;
  readonly statusCode: number;
  readonly message: string;
}

const registry = new Map<string, ErrorDefinition>();

/**
 * Declares a coded error. Codes are `VG_ERR_<AREA>_<WHAT>`, unique, and each
 * has a line in docs/errors.md (a test keeps the two in step).
 */
export function defineError(code: string, statusCode: number, message: string): ErrorDefinition {
  if (!/^VG_ERR_[A-Z0-9]+(?:_[A-Z0-9]+)*$/.test(code)) throw new Error(`bad error code ${code}`);
  if (registry.has(code)) throw new Error(`error code ${code} defined twice`);
  const make = (options?: VoxgateErrorOptions): VoxgateError =>
    new VoxgateError(code, statusCode, message, options);
  const definition = Object.assign(make, { code, statusCode, message }) as ErrorDefinition;
  registry.set(code, definition);
  return definition;
}

/** Every code defined so far (modules define theirs when imported). */
export function listDefinedErrors(): readonly ErrorDefinition[] {
  return [...registry.values()];
}

export function isVoxgateError(value: unknown): value is VoxgateError {
  return value instanceof VoxgateError;
}

// Cross-cutting codes: request shape and authentication belong to no single context.
export const ValidationFailed = defineError('VG_ERR_REQUEST_INVALID', 400, 'the request is invalid');
export const BodyTooLarge = defineError('VG_ERR_REQUEST_TOO_LARGE', 413, 'the request body is too large');
export const UnsupportedMediaType = defineError(
  'VG_ERR_REQUEST_MEDIA_TYPE',
  415,
  'the request content type is not supported',
);
export const RouteNotFound = defineError('VG_ERR_ROUTE_NOT_FOUND', 404, 'no such resource');
export const MethodNotAllowed = defineError('VG_ERR_ROUTE_METHOD', 405, 'method not allowed');
export const AuthenticationRequired = defineError(
  'VG_ERR_AUTH_REQUIRED',
  401,
  'credentials are missing or invalid',
);
export const RateLimited = defineError('VG_ERR_RATE_LIMITED', 429, 'too many requests');
export const InternalError = defineError('VG_ERR_INTERNAL', 500, 'internal error');
