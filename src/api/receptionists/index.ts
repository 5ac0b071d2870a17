/** Seed 01, virtual receptionists and their action URLs, mounted at `/api`. Routes come with their issue. */
import type { FastifyInstance } from 'fastify';
import type { Authenticator } from '../plugins/authenticate.js';
import { installDialect } from '../plugins/dialect.js';
import { renderReceptionistsError } from './format.js';

export async function registerReceptionistsDialect(
  app: FastifyInstance,
  authenticator: Authenticator,
): Promise<void> {
  await app.register(
    async (dialect) => {
      installDialect(dialect, { render: renderReceptionistsError, authenticator, access: 'tenant' });
      await Promise.resolve();
    },
    { prefix: '/api' },
  );
}
