/** `/api/ivrs/{id}/action_urls` (seed 01): a receptionist's action URLs. POST updates. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import type { Core } from '../../../core/index.js';
import { ActionUrlNotFound } from '../../../core/receptionists/errors.js';
import { decodeSeedId, encodeSeedId } from '../../../core/receptionists/seed-id.js';
import type { ActionUrl, ActionUrlInput } from '../../../core/receptionists/types.js';
import { tenantOf } from '../../plugins/authenticate.js';
import { ActionUrlBody, ActionUrlParams, ActionUrlView, ReceptionistParams } from '../schemas.js';
import { receptionistIdOf } from './receptionists.js';

const tags = ['receptionists'];

export function formatActionUrl(actionUrl: ActionUrl) {
  return {
    id: encodeSeedId(actionUrl.id),
    name: actionUrl.name,
    enabled: actionUrl.enabled,
    type: actionUrl.type,
    caller_mask: actionUrl.callerMask,
    dtmf_mask: actionUrl.dtmfMask,
    method: actionUrl.method,
    headers: actionUrl.headers,
    connection_timeout: actionUrl.connectionTimeout,
    request_timeout: actionUrl.requestTimeout,
    auth: actionUrl.auth,
    username: actionUrl.username,
    // Credentials never leave the server once stored.
    password: actionUrl.password === null ? null : ('********' as const),
    token: actionUrl.token === null ? null : ('********' as const),
    url: actionUrl.url,
  };
}

function actionUrlIdOf(text: string): string {
  const id = decodeSeedId(text);
  if (id === null) throw ActionUrlNotFound();
  return id;
}

function inputOf(body: Static<typeof ActionUrlBody>): ActionUrlInput {
  return {
    ...(body.name === undefined ? {} : { name: body.name }),
    ...(body.enabled === undefined ? {} : { enabled: body.enabled }),
    ...(body.type === undefined ? {} : { type: body.type }),
    ...(body.method === undefined ? {} : { method: body.method }),
    ...(body.headers === undefined ? {} : { headers: body.headers }),
    ...(body.caller_mask === undefined ? {} : { callerMask: body.caller_mask }),
    ...(body.dtmf_mask === undefined ? {} : { dtmfMask: body.dtmf_mask }),
    ...(body.connection_timeout === undefined ? {} : { connectionTimeout: body.connection_timeout }),
    ...(body.request_timeout === undefined ? {} : { requestTimeout: body.request_timeout }),
    ...(body.auth === undefined ? {} : { auth: body.auth }),
    ...(body.username === undefined ? {} : { username: body.username }),
    ...(body.password === undefined ? {} : { password: body.password }),
    ...(body.token === undefined ? {} : { token: body.token }),
    ...(body.url === undefined ? {} : { url: body.url }),
  };
}

export function actionUrlRoutes(core: Core) {
  return async (instance: FastifyInstance): Promise<void> => {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      '/ivrs/:id/action_urls',
      {
        schema: {
          tags,
          summary: 'List action urls of virtual receptionist',
          params: ReceptionistParams,
          response: { 200: Type.Array(ActionUrlView) },
        },
      },
      async (request) => {
        const list = await core.receptionists.listActionUrls(
          tenantOf(request).tenant,
          receptionistIdOf(request.params.id),
        );
        return list.map(formatActionUrl);
      },
    );

    app.post(
      '/ivrs/:id/action_urls',
      {
        schema: {
          tags,
          summary: 'Create an action url for virtual receptionist',
          params: ReceptionistParams,
          body: ActionUrlBody,
          response: { 201: ActionUrlView },
        },
      },
      async (request, reply) => {
        const created = await core.receptionists.createActionUrl(
          tenantOf(request).tenant,
          receptionistIdOf(request.params.id),
          inputOf(request.body ?? {}),
        );
        const view = formatActionUrl(created);
        return reply
          .code(201)
          .header('location', `/api/ivrs/${request.params.id}/action_urls/${view.id}`)
          .send(view);
      },
    );

    app.get(
      '/ivrs/:id/action_urls/:url_id',
      {
        schema: {
          tags,
          summary: 'Retrieve details of action url of virtual receptionist',
          params: ActionUrlParams,
          response: { 200: ActionUrlView },
        },
      },
      async (request) =>
        formatActionUrl(
          await core.receptionists.getActionUrl(
            tenantOf(request).tenant,
            receptionistIdOf(request.params.id),
            actionUrlIdOf(request.params.url_id),
          ),
        ),
    );

    app.post(
      '/ivrs/:id/action_urls/:url_id',
      {
        schema: {
          tags,
          summary: 'Set action url of virtual receptionist (what is given changes); 200, no content',
          params: ActionUrlParams,
          body: ActionUrlBody,
        },
      },
      async (request, reply) => {
        await core.receptionists.updateActionUrl(
          tenantOf(request).tenant,
          receptionistIdOf(request.params.id),
          actionUrlIdOf(request.params.url_id),
          inputOf(request.body ?? {}),
        );
        return reply.code(200).send();
      },
    );

    app.delete(
      '/ivrs/:id/action_urls/:url_id',
      {
        schema: { tags, summary: 'Delete an action url', params: ActionUrlParams },
      },
      async (request, reply) => {
        await core.receptionists.deleteActionUrl(
          tenantOf(request).tenant,
          receptionistIdOf(request.params.id),
          actionUrlIdOf(request.params.url_id),
        );
        return reply.code(204).send();
      },
    );
  };
}
