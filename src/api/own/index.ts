/** Voxgate's own dialect: `/admin` for the operator, `/voxgate/v1` for tenants, one error shape. */
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../core/index.js';
import type { Authenticator } from '../plugins/authenticate.js';
import { installDialect } from '../plugins/dialect.js';
import { renderOwnError } from './format.js';
import { adminRoutes } from './routes/admin.js';
import { appRoutes } from './routes/apps.js';
import { analyticsRoutes } from './routes/analytics.js';
import { callRoutes } from './routes/calls.js';
import { cdrRoutes } from './routes/cdr.js';
import { adminNumberRoutes, numberRoutes } from './routes/numbers.js';
import { simulationRoutes } from './routes/simulations.js';
import { tenantRoutes } from './routes/tenant.js';
import { webhookRoutes } from './routes/webhooks.js';

export interface OwnDialectOptions {
  readonly core: Core;
  readonly authenticator: Authenticator;
}

export async function registerOwnDialect(
  app: FastifyInstance,
  { core, authenticator }: OwnDialectOptions,
): Promise<void> {
  await app.register(
    async (admin) => {
      installDialect(admin, { render: renderOwnError, authenticator, access: 'operator' });
      await admin.register(adminRoutes(core));
      await admin.register(adminNumberRoutes(core));
    },
    { prefix: '/admin' },
  );
  await app.register(
    async (tenant) => {
      installDialect(tenant, { render: renderOwnError, authenticator, access: 'tenant' });
      await tenant.register(tenantRoutes(core));
      await tenant.register(simulationRoutes(core));
      await tenant.register(numberRoutes(core));
      await tenant.register(callRoutes(core));
      await tenant.register(cdrRoutes(core));
      await tenant.register(analyticsRoutes(core));
      await tenant.register(webhookRoutes(core));
      await tenant.register(appRoutes(core));
    },
    { prefix: '/voxgate/v1' },
  );
}
