/** Seed 05, contacts and campaigns (the Multisender API), mounted at `/v1`. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Core } from '../../core/index.js';
import type { Authenticator } from '../plugins/authenticate.js';
import { installDialect } from '../plugins/dialect.js';
import { renderContactsError } from './format.js';

export async function registerContactsDialect(
  app: FastifyInstance,
  core: Core,
  authenticator: Authenticator,
): Promise<void> {
  await app.register(
    async (instance) => {
      installDialect(instance, { render: renderContactsError, authenticator, access: 'tenant' });
      const dialect = instance.withTypeProvider<TypeBoxTypeProvider>();
      dialect.post(
        '/auth',
        {
          config: { access: 'public' },
          schema: {
            tags: ['contacts-campaigns'],
            summary: 'Sign in with e-mail and password; the token authenticates as X-Authentication-Token',
            security: [],
            body: Type.Object(
              {
                email: Type.String({ minLength: 1, maxLength: 254 }),
                password: Type.String({ minLength: 1, maxLength: 128 }),
              },
              { additionalProperties: false },
            ),
            response: { 201: Type.Object({ authToken: Type.String() }) },
          },
        },
        async (request, reply) => {
          const session = await core.credentials.login(request.body.email, request.body.password);
          return reply.code(201).send({ authToken: session.token });
        },
      );
    },
    { prefix: '/v1' },
  );
}
