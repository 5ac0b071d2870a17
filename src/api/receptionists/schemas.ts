/**
 * Seed 01's bodies. The action URL's fields, defaults and limits are the seed's; the receptionist's are
 * Voxgate's minimal menu (the seed shows none; docs/receptionists.md). Rules a schema cannot say (the
 * URL, the masks' grammar, the headers' format, which credentials an auth needs) are core's.
 */
import { Type } from 'typebox';
import { ACTION_URL_AUTHS, ACTION_URL_METHODS, ACTION_URL_TYPES } from '../../core/receptionists/types.js';

const SeedId = Type.String({
  minLength: 1,
  maxLength: 64,
  description: 'The unique ID of the resource: base64 of a decimal 64-bit id',
  examples: ['NzAwNTUxOTA5NzczMTQ4MTYw'],
});

export const ReceptionistParams = Type.Object({ id: SeedId });
export const ActionUrlParams = Type.Object({ id: SeedId, url_id: SeedId });

export const ListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  },
  { additionalProperties: false },
);

const Greeting = Type.Object(
  {
    text: Type.Optional(
      Type.String({ minLength: 1, maxLength: 1000, description: 'Said with text-to-speech' }),
    ),
    language: Type.Optional(
      Type.String({
        pattern: '^[a-z]{2,3}(-[A-Z]{2})?$',
        description: 'Language of the text, like en-US (default en-US)',
      }),
    ),
    voice: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Voice name of the text' })),
    url: Type.Optional(
      Type.String({ minLength: 1, maxLength: 2048, description: 'An http(s) media URL played instead' }),
    ),
  },
  { additionalProperties: false, description: 'Exactly one of text and url' },
);

const Options = Type.Record(
  Type.String({ pattern: '^[0-9*#]$' }),
  Type.String({ pattern: '^[0-9A-Fa-f]{32}$', description: 'A scenario id (seed 02) of this account' }),
  {
    additionalProperties: false,
    maxProperties: 12,
    description: 'Key (0-9, *, #) -> the scenario the call runs when the caller presses it',
  },
);

const receptionistFields = {
  greeting: Greeting,
  options: Type.Optional(Options),
  timeout: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 60,
      default: 5,
      description: 'Seconds to wait for the first key after the greeting',
    }),
  ),
  max_repeats: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: 10,
      default: 2,
      description: 'Times the greeting is repeated after no input or an invalid one, before hanging up',
    }),
  ),
};

const Name = Type.String({ minLength: 1, maxLength: 64, description: 'The name of the receptionist' });

export const NewReceptionistBody = Type.Object(
  { name: Name, ...receptionistFields },
  { additionalProperties: false },
);

export const ReceptionistChangesBody = Type.Object(
  { name: Type.Optional(Name), ...receptionistFields, greeting: Type.Optional(Greeting) },
  { additionalProperties: false },
);

export const ReceptionistView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  greeting: Type.Object({
    text: Type.Union([Type.String(), Type.Null()]),
    language: Type.String(),
    voice: Type.Union([Type.String(), Type.Null()]),
    url: Type.Union([Type.String(), Type.Null()]),
  }),
  options: Type.Record(Type.String(), Type.String()),
  timeout: Type.Integer(),
  max_repeats: Type.Integer(),
  created_at: Type.String({ description: 'YYYY-MM-DD HH:MM:SS, UTC' }),
  updated_at: Type.String({ description: 'YYYY-MM-DD HH:MM:SS, UTC' }),
});

const Credential = Type.String({
  minLength: 6,
  maxLength: 64,
  pattern: '^[a-z0-9]{6,64}$',
});

/** Seed 01's action URL body: every field optional, on create and on update. */
export const ActionUrlBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'The name of action url' })),
    enabled: Type.Optional(Type.Boolean({ default: false, description: 'Enabled this event or not' })),
    type: Type.Optional(Type.Enum([...ACTION_URL_TYPES], { description: 'The action url type' })),
    method: Type.Optional(
      Type.Enum([...ACTION_URL_METHODS], { description: 'The action url request method (POST when unset)' }),
    ),
    headers: Type.Optional(
      Type.String({
        maxLength: 4096,
        description: 'The request headers: a JSON object of header name to value, as a string',
      }),
    ),
    caller_mask: Type.Optional(Type.String({ maxLength: 255, description: 'The caller mask of action url' })),
    dtmf_mask: Type.Optional(
      Type.String({
        maxLength: 255,
        description: 'A semicolon-separated list of DTMF numbers or ranges, e.g. 1000;2000;3000-4000',
      }),
    ),
    connection_timeout: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 60, default: 2, description: 'The connection timeout in seconds' }),
    ),
    request_timeout: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 60, default: 2, description: 'The request timeout in seconds' }),
    ),
    auth: Type.Optional(
      Type.Enum([...ACTION_URL_AUTHS], { default: 'DISABLE', description: 'The authentication method' }),
    ),
    username: Type.Optional({ ...Credential, description: 'For BASIC or DIGEST' }),
    password: Type.Optional({ ...Credential, description: 'For BASIC or DIGEST' }),
    token: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 1024,
        pattern: '^[A-Za-z0-9._~+/-]+=*$',
        description: 'For BEARER (RFC 6750 token characters)',
      }),
    ),
    url: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 128,
        description: "The event url: http(s), at most 128 characters (the seed's pattern cannot match a URL)",
      }),
    ),
  },
  { additionalProperties: false },
);

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);
const Secret = Type.Union([Type.Literal('********'), Type.Null()], {
  description: 'Never shown: "********" when set, null when not',
});

export const ActionUrlView = Type.Object({
  id: Type.String(),
  name: Nullable(Type.String()),
  enabled: Type.Boolean(),
  type: Nullable(Type.String()),
  caller_mask: Nullable(Type.String()),
  dtmf_mask: Nullable(Type.String()),
  method: Nullable(Type.String()),
  headers: Nullable(Type.String()),
  connection_timeout: Type.Integer(),
  request_timeout: Type.Integer(),
  auth: Type.String(),
  username: Nullable(Type.String()),
  password: Secret,
  token: Secret,
  url: Nullable(Type.String()),
});
