/** Schemas of the voice app routes (`/voxgate/v1/apps`). Fields are snake_case. */
import { Type } from 'typebox';
import { APP_PACKAGES, REALTIME_DATA_FORMATS } from '../../core/apps/types.js';

const Name = Type.String({ minLength: 1, maxLength: 64, description: 'The app name, 1 to 64 characters' });

/** The http(s) rule is core's, checked there so the 400 names the field. */
const Url = Type.String({
  minLength: 1,
  maxLength: 2048,
  description: 'HTTP(S) URL Voxgate POSTs each RT.Request to; its answer drives the call',
});

/** HTTP Basic (RFC 7617): the user id cannot hold a colon. */
const Login = Type.String({
  minLength: 1,
  maxLength: 128,
  pattern: '^[^:]*$',
  description: 'HTTP Basic login, without ":"',
});

const Password = Type.String({ minLength: 1, maxLength: 256, description: 'HTTP Basic password' });

const DataFormat = Type.Enum([...REALTIME_DATA_FORMATS], { description: 'JSON, the only format (default)' });

export const NewRealtimeParams = Type.Object(
  {
    url: Url,
    login: Type.Optional(Type.Union([Login, Type.Null()])),
    password: Type.Optional(Type.Union([Password, Type.Null()])),
    data_format: Type.Optional(DataFormat),
  },
  { additionalProperties: false, description: "Seed 04's REALTIME10 object" },
);

export const RealtimeParamsChanges = Type.Object(
  {
    url: Type.Optional(Url),
    login: Type.Optional(
      Type.Union([Login, Type.Null()], { description: 'null removes the login and the password' }),
    ),
    password: Type.Optional(Type.Union([Password, Type.Null()], { description: 'null removes it' })),
    data_format: Type.Optional(DataFormat),
  },
  { additionalProperties: false, description: 'Given properties replace the stored ones, others stay' },
);

export const NewAppBody = Type.Object(
  {
    name: Name,
    package: Type.Enum([...APP_PACKAGES], { description: 'REALTIME10, the only package so far' }),
    params: NewRealtimeParams,
  },
  { additionalProperties: false },
);

export const AppChangesBody = Type.Object(
  { name: Type.Optional(Name), params: Type.Optional(RealtimeParamsChanges) },
  { additionalProperties: false },
);

export const AppView = Type.Object({
  hash: Type.String({ description: 'The app id: 8 hex characters' }),
  name: Type.String(),
  package: Type.String({ description: 'REALTIME10' }),
  params: Type.Object({
    url: Type.String(),
    login: Type.Union([Type.String(), Type.Null()]),
    password: Type.Union([Type.Literal('********'), Type.Null()], {
      description: 'Never shown: "********" when a password is set, null when none is',
    }),
    data_format: Type.String(),
  }),
  numbers: Type.Array(
    Type.Object({
      number: Type.String({ description: 'E.164' }),
      hash: Type.String({ description: "Seed 04's DID hash" }),
    }),
    { description: 'The numbers routed to this app' },
  ),
  created_at: Type.String({ format: 'date-time' }),
  updated_at: Type.String({ format: 'date-time' }),
});

export const AppParams = Type.Object({ hash: Type.String({ pattern: '^[0-9A-Fa-f]{8}$' }) });
