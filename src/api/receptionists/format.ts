/**
 * Error body of the receptionists dialect (seed 01 shows none):
 * `{"code": "BAD_REQUEST", "message": "...", "request_id": "...", "errors": [{"field", "rule", "message", "limit"}]}`,
 * with `field` relative to the body, as the seed names its fields.
 */
import type { FastifyRequest } from 'fastify';
import type { VoxgateError } from '../../errors.js';
import type { RenderedError } from '../plugins/dialect.js';
import { statusName } from '../plugins/status-names.js';
import { fieldErrors } from '../plugins/validation.js';

export function renderReceptionistsError(error: VoxgateError, request: FastifyRequest): RenderedError {
  return {
    body: {
      code: statusName(error.statusCode),
      message: error.message,
      request_id: request.id,
      errors: fieldErrors(error.issues),
    },
  };
}
