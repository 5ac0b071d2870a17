/** Seed 01, virtual receptionists and their action URLs, mounted at `/api`. */
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../core/index.js';
import type { Authenticator } from '../plugins/authenticate.js';
import { installDialect } from '../plugins/dialect.js';
import { renderReceptionistsError } from './format.js';
import { actionUrlRoutes } from './routes/action-urls.js';
import { receptionistRoutes } from './routes/receptionists.js';

export async function registerReceptionistsDialect(
  app: FastifyInstance,
  core: Core,
  authenticator: Authenticator,
): Promise<void> {
  await app.register(
    async (dialect) => {
      installDialect(dialect, { render: renderReceptionistsError, authenticator, access: 'tenant' });
      await dialect.register(receptionistRoutes(core));
      await dialect.register(actionUrlRoutes(core));
    },
    { prefix: '/api' },
  );
}
