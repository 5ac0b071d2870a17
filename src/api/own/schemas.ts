/** Schemas of Voxgate's own endpoints (`/admin`, `/voxgate/v1`). Fields are snake_case. */
import { Type, type Static } from 'typebox';

export const Name = Type.String({ minLength: 1, maxLength: 64, description: 'A label, 1 to 64 characters' });

export const Login = Type.String({
  minLength: 3,
  maxLength: 64,
  pattern: '^[A-Za-z0-9._@+-]+$',
  description: 'Sign-in name: letters, digits and . _ @ + -',
});
export const Email = Type.String({ format: 'email', maxLength: 254 });
export const Password = Type.String({ minLength: 8, maxLength: 128 });

export const AccountStatusSchema = Type.Enum(['active', 'disabled']);

export const AccountView = Type.Object({
  id: Type.Integer(),
  parent_id: Type.Union([Type.Integer(), Type.Null()]),
  name: Type.String(),
  status: AccountStatusSchema,
  max_subaccounts: Type.Integer(),
  inbound_calls: Type.Boolean({ description: 'Whether inbound calls are answered; the operator sets it' }),
  created_at: Type.String({ format: 'date-time' }),
  updated_at: Type.String({ format: 'date-time' }),
});

export const ApiKeyView = Type.Object({
  prefix: Type.String({ description: 'The first characters of the key; names it in lists and revocation' }),
  name: Type.String(),
  account_id: Type.Union([Type.Integer(), Type.Null()]),
  created_at: Type.String({ format: 'date-time' }),
  last_used_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export const CreatedApiKeyView = Type.Object({
  ...ApiKeyView.properties,
  key: Type.String({ description: 'The whole key. Shown in this answer only; store it now.' }),
});

export const UserView = Type.Object({
  id: Type.Integer(),
  account_id: Type.Integer(),
  login: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String({ format: 'date-time' }),
});

/** `Authentication.Session` of the voice-platform seed. */
export const SessionView = Type.Object({
  token: Type.String(),
  valid_until: Type.String({ format: 'date-time' }),
  refresh_token: Type.String(),
  refreshable_until: Type.String({ format: 'date-time' }),
});

export const NewUser = Type.Object(
  { login: Login, email: Type.Optional(Email), password: Password },
  { additionalProperties: false },
);

export const NewKey = Type.Object({ name: Type.Optional(Name) }, { additionalProperties: false });

export const PageQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  },
  { additionalProperties: false },
);

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const PrefixParams = Type.Object({ prefix: Type.String({ minLength: 1, maxLength: 64 }) });

export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    request_id: Type.String(),
    issues: Type.Optional(
      Type.Array(
        Type.Object({
          field: Type.String(),
          rule: Type.String(),
          message: Type.String(),
          limit: Type.Optional(Type.Union([Type.String(), Type.Number()])),
        }),
      ),
    ),
  }),
});

export const Paged = <T extends ReturnType<typeof Type.Object>>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    limit: Type.Integer(),
    offset: Type.Integer(),
  });

export type PageQueryType = Static<typeof PageQuery>;
