/** `/voxgate/v1/calls`: a tenant's call records (CDRs), and hanging up a call in progress. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import type { CallDetail, CallListQuery as CoreCallQuery, CallRecord } from '../../../core/calls/types.js';
import type { Core } from '../../../core/index.js';
import { toE164 } from '../../../core/numbers/e164.js';
import { ValidationFailed, type Issue } from '../../../errors.js';
import { tenantOf } from '../../plugins/authenticate.js';
import { CallDetailView, CallIdParams, CallListQuery, CallView } from '../call-schemas.js';
import { ErrorBody, Paged } from '../schemas.js';

const tags = ['calls'];
const security = [{ bearer: [] }, { basic: [] }, { accessTokenHeader: [] }];

export function formatCall(call: CallRecord) {
  return {
    id: call.id,
    account_id: call.accountId,
    direction: call.direction,
    status: call.status,
    node_id: call.nodeId,
    sip_call_id: call.sipCallId,
    cli_number: call.cliNumber,
    cli_name: call.cliName,
    cli_pres: call.cliPres,
    number: call.number,
    scenario_id: call.scenarioId,
    scenario_name: call.scenarioName,
    started_at: call.startedAt,
    answered_at: call.answeredAt,
    ended_at: call.endedAt,
    duration: call.duration,
    duration_answered: call.durationAnswered,
    hangup_cause: call.hangupCause,
    hangup_source: call.hangupSource,
  };
}

export function formatCallDetail(call: CallDetail) {
  return {
    ...formatCall(call),
    timeline:
      call.timeline === null ? null : call.timeline.map((event) => ({ ...event, data: { ...event.data } })),
  };
}

/** The query in core's terms; a number that is not E.164 or a range that runs backwards is a 400. */
function coreQuery(query: Static<typeof CallListQuery>): CoreCallQuery {
  const issues: Issue[] = [];
  const from = query.from === undefined ? undefined : new Date(query.from);
  const to = query.to === undefined ? undefined : new Date(query.to);
  if (from !== undefined && to !== undefined && to < from)
    issues.push({ path: ['query', 'to'], rule: 'range', message: 'must not be before from' });
  if (query.number !== undefined && toE164(query.number) === null)
    issues.push({
      path: ['query', 'number'],
      rule: 'format',
      message: 'is not an E.164 number',
      limit: 'e164',
    });
  if (issues.length > 0) {
    const first = issues[0] as Issue;
    throw ValidationFailed({
      issues,
      message: `query.${String(first.path[1])} ${first.message} (${first.rule})`,
    });
  }
  return {
    limit: query.limit ?? 50,
    offset: query.offset ?? 0,
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
    ...(query.direction === undefined ? {} : { direction: query.direction }),
    ...(query.number === undefined ? {} : { number: query.number }),
    ...(query.cli === undefined ? {} : { cli: query.cli }),
    ...(query.scenario_id === undefined ? {} : { scenarioId: query.scenario_id }),
    ...(query.hangup_source === undefined ? {} : { hangupSource: query.hangup_source }),
    ...(query.live === undefined ? {} : { live: query.live }),
  };
}

export function callRoutes(core: Core) {
  return async (instance: FastifyInstance): Promise<void> => {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      '/calls',
      {
        schema: {
          tags,
          security,
          summary: 'List your call records, newest first, with filters',
          querystring: CallListQuery,
          response: { 200: Paged(CallView), 400: ErrorBody },
        },
      },
      async (request) => {
        const page = await core.calls.list(tenantOf(request).tenant, coreQuery(request.query));
        return { ...page, items: page.items.map(formatCall) };
      },
    );

    app.get(
      '/calls/:id',
      {
        schema: {
          tags,
          security,
          summary: 'Get a call record with its event timeline',
          params: CallIdParams,
          response: { 200: CallDetailView, 404: ErrorBody },
        },
      },
      async (request) => formatCallDetail(await core.calls.get(tenantOf(request).tenant, request.params.id)),
    );

    app.delete(
      '/calls/:id',
      {
        schema: {
          tags,
          security,
          summary: 'Hang up a call in progress',
          params: CallIdParams,
        },
      },
      async (request, reply) => {
        await core.calls.hangup(tenantOf(request).tenant, request.params.id);
        return reply.code(204).send();
      },
    );
  };
}
