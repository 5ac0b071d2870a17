/**
 * `/voxgate/v1/webhooks`: a tenant's webhook subscriptions (seed 04's `Webhook`). The JSON-RPC
 * `webhooks.*` methods come with the platform issue and call the same service.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../../core/index.js';
import { WEBHOOK_EVENT_TYPES, type Webhook, type WebhookOptionsInput } from '../../../core/webhooks/types.js';
import { tenantOf } from '../../plugins/authenticate.js';
import { ErrorBody, PageQuery, Paged } from '../schemas.js';
import {
  EventTypesView,
  NewWebhookBody,
  WebhookChangesBody,
  WebhookParams,
  WebhookView,
} from '../webhook-schemas.js';

const tags = ['webhooks'];
const security = [{ bearer: [] }, { basic: [] }, { accessTokenHeader: [] }];

export function formatWebhook(webhook: Webhook) {
  return {
    hash: webhook.hash,
    type: webhook.type,
    endpoint: webhook.endpoint,
    options: {
      format: webhook.options.format,
      hmac_algo: webhook.options.hmacAlgo,
      hmac_secret: webhook.options.hmacSecretSet ? ('********' as const) : null,
    },
    status: webhook.status,
    created_at: webhook.createdAt,
    updated_at: webhook.updatedAt,
  };
}

function optionsInput(
  options:
    { format?: 'JSON'; hmac_algo?: WebhookOptionsInput['hmacAlgo']; hmac_secret?: string | null } | undefined,
): WebhookOptionsInput | undefined {
  if (options === undefined) return undefined;
  return {
    ...(options.format === undefined ? {} : { format: options.format }),
    ...(options.hmac_algo === undefined ? {} : { hmacAlgo: options.hmac_algo }),
    ...(options.hmac_secret === undefined ? {} : { hmacSecret: options.hmac_secret }),
  };
}

export function webhookRoutes(core: Core) {
  return async (instance: FastifyInstance): Promise<void> => {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      '/webhooks/event-types',
      {
        schema: {
          tags,
          security,
          summary: 'The event types a webhook can subscribe to',
          response: { 200: EventTypesView },
        },
      },
      () => ({ types: [...WEBHOOK_EVENT_TYPES] }),
    );

    app.post(
      '/webhooks',
      {
        schema: {
          tags,
          security,
          summary: 'Subscribe an endpoint to an event type (ENABLED at once)',
          body: NewWebhookBody,
          response: { 201: WebhookView, 400: ErrorBody },
        },
      },
      async (request, reply) => {
        const options = optionsInput(request.body.options);
        const webhook = await core.webhooks.subscribe(tenantOf(request).tenant, {
          type: request.body.type,
          endpoint: request.body.endpoint,
          ...(options === undefined ? {} : { options }),
        });
        return reply.code(201).send(formatWebhook(webhook));
      },
    );

    app.get(
      '/webhooks',
      {
        schema: {
          tags,
          security,
          summary: 'List your webhooks',
          querystring: PageQuery,
          response: { 200: Paged(WebhookView) },
        },
      },
      async (request) => {
        const page = await core.webhooks.list(tenantOf(request).tenant, {
          limit: request.query.limit ?? 50,
          offset: request.query.offset ?? 0,
        });
        return { ...page, items: page.items.map(formatWebhook) };
      },
    );

    app.get(
      '/webhooks/:hash',
      {
        schema: {
          tags,
          security,
          summary: 'Get one of your webhooks',
          params: WebhookParams,
          response: { 200: WebhookView, 404: ErrorBody },
        },
      },
      async (request) =>
        formatWebhook(await core.webhooks.get(tenantOf(request).tenant, request.params.hash)),
    );

    app.patch(
      '/webhooks/:hash',
      {
        schema: {
          tags,
          security,
          summary: 'Change a webhook: endpoint, options, ENABLED or DISABLED',
          params: WebhookParams,
          body: WebhookChangesBody,
          response: { 200: WebhookView, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
        },
      },
      async (request) => {
        const options = optionsInput(request.body.options);
        const webhook = await core.webhooks.update(tenantOf(request).tenant, request.params.hash, {
          ...(request.body.endpoint === undefined ? {} : { endpoint: request.body.endpoint }),
          ...(options === undefined ? {} : { options }),
          ...(request.body.status === undefined ? {} : { status: request.body.status }),
        });
        return formatWebhook(webhook);
      },
    );

    app.delete(
      '/webhooks/:hash',
      {
        schema: {
          tags,
          security,
          summary: 'Delete a webhook',
          params: WebhookParams,
        },
      },
      async (request, reply) => {
        await core.webhooks.unsubscribe(tenantOf(request).tenant, request.params.hash);
        return reply.code(204).send();
      },
    );
  };
}
