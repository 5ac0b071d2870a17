/**
 * Error body of the custom-IVR dialect (seed 03), in that API's envelope:
 * `{"error": {"code": 400, "message": "...", "errors": [{"location": "ivr_id",
 * "locationType": "body", "reason": "type", "message": "..."}]}}`.
 */
import type { FastifyRequest } from 'fastify';
import type { VoxgateError } from '../../errors.js';
import type { RenderedError } from '../plugins/dialect.js';
import { formatIssuePath } from '../plugins/validation.js';

export function renderCustomIvrsError(error: VoxgateError, request: FastifyRequest): RenderedError {
  return {
    body: {
      error: {
        code: error.statusCode,
        message: error.message,
        request_id: request.id,
        errors: error.issues.map((issue) => ({
          location: formatIssuePath(issue.path, { skipPart: true }) || String(issue.path[0]),
          locationType: String(issue.path[0] ?? 'body'),
          reason: issue.rule,
          message: issue.message,
          ...(issue.limit === undefined ? {} : { limit: issue.limit }),
        })),
      },
    },
  };
}
