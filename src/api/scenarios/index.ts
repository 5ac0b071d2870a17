/** Seed 02, IVR scenarios, mounted at `/voice/ivr/1`. Routes come with the scenario engine issue. */
import type { FastifyInstance } from 'fastify';
import type { Authenticator } from '../plugins/authenticate.js';
import { installDialect } from '../plugins/dialect.js';
import { renderScenariosError } from './format.js';

export async function registerScenariosDialect(
  app: FastifyInstance,
  authenticator: Authenticator,
): Promise<void> {
  await app.register(
    async (dialect) => {
      installDialect(dialect, { render: renderScenariosError, authenticator, access: 'tenant' });
      await Promise.resolve();
    },
    { prefix: '/voice/ivr/1' },
  );
}
