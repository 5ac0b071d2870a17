/** `/voxgate/v1`: a tenant's own keys, sub-accounts, users and sessions. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Core } from '../../../core/index.js';
import { tenantOf } from '../../plugins/authenticate.js';
import { formatAccount, formatCreatedKey, formatKey, formatSession, formatUser } from '../format.js';
import {
  AccountStatusSchema,
  AccountView,
  ApiKeyView,
  CreatedApiKeyView,
  ErrorBody,
  IdParams,
  Name,
  NewKey,
  NewUser,
  PageQuery,
  Paged,
  PrefixParams,
  SessionView,
  UserView,
} from '../schemas.js';

const security = [{ bearer: [] }, { basic: [] }, { accessTokenHeader: [] }];

export function tenantRoutes(core: Core) {
  return async (instance: FastifyInstance): Promise<void> => {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      '/account',
      {
        schema: {
          tags: ['account'],
          security,
          summary: 'The account these credentials act for',
          response: { 200: AccountView },
        },
      },
      async (request) => formatAccount(await core.accounts.getOwn(tenantOf(request).tenant)),
    );

    // Keys: a tenant manages its own; a parent also revokes its sub-accounts' keys.
    app.get(
      '/keys',
      {
        schema: {
          tags: ['keys'],
          security,
          summary: 'List your API keys',
          response: { 200: Type.Object({ items: Type.Array(ApiKeyView) }) },
        },
      },
      async (request) => ({
        items: (await core.credentials.listApiKeys(tenantOf(request).tenant.accountId)).map(formatKey),
      }),
    );

    app.post(
      '/keys',
      {
        schema: {
          tags: ['keys'],
          security,
          summary: 'Create an API key (its secret is shown once)',
          body: Type.Optional(NewKey),
          response: { 201: CreatedApiKeyView, 400: ErrorBody },
        },
      },
      async (request, reply) => {
        const key = await core.credentials.createApiKey(
          tenantOf(request).tenant.accountId,
          request.body?.name ?? 'api',
        );
        return reply.code(201).send(formatCreatedKey(key));
      },
    );

    app.delete(
      '/keys/:prefix',
      {
        schema: {
          tags: ['keys'],
          security,
          summary: 'Revoke an API key by its prefix',
          params: PrefixParams,
        },
      },
      async (request, reply) => {
        const { tenant } = tenantOf(request);
        const children = await core.accounts.listSubaccounts(tenant, { limit: 500, offset: 0 });
        await core.credentials.revokeApiKey(request.params.prefix, [
          tenant.accountId,
          ...children.items.map((a) => a.id),
        ]);
        return reply.code(204).send();
      },
    );

    app.get(
      '/subaccounts',
      {
        schema: {
          tags: ['sub-accounts'],
          security,
          summary: 'List your sub-accounts',
          querystring: PageQuery,
          response: { 200: Paged(AccountView) },
        },
      },
      async (request) => {
        const page = await core.accounts.listSubaccounts(tenantOf(request).tenant, {
          limit: request.query.limit ?? 50,
          offset: request.query.offset ?? 0,
        });
        return { ...page, items: page.items.map(formatAccount) };
      },
    );

    app.post(
      '/subaccounts',
      {
        schema: {
          tags: ['sub-accounts'],
          security,
          summary: 'Create a sub-account',
          body: Type.Object({ name: Name }, { additionalProperties: false }),
          response: { 201: AccountView, 400: ErrorBody },
        },
      },
      async (request, reply) => {
        const account = await core.accounts.createSubaccount(tenantOf(request).tenant, request.body.name);
        return reply.code(201).send(formatAccount(account));
      },
    );

    app.get(
      '/subaccounts/:id',
      {
        schema: {
          tags: ['sub-accounts'],
          security,
          summary: 'Get a sub-account',
          params: IdParams,
          response: { 200: AccountView },
        },
      },
      async (request) =>
        formatAccount(await core.accounts.getSubaccount(tenantOf(request).tenant, request.params.id)),
    );

    app.patch(
      '/subaccounts/:id',
      {
        schema: {
          tags: ['sub-accounts'],
          security,
          summary: 'Rename, disable or enable a sub-account',
          params: IdParams,
          body: Type.Object(
            { name: Type.Optional(Name), status: Type.Optional(AccountStatusSchema) },
            { additionalProperties: false, minProperties: 1 },
          ),
          response: { 200: AccountView, 400: ErrorBody },
        },
      },
      async (request) =>
        formatAccount(
          await core.accounts.updateSubaccount(tenantOf(request).tenant, request.params.id, {
            name: request.body.name,
            status: request.body.status,
          }),
        ),
    );

    app.delete(
      '/subaccounts/:id',
      {
        schema: {
          tags: ['sub-accounts'],
          security,
          summary: 'Delete a sub-account and everything it owns',
          params: IdParams,
        },
      },
      async (request, reply) => {
        await core.accounts.deleteSubaccount(tenantOf(request).tenant, request.params.id);
        return reply.code(204).send();
      },
    );

    app.get(
      '/subaccounts/:id/keys',
      {
        schema: {
          tags: ['sub-accounts'],
          security,
          summary: "List a sub-account's API keys",
          params: IdParams,
          response: { 200: Type.Object({ items: Type.Array(ApiKeyView) }) },
        },
      },
      async (request) => {
        const child = await core.accounts.getSubaccount(tenantOf(request).tenant, request.params.id);
        return { items: (await core.credentials.listApiKeys(child.id)).map(formatKey) };
      },
    );

    app.post(
      '/subaccounts/:id/keys',
      {
        schema: {
          tags: ['sub-accounts'],
          security,
          summary: 'Create an API key for a sub-account',
          params: IdParams,
          body: Type.Optional(NewKey),
          response: { 201: CreatedApiKeyView },
        },
      },
      async (request, reply) => {
        const child = await core.accounts.getSubaccount(tenantOf(request).tenant, request.params.id);
        const key = await core.credentials.createApiKey(child.id, request.body?.name ?? 'api');
        return reply.code(201).send(formatCreatedKey(key));
      },
    );

    app.get(
      '/users',
      {
        schema: {
          tags: ['users'],
          security,
          summary: 'List the sign-ins of your account',
          response: { 200: Type.Object({ items: Type.Array(UserView) }) },
        },
      },
      async (request) => ({
        items: (await core.accounts.listUsers(tenantOf(request).tenant)).map(formatUser),
      }),
    );

    app.post(
      '/users',
      {
        schema: {
          tags: ['users'],
          security,
          summary: 'Add a sign-in (login, e-mail, password) to your account',
          body: NewUser,
          response: { 201: UserView, 400: ErrorBody },
        },
      },
      async (request, reply) => {
        const user = await core.accounts.createUser(tenantOf(request).tenant.accountId, request.body);
        return reply.code(201).send(formatUser(user));
      },
    );

    app.delete(
      '/users/:id',
      { schema: { tags: ['users'], security, summary: 'Remove a sign-in', params: IdParams } },
      async (request, reply) => {
        await core.accounts.deleteUser(tenantOf(request).tenant, request.params.id);
        return reply.code(204).send();
      },
    );

    app.post(
      '/sessions',
      {
        schema: {
          tags: ['sessions'],
          security,
          summary: 'Open a session token for the credentials of this request',
          response: { 201: SessionView },
        },
      },
      async (request, reply) =>
        reply.code(201).send(formatSession(await core.credentials.openSession(tenantOf(request)))),
    );

    app.post(
      '/sessions/refresh',
      {
        config: { access: 'public' },
        schema: {
          tags: ['sessions'],
          security: [],
          summary: 'Trade a refresh token for a new session; the old one stops working',
          body: Type.Object(
            { refresh_token: Type.String({ minLength: 1, maxLength: 128 }) },
            { additionalProperties: false },
          ),
          response: { 201: SessionView, 400: ErrorBody },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(formatSession(await core.credentials.refreshSession(request.body.refresh_token))),
    );

    app.delete(
      '/sessions/current',
      { schema: { tags: ['sessions'], security, summary: 'End the session this request uses' } },
      async (request, reply) => {
        const principal = tenantOf(request);
        if (principal.sessionId !== null) await core.credentials.closeSession(principal.sessionId);
        return reply.code(204).send();
      },
    );
  };
}
