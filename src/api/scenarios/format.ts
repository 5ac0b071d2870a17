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
  // A refused script carries the compiler's violations (section 7): code, path into the body, message.
  const violations = (error.details['violations'] ?? []) as readonly {
    code: string;
    path: string;
    message: string;
  }[];
  for (const violation of violations) {
    (validationErrors[violation.path] ??= []).push(`${violation.code}: ${violation.message}`);
  }
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
          ...(Object.keys(validationErrors).length === 0 ? {} : { validationErrors }),
          ...(violations.length === 0 ? {} : { violations }),
        },
      },
    },
  };
}
