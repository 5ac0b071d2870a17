/**
 * Error body of the scenarios dialect (seed 02), in the shape of that API's
 * service exceptions: `{"requestError": {"serviceException": {"messageId",
 * "text", "validationErrors": {"script[3].options.maxInputLength": ["..."]}}}}`.
 */
import type { FastifyRequest } from 'fastify';
import type { VoxgateError } from '../../errors.js';
import type { RenderedError } from '../plugins/dialect.js';
import { statusName } from '../plugins/status-names.js';
import { formatIssuePath } from '../plugins/validation.js';

export function renderScenariosError(error: VoxgateError, request: FastifyRequest): RenderedError {
  const validationErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = formatIssuePath(issue.path, { skipPart: issue.path[0] === 'body' }) || 'body';
    const line = `${issue.message} (${issue.rule}${issue.limit === undefined ? '' : `: ${issue.limit}`})`;
    (validationErrors[field] ??= []).push(line);
  }
  return {
    body: {
      requestError: {
        serviceException: {
          messageId: statusName(error.statusCode),
          text: error.message,
          requestId: request.id,
          ...(error.issues.length === 0 ? {} : { validationErrors }),
        },
      },
    },
  };
}
