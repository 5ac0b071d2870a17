/** `/health` (the process answers) and `/ready` (the database answers too). */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Core } from '../../core/index.js';

const Status = Type.Object({ status: Type.String() });

export function registerHealthRoutes(app: FastifyInstance, core: Core): void {
  app.get(
    '/health',
    {
      config: { rateLimit: false },
      schema: { tags: ['operations'], summary: 'Liveness', response: { 200: Status } },
    },
    () => ({ status: 'ok' }),
  );
  app.get(
    '/ready',
    {
      config: { rateLimit: false },
      schema: {
        tags: ['operations'],
        summary: 'Readiness: the database answers',
        response: { 200: Status, 503: Status },
      },
    },
    async (_request, reply) =>
      (await core.isReady()) ? { status: 'ready' } : reply.code(503).send({ status: 'database unreachable' }),
  );
}
