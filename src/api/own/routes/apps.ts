/**
 * `/voxgate/v1/apps`: a tenant's voice apps (seed 04's `App`), so far REALTIME10 apps whose URL
 * drives a call live (docs/realtime.md). The JSON-RPC `apps.*` methods come with the platform issue
 * and call the same service. A number is routed to an app through `PUT /voxgate/v1/numbers/{number}`.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { App, RealtimeParamsInput } from '../../../core/apps/types.js';
import type { Core } from '../../../core/index.js';
import { tenantOf } from '../../plugins/authenticate.js';
import { AppChangesBody, AppParams, AppView, NewAppBody } from '../app-schemas.js';
import { ErrorBody, PageQuery, Paged } from '../schemas.js';

const tags = ['apps'];
const security = [{ bearer: [] }, { basic: [] }, { accessTokenHeader: [] }];

export function formatApp(app: App) {
  return {
    hash: app.hash,
    name: app.name,
    package: app.package,
    params: {
      url: app.params.url,
      login: app.params.login,
      password: app.params.passwordSet ? ('********' as const) : null,
      data_format: app.params.dataFormat,
    },
    numbers: app.numbers.map((number) => ({ number: number.number, hash: number.hash })),
    created_at: app.createdAt,
    updated_at: app.updatedAt,
  };
}

interface ParamsBody {
  url?: string;
  login?: string | null;
  password?: string | null;
  data_format?: 'JSON';
}

function paramsInput(params: ParamsBody): RealtimeParamsInput {
  return {
    ...(params.url === undefined ? {} : { url: params.url }),
    ...(params.login === undefined ? {} : { login: params.login }),
    ...(params.password === undefined ? {} : { password: params.password }),
    ...(params.data_format === undefined ? {} : { dataFormat: params.data_format }),
  };
}

export function appRoutes(core: Core) {
  return async (instance: FastifyInstance): Promise<void> => {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();

    app.post(
      '/apps',
      {
        schema: {
          tags,
          security,
          summary: 'Create a REALTIME10 app: calls to its numbers are driven by its URL',
          body: NewAppBody,
          response: { 201: AppView, 400: ErrorBody },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const created = await core.apps.create(tenantOf(request).tenant, {
          name: body.name,
          package: body.package,
          params: { ...paramsInput(body.params), url: body.params.url },
        });
        return reply.code(201).send(formatApp(created));
      },
    );

    app.get(
      '/apps',
      {
        schema: {
          tags,
          security,
          summary: 'List your apps, oldest first',
          querystring: PageQuery,
          response: { 200: Paged(AppView) },
        },
      },
      async (request) => {
        const page = await core.apps.list(tenantOf(request).tenant, {
          limit: request.query.limit ?? 50,
          offset: request.query.offset ?? 0,
        });
        return { ...page, items: page.items.map(formatApp) };
      },
    );

    app.get(
      '/apps/:hash',
      {
        schema: {
          tags,
          security,
          summary: 'Get one of your apps, with the numbers routed to it',
          params: AppParams,
          response: { 200: AppView, 404: ErrorBody },
        },
      },
      async (request) => formatApp(await core.apps.get(tenantOf(request).tenant, request.params.hash)),
    );

    app.patch(
      '/apps/:hash',
      {
        schema: {
          tags,
          security,
          summary: 'Change an app: name, or some of its params (the others stay)',
          params: AppParams,
          body: AppChangesBody,
          response: { 200: AppView, 400: ErrorBody, 404: ErrorBody },
        },
      },
      async (request) => {
        const body = request.body;
        const updated = await core.apps.update(tenantOf(request).tenant, request.params.hash, {
          ...(body.name === undefined ? {} : { name: body.name }),
          ...(body.params === undefined ? {} : { params: paramsInput(body.params) }),
        });
        return formatApp(updated);
      },
    );

    app.delete(
      '/apps/:hash',
      {
        schema: {
          tags,
          security,
          summary: 'Delete an app; its numbers stay yours, unrouted',
          params: AppParams,
        },
      },
      async (request, reply) => {
        await core.apps.delete(tenantOf(request).tenant, request.params.hash);
        return reply.code(204).send();
      },
    );
  };
}
