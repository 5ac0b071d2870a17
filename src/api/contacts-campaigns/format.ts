/**
 * Error body of the contacts-and-campaigns dialect (seed 05 shows none):
 * `{"status": 400, "error": "BAD_REQUEST", "message": "...", "request_id": "...",
 * "errors": [{"field": "email", "rule": "format", "message": "...", "limit": "email"}]}`.
 */
import type { FastifyRequest } from 'fastify';
import type { VoxgateError } from '../../errors.js';
import type { RenderedError } from '../plugins/dialect.js';
import { statusName } from '../plugins/status-names.js';
import { fieldErrors } from '../plugins/validation.js';

export function renderContactsError(error: VoxgateError, request: FastifyRequest): RenderedError {
  return {
    body: {
      status: error.statusCode,
      error: statusName(error.statusCode),
      message: error.message,
      request_id: request.id,
      errors: fieldErrors(error.issues),
    },
  };
}
