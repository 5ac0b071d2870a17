/** Seed 02, IVR scenarios, mounted at `/voice/ivr/1`. */
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../core/index.js';
import type { Authenticator } from '../plugins/authenticate.js';
import { installDialect } from '../plugins/dialect.js';
import { renderScenariosError } from './format.js';
import { scenarioRoutes } from './routes/scenarios.js';

export async function registerScenariosDialect(
  app: FastifyInstance,
  core: Core,
  authenticator: Authenticator,
): Promise<void> {
  await app.register(
    async (dialect) => {
      installDialect(dialect, { render: renderScenariosError, authenticator, access: 'tenant' });
      await dialect.register(scenarioRoutes(core));
    },
    { prefix: '/voice/ivr/1' },
  );
}
