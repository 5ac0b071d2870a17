/** Seed 03, custom IVR prompts assigned to targets, mounted at `/api/v2`. Routes come with their issue. */
import type { FastifyInstance } from 'fastify';
import type { Authenticator } from '../plugins/authenticate.js';
import { installDialect } from '../plugins/dialect.js';
import { renderCustomIvrsError } from './format.js';

export async function registerCustomIvrsDialect(
  app: FastifyInstance,
  authenticator: Authenticator,
): Promise<void> {
  await app.register(
    async (dialect) => {
      installDialect(dialect, { render: renderCustomIvrsError, authenticator, access: 'tenant' });
      await Promise.resolve();
    },
    { prefix: '/api/v2' },
  );
}
