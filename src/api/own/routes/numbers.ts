/**
 * Numbers: the operator gives them to accounts (`/admin/numbers`); a tenant
 * lists its own and routes each to one of its scenarios (`/voxgate/v1/numbers`).
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../../core/index.js';
import { toE164 } from '../../../core/numbers/e164.js';
import {
  NumberAppNotFound,
  NumberReceptionistNotFound,
  NumberScenarioNotFound,
} from '../../../core/numbers/errors.js';
import { decodeSeedId } from '../../../core/receptionists/seed-id.js';
import type { NumberRoute, PhoneNumber } from '../../../core/numbers/types.js';
import { ValidationFailed, isVoxgateError } from '../../../errors.js';
import { tenantOf } from '../../plugins/authenticate.js';
import { AdminNumberQuery, NewNumber, NumberParams, NumberRouting, NumberView } from '../number-schemas.js';
import { ErrorBody, PageQuery, Paged } from '../schemas.js';

const tags = ['numbers'];
const operatorSecurity = [{ bearer: [] }];
const tenantSecurity = [{ bearer: [] }, { basic: [] }, { accessTokenHeader: [] }];

export function formatNumber(number: PhoneNumber) {
  return {
    number: number.number,
    hash: number.hash,
    account_id: number.accountId,
    scenario_id: number.scenarioId,
    receptionist: number.receptionistId,
    app: number.appId,
    created_at: number.createdAt,
    updated_at: number.updatedAt,
  };
}

/** The body's number in canonical form, or a 400 naming `body.number`. */
function e164Field(value: string): string {
  const canonical = toE164(value);
  if (canonical !== null) return canonical;
  throw ValidationFailed({
    message: 'body.number is not an E.164 number (format)',
    issues: [{ path: ['body', 'number'], rule: 'format', message: 'is not an E.164 number', limit: 'e164' }],
  });
}

/** `/admin/numbers`: the operator's side. */
export function adminNumberRoutes(core: Core) {
  return async (instance: FastifyInstance): Promise<void> => {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();
    const security = operatorSecurity;

    app.post(
      '/numbers',
      {
        schema: {
          tags,
          security,
          summary: 'Give a number to an account (unrouted until the account routes it)',
          body: NewNumber,
          response: { 201: NumberView, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
        },
      },
      async (request, reply) => {
        const number = e164Field(request.body.number);
        return reply.code(201).send(formatNumber(await core.numbers.add(request.body.account_id, number)));
      },
    );

    app.get(
      '/numbers',
      {
        schema: {
          tags,
          security,
          summary: "List every account's numbers, or one account's",
          querystring: AdminNumberQuery,
          response: { 200: Paged(NumberView) },
        },
      },
      async (request) => {
        const { limit = 50, offset = 0, account_id: accountId } = request.query;
        const page = await core.numbers.list({
          limit,
          offset,
          ...(accountId === undefined ? {} : { accountId }),
        });
        return { ...page, items: page.items.map(formatNumber) };
      },
    );

    app.delete(
      '/numbers/:number',
      {
        schema: {
          tags,
          security,
          summary: 'Take a number back from its account',
          params: NumberParams,
        },
      },
      async (request, reply) => {
        await core.numbers.remove(request.params.number);
        return reply.code(204).send();
      },
    );
  };
}

/** `/voxgate/v1/numbers`: a tenant's own numbers. */
export function numberRoutes(core: Core) {
  return async (instance: FastifyInstance): Promise<void> => {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();
    const security = tenantSecurity;

    app.get(
      '/numbers',
      {
        schema: {
          tags,
          security,
          summary: 'List your numbers',
          querystring: PageQuery,
          response: { 200: Paged(NumberView) },
        },
      },
      async (request) => {
        const page = await core.numbers.listOwn(tenantOf(request).tenant, {
          limit: request.query.limit ?? 50,
          offset: request.query.offset ?? 0,
        });
        return { ...page, items: page.items.map(formatNumber) };
      },
    );

    app.get(
      '/numbers/:number',
      {
        schema: {
          tags,
          security,
          summary: 'Get one of your numbers',
          params: NumberParams,
          response: { 200: NumberView, 404: ErrorBody },
        },
      },
      async (request) =>
        formatNumber(await core.numbers.getOwn(tenantOf(request).tenant, request.params.number)),
    );

    app.put(
      '/numbers/:number',
      {
        schema: {
          tags,
          security,
          summary: 'Route a number to one of your scenarios or real-time apps, or unroute it (null)',
          params: NumberParams,
          body: NumberRouting,
          response: { 200: NumberView, 400: ErrorBody, 404: ErrorBody, 422: ErrorBody },
        },
      },
      async (request) => {
        const target = routingTarget(request.body);
        try {
          const routed = await core.numbers.route(tenantOf(request).tenant, request.params.number, target);
          return formatNumber(routed);
        } catch (error) {
          if (isVoxgateError(error) && error.code === NumberReceptionistNotFound.code) {
            throw NumberReceptionistNotFound({
              cause: error,
              message: 'body.receptionist names no receptionist of this account',
              issues: [
                {
                  path: ['body', 'receptionist'],
                  rule: 'exists',
                  message: 'names no receptionist of this account',
                },
              ],
            });
          }
          if (isVoxgateError(error) && error.code === NumberAppNotFound.code) {
            throw NumberAppNotFound({
              cause: error,
              message: 'body.app names no app of this account',
              issues: [{ path: ['body', 'app'], rule: 'exists', message: 'names no app of this account' }],
            });
          }
          // Core does not know the request's shape; the route names the field.
          if (isVoxgateError(error) && error.code === NumberScenarioNotFound.code) {
            throw NumberScenarioNotFound({
              cause: error,
              message: 'body.scenario_id names no scenario of this account',
              issues: [
                {
                  path: ['body', 'scenario_id'],
                  rule: 'exists',
                  message: 'names no scenario of this account',
                },
              ],
            });
          }
          throw error;
        }
      },
    );
  };
}

/**
 * Where a PUT routes: the scenario under either spelling, or the app; none or more than one is a
 * 400 naming the field.
 */
function routingTarget(body: {
  scenario_id?: string | null;
  scenarioId?: string | null;
  app?: string | null;
  receptionist?: string | null;
}): NumberRoute | null {
  const given = (['scenario_id', 'scenarioId', 'app', 'receptionist'] as const).filter(
    (key) => body[key] !== undefined,
  );
  const [only] = given;
  if (only === undefined || given.length > 1)
    throw ValidationFailed({
      message: 'body.scenario_id is required (or scenarioId, app or receptionist: exactly one)',
      issues: [
        {
          path: ['body', given.find((key) => key !== 'scenario_id' && key !== 'scenarioId') ?? 'scenario_id'],
          rule: only === undefined ? 'required' : 'oneOf',
          message:
            only === undefined
              ? 'is required (or scenarioId, app or receptionist)'
              : `${given.join(' and ')} cannot both be given`,
        },
      ],
    });
  const value = body[only] ?? null;
  if (value === null) return null;
  switch (only) {
    case 'app':
      return { kind: 'app', hash: value };
    case 'receptionist':
      // An id that is no canonical seed id names no receptionist: the same answer as an unknown one.
      return { kind: 'receptionist', id: decodeSeedId(value) ?? '0' };
    case 'scenario_id':
    case 'scenarioId':
      return { kind: 'scenario', id: value };
  }
}
