/** `/admin`: the operator's endpoints (operator key only). */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Core } from '../../../core/index.js';
import { formatAccount, formatCreatedKey, formatUser } from '../format.js';
import {
  AccountStatusSchema,
  AccountView,
  CreatedApiKeyView,
  ErrorBody,
  IdParams,
  Name,
  NewKey,
  NewUser,
  PageQuery,
  Paged,
  PrefixParams,
  UserView,
} from '../schemas.js';

const tags = ['operator'];
const security = [{ bearer: [] }];

export function adminRoutes(core: Core) {
  return async (instance: FastifyInstance): Promise<void> => {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();

    app.post(
      '/accounts',
      {
        schema: {
          tags,
          security,
          summary: 'Create an account, its first API key and optionally its first user',
          body: Type.Object({ name: Name, user: Type.Optional(NewUser) }, { additionalProperties: false }),
          response: {
            201: Type.Object({
              account: AccountView,
              key: CreatedApiKeyView,
              user: Type.Optional(UserView),
            }),
            400: ErrorBody,
          },
        },
      },
      async (request, reply) => {
        const account = await core.accounts.createAccount(request.body.name);
        const key = await core.credentials.createApiKey(account.id, 'default');
        const user =
          request.body.user === undefined
            ? undefined
            : await core.accounts.createUser(account.id, request.body.user);
        return reply.code(201).send({
          account: formatAccount(account),
          key: formatCreatedKey(key),
          ...(user === undefined ? {} : { user: formatUser(user) }),
        });
      },
    );

    app.get(
      '/accounts',
      {
        schema: {
          tags,
          security,
          summary: 'List accounts',
          querystring: PageQuery,
          response: { 200: Paged(AccountView) },
        },
      },
      async (request) => {
        const page = await core.accounts.listAccounts({
          limit: request.query.limit ?? 50,
          offset: request.query.offset ?? 0,
        });
        return { ...page, items: page.items.map(formatAccount) };
      },
    );

    app.get(
      '/accounts/:id',
      {
        schema: {
          tags,
          security,
          summary: 'Get an account',
          params: IdParams,
          response: { 200: AccountView },
        },
      },
      async (request) => formatAccount(await core.accounts.getAccount(request.params.id)),
    );

    app.patch(
      '/accounts/:id',
      {
        schema: {
          tags,
          security,
          summary: 'Rename, disable or enable an account, or switch its inbound calls',
          params: IdParams,
          body: Type.Object(
            {
              name: Type.Optional(Name),
              status: Type.Optional(AccountStatusSchema),
              inbound_calls: Type.Optional(
                Type.Boolean({ description: 'false: inbound calls are refused (SIP 403)' }),
              ),
            },
            { additionalProperties: false, minProperties: 1 },
          ),
          response: { 200: AccountView, 400: ErrorBody, 404: ErrorBody },
        },
      },
      async (request) =>
        formatAccount(
          await core.accounts.updateAccount(request.params.id, {
            name: request.body.name,
            status: request.body.status,
            inboundCalls: request.body.inbound_calls,
          }),
        ),
    );

    app.post(
      '/accounts/:id/keys',
      {
        schema: {
          tags,
          security,
          summary: 'Create an API key for an account (shown once)',
          params: IdParams,
          body: Type.Optional(NewKey),
          response: { 201: CreatedApiKeyView },
        },
      },
      async (request, reply) => {
        const account = await core.accounts.getAccount(request.params.id);
        const key = await core.credentials.createApiKey(account.id, request.body?.name ?? 'api');
        return reply.code(201).send(formatCreatedKey(key));
      },
    );

    app.delete(
      '/keys/:prefix',
      { schema: { tags, security, summary: 'Revoke any API key by its prefix', params: PrefixParams } },
      async (request, reply) => {
        await core.credentials.revokeApiKey(request.params.prefix, null);
        return reply.code(204).send();
      },
    );
  };
}
