/** Schemas of the webhook subscription routes (`/voxgate/v1/webhooks`). Fields are snake_case. */
import { Type } from 'typebox';
import {
  HMAC_ALGOS,
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_FORMATS,
  WEBHOOK_STATUSES,
} from '../../core/webhooks/types.js';

/** The http(s) rule is core's, checked there so the 400 names the field. */
const Endpoint = Type.String({
  minLength: 1,
  maxLength: 2048,
  description: 'HTTP(S) URL the events are POSTed to',
});

const EventType = Type.Enum([...WEBHOOK_EVENT_TYPES], {
  description: 'The event type delivered to this endpoint',
});

const OptionsInput = Type.Object(
  {
    format: Type.Optional(
      Type.Enum([...WEBHOOK_FORMATS], { description: 'JSON, the only format (default)' }),
    ),
    hmac_algo: Type.Optional(
      Type.Enum([...HMAC_ALGOS], {
        description: 'Algorithm of the X-CALLR-HmacSignature header (default SHA256)',
      }),
    ),
    hmac_secret: Type.Optional(
      Type.Union([Type.String({ minLength: 8, maxLength: 1024 }), Type.Null()], {
        description: 'Key of the HMAC signature, 8 to 1024 characters; null removes it (no HMAC header)',
      }),
    ),
  },
  { additionalProperties: false },
);

export const WebhookView = Type.Object({
  hash: Type.String({ description: 'The subscription id: 8 hex characters' }),
  type: Type.String(),
  endpoint: Type.String(),
  options: Type.Object({
    format: Type.String(),
    hmac_algo: Type.String(),
    hmac_secret: Type.Union([Type.Literal('********'), Type.Null()], {
      description: 'Never shown: "********" when a secret is set, null when none is',
    }),
  }),
  status: Type.Enum([...WEBHOOK_STATUSES]),
  created_at: Type.String({ format: 'date-time' }),
  updated_at: Type.String({ format: 'date-time' }),
});

export const NewWebhookBody = Type.Object(
  { type: EventType, endpoint: Endpoint, options: Type.Optional(OptionsInput) },
  { additionalProperties: false },
);

export const WebhookChangesBody = Type.Object(
  {
    endpoint: Type.Optional(Endpoint),
    options: Type.Optional(OptionsInput),
    status: Type.Optional(
      Type.Enum(['ENABLED', 'DISABLED'], {
        description: 'DISABLED_ADMIN and DISABLED_SYSTEM are set by Voxgate',
      }),
    ),
  },
  { additionalProperties: false },
);

export const WebhookParams = Type.Object({ hash: Type.String({ pattern: '^[0-9A-Fa-f]{8}$' }) });

export const EventTypesView = Type.Object({ types: Type.Array(Type.String()) });

/** Seed 04's `Webhook.Log.Search.Filters`, as query parameters, with the own API's paging. */
export const DeliveryLogQuery = Type.Object(
  {
    endpoint: Type.Optional(Type.String({ minLength: 1, maxLength: 2048 })),
    event_date: Type.Optional(
      Type.String({
        format: 'date',
        description: 'YYYY-MM-DD: attempts of the events of that UTC day',
      }),
    ),
    event_id: Type.Optional(Type.String({ pattern: '^[0-9A-Za-z]{32}$' })),
    hook_hash: Type.Optional(Type.String({ pattern: '^[0-9A-Fa-f]{8}$' })),
    http_code: Type.Optional(Type.Integer({ minimum: 100, maximum: 599 })),
    status: Type.Optional(Type.Enum(['SUCCESS', 'FAILURE'])),
    try: Type.Optional(Type.Integer({ minimum: 0, maximum: 9 })),
    type: Type.Optional(EventType),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  },
  { additionalProperties: false },
);

export const DeliveryAttemptView = Type.Object({
  event_id: Type.String(),
  event_date: Type.String({ description: 'The event time: YYYY-MM-DD HH:MM:SS.sss UTC (datetime_ms)' }),
  hook_hash: Type.Union([Type.String(), Type.Null()], { description: 'null for a dynamic webhook' }),
  type: Type.String(),
  endpoint: Type.String(),
  try: Type.Integer({ minimum: 0, maximum: 9 }),
  http_code: Type.Union([Type.Integer(), Type.Null()], {
    description: 'null when no answer came (refused, timed out, unreachable)',
  }),
  status: Type.Enum(['SUCCESS', 'FAILURE']),
  duration_ms: Type.Integer({ minimum: 0 }),
  error: Type.Union([Type.String(), Type.Null()], { description: 'Why the attempt failed' }),
  attempted_at: Type.String({ description: 'YYYY-MM-DD HH:MM:SS.sss UTC' }),
});

export const RedeliverParams = Type.Object({ event_id: Type.String({ pattern: '^[0-9A-Za-z]{32}$' }) });

export const RedeliverBody = Type.Union([
  Type.Object(
    { hook_hash: Type.Optional(Type.String({ pattern: '^[0-9A-Fa-f]{8}$' })) },
    { additionalProperties: false },
  ),
  Type.Null(),
]);

export const RedeliverView = Type.Object({
  queued: Type.Integer({ description: 'Deliveries queued, one per endpoint, from try 0' }),
});
