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
import { seedDatetimeMs } from '../../../core/shared/seed-time.js';
import type { DeliveryAttempt } from '../../../core/webhooks/delivery-log.js';
import {
  DeliveryAttemptView,
  DeliveryLogQuery,
  EventTypesView,
  NewWebhookBody,
  RedeliverBody,
  RedeliverParams,
  RedeliverView,
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

function formatAttempt(attempt: DeliveryAttempt) {
  return {
    event_id: attempt.eventId,
    event_date: seedDatetimeMs(attempt.eventAt),
    hook_hash: attempt.hookHash,
    type: attempt.type,
    endpoint: attempt.endpoint,
    try: attempt.try,
    http_code: attempt.httpCode,
    status: attempt.status,
    duration_ms: attempt.durationMs,
    error: attempt.error,
    attempted_at: seedDatetimeMs(attempt.attemptedAt),
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

    app.get(
      '/webhooks/logs',
      {
        schema: {
          tags,
          security,
          summary: 'Search the delivery log (kept 30 days), newest attempt first',
          description: "Filters are seed 04's Webhook.Log.Search.Filters; every one given must match.",
          querystring: DeliveryLogQuery,
          response: { 200: Paged(DeliveryAttemptView), 400: ErrorBody },
        },
      },
      async (request) => {
        const q = request.query;
        const page = await core.deliveryLog.search(
          tenantOf(request).tenant,
          {
            ...(q.endpoint === undefined ? {} : { endpoint: q.endpoint }),
            ...(q.event_date === undefined ? {} : { eventDate: q.event_date }),
            ...(q.event_id === undefined ? {} : { eventId: q.event_id }),
            ...(q.hook_hash === undefined ? {} : { hookHash: q.hook_hash }),
            ...(q.http_code === undefined ? {} : { httpCode: q.http_code }),
            ...(q.status === undefined ? {} : { status: q.status }),
            ...(q.try === undefined ? {} : { try: q.try }),
            ...(q.type === undefined ? {} : { type: q.type }),
          },
          { limit: q.limit ?? 50, offset: q.offset ?? 0 },
        );
        return { ...page, items: page.items.map(formatAttempt) };
      },
    );

    app.post(
      '/webhooks/events/:event_id/redeliver',
      {
        schema: {
          tags,
          security,
          summary: 'Send an event again, from try 0, to every endpoint it went to (or one subscription)',
          params: RedeliverParams,
          body: RedeliverBody,
          response: { 202: RedeliverView, 400: ErrorBody, 404: ErrorBody },
        },
      },
      async (request, reply) => {
        const queued = await core.deliveryLog.redeliver(
          tenantOf(request).tenant,
          request.params.event_id,
          request.body?.hook_hash,
        );
        return reply.code(202).send({ queued });
      },
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
