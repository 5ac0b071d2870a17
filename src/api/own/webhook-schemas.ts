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
