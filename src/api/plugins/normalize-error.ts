/**
 * Turns whatever reached an error handler into a coded {@link VoxgateError}.
 * Known request failures keep their 4xx; anything else is a bug: it is logged
 * with the request id and answered as a bare 500 that shows no internals.
 */
import type { FastifyError, FastifyRequest } from 'fastify';
import {
  BodyTooLarge,
  InternalError,
  ValidationFailed,
  UnsupportedMediaType,
  VoxgateError,
  isVoxgateError,
} from '../../errors.js';
import { validationErrorFrom } from './validation.js';

function isFastifyError(error: unknown): error is FastifyError {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}

export function normalizeError(error: unknown, request: FastifyRequest): VoxgateError {
  if (isVoxgateError(error)) {
    if (error.statusCode >= 500) request.log.error({ err: error }, 'request failed');
    return error;
  }
  if (isFastifyError(error)) {
    if (error.validation !== undefined) {
      return validationErrorFrom({
        validation: error.validation as never,
        ...(error.validationContext === undefined ? {} : { validationContext: error.validationContext }),
      });
    }
    switch (error.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return BodyTooLarge({ cause: error });
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return UnsupportedMediaType({ cause: error });
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return ValidationFailed({
          cause: error,
          message: 'the body is not valid JSON',
          issues: [{ path: ['body'], rule: 'json', message: 'is not valid JSON' }],
        });
      default:
        break;
    }
    // Body parsing (JSON syntax) and other Fastify request checks answer 4xx with a safe message.
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return new VoxgateError(ValidationFailed.code, status, error.message, { cause: error });
    }
  }
  request.log.error({ err: error }, 'request failed');
  return InternalError({ cause: error, details: { requestId: request.id } });
}
