/**
 * The HTTP application: one Fastify instance with every dialect of API.md
 * mounted as its own encapsulated plugin. `buildApp` never listens, so tests
 * drive it with `inject()`.
 */
import { randomUUID } from 'node:crypto';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Core } from '../core/index.js';
import { registerContactsDialect } from './contacts-campaigns/index.js';
import { registerCustomIvrsDialect } from './custom-ivrs/index.js';
import { registerHealthRoutes } from './own/health.js';
import { registerOwnDialect } from './own/index.js';
import { renderOwnError } from './own/format.js';
import { createAuthenticator } from './plugins/authenticate.js';
import { sendError } from './plugins/dialect.js';
import { trackInFlight } from './plugins/in-flight.js';
import { registerMetrics } from './plugins/metrics.js';
import { normalizeError } from './plugins/normalize-error.js';
import { registerOpenApi } from './plugins/openapi.js';
import { registerRateLimit } from './plugins/rate-limit.js';
import { validatorCompiler } from './plugins/validation.js';
import { registerReceptionistsDialect } from './receptionists/index.js';
import { registerScenariosDialect } from './scenarios/index.js';
import { RouteNotFound } from '../errors.js';
import { registerVoicePlatformDialect } from './voice-platform/index.js';

export interface AppOptions {
  readonly core: Core;
  readonly logger: Logger | false;
  readonly rateLimitPerMinute: number;
  readonly bodyLimitBytes: number;
  readonly publicUrl: string;
  readonly version: string;
  /** Heap and event-loop metrics; off where many apps share a process. */
  readonly collectProcessMetrics?: boolean;
}

/** A route as registered: the isolation tests check every one of them. */
export interface RouteEntry {
  readonly method: string;
  readonly url: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route of the app, in registration order. */
    voxgateRoutes: readonly RouteEntry[];
  }
}

/** A request id the client sent is kept when it is short and plain, so logs on both sides match. */
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const common = {
    bodyLimit: options.bodyLimitBytes,
    requestIdHeader: false as const,
    genReqId: (request: { headers: Record<string, string | string[] | undefined> }) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && CLIENT_REQUEST_ID.test(given) ? given : randomUUID();
    },
    return503OnClosing: true,
    forceCloseConnections: 'idle' as const,
  };
  const app: FastifyInstance =
    options.logger === false
      ? Fastify({ ...common, logger: false })
      : (Fastify({ ...common, loggerInstance: options.logger }) as unknown as FastifyInstance);
  const routes: RouteEntry[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
  app.decorate('voxgateRoutes', routes);
  trackInFlight(app);
  app.setValidatorCompiler(validatorCompiler);
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  // While stopping, answers close their connection: 'idle' force-closing only reaches connections idle when
  // close() began, so a keep-alive client of an in-flight request would otherwise hold the stop open.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) void reply.header('connection', 'close');
  });
  app.setErrorHandler((error, request, reply) =>
    sendError(reply, normalizeError(error, request), renderOwnError),
  );
  app.setNotFoundHandler(() => {
    throw RouteNotFound();
  });

  await app.register(formbody);
  await registerOpenApi(app, { publicUrl: options.publicUrl, version: options.version });
  registerMetrics(app, { collectProcessMetrics: options.collectProcessMetrics ?? false });
  await registerRateLimit(app, { perMinute: options.rateLimitPerMinute });
  registerHealthRoutes(app, options.core);

  const authenticator = createAuthenticator(options.core);
  await registerOwnDialect(app, { core: options.core, authenticator });
  await registerReceptionistsDialect(app, options.core, authenticator);
  await registerScenariosDialect(app, options.core, authenticator);
  await registerCustomIvrsDialect(app, authenticator);
  await registerVoicePlatformDialect(app, options.core, authenticator);
  await registerContactsDialect(app, options.core, authenticator);
  return app;
}
