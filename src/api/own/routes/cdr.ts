/**
 * `/voxgate/v1/cdr`: CDR search by seed 04's `CDR.SearchFilters` (type required; range, app, DID,
 * number), paged by `Search.Options` offset and quantity, newest start first. The JSON-RPC
 * `cdr.search` comes with the platform issue and calls the same core.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../../core/index.js';
import { toE164 } from '../../../core/numbers/e164.js';
import { parseRangeTime, type TimeRange } from '../../../core/cdr/time-range.js';
import { CDR_DEFAULT_QUANTITY } from '../../../core/cdr/types.js';
import { ValidationFailed, type Issue } from '../../../errors.js';
import { tenantOf } from '../../plugins/authenticate.js';
import { CdrSearchQuery, CdrSearchResults } from '../cdr-schemas.js';
import { ErrorBody } from '../schemas.js';

const tags = ['cdr'];
const security = [{ bearer: [] }, { basic: [] }, { accessTokenHeader: [] }];

function fail(issues: readonly Issue[]): never {
  const first = issues[0] as Issue;
  throw ValidationFailed({
    issues,
    message: `query.${String(first.path[1])} ${first.message} (${first.rule})`,
  });
}

/**
 * The range of a query, each end checked to name a real instant and `from` not after `to`; the
 * issues name the field and the rule. Extra issues (other fields) join the same answer.
 */
export function rangeOf(
  query: { from?: string; to?: string },
  extra: readonly Issue[] = [],
): Partial<TimeRange> {
  const issues: Issue[] = [...extra];
  const parse = (field: 'from' | 'to'): Date | undefined => {
    const text = query[field];
    if (text === undefined) return undefined;
    const date = parseRangeTime(text);
    if (date === null)
      issues.push({
        path: ['query', field],
        rule: 'format',
        message: 'is not a real date and time',
        limit: 'datetime',
      });
    return date ?? undefined;
  };
  const from = parse('from');
  const to = parse('to');
  if (from !== undefined && to !== undefined && to < from)
    issues.push({ path: ['query', 'to'], rule: 'range', message: 'must not be before from' });
  if (issues.length > 0) fail(issues);
  return { ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) };
}

export function cdrRoutes(core: Core) {
  return async (instance: FastifyInstance): Promise<void> => {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      '/cdr',
      {
        schema: {
          tags,
          security,
          summary: 'Search your call detail records (CDR.In or CDR.Out), newest start first',
          querystring: CdrSearchQuery,
          response: { 200: CdrSearchResults, 400: ErrorBody },
        },
      },
      async (request) => {
        const query = request.query;
        const issues: Issue[] = [];
        if (query.number !== undefined && toE164(query.number) === null)
          issues.push({
            path: ['query', 'number'],
            rule: 'format',
            message: 'is not an E.164 number',
            limit: 'e164',
          });
        const range = rangeOf(query, issues);
        return core.cdr.search(
          tenantOf(request).tenant,
          {
            type: query.type,
            ...range,
            ...(query.app === undefined ? {} : { app: query.app }),
            ...(query.did === undefined ? {} : { did: query.did }),
            ...(query.number === undefined ? {} : { number: query.number }),
          },
          { offset: query.offset ?? 0, quantity: query.quantity ?? CDR_DEFAULT_QUANTITY },
        );
      },
    );
  };
}
