/** OpenAPI 3.1 generated from the routes' TypeBox schemas, at `/openapi.json`, with docs at `/docs`. */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { ACTION_SCHEMAS } from '../../scenario/schemas/index.js';

export interface OpenApiOptions {
  readonly publicUrl: string;
  readonly version: string;
}

export async function registerOpenApi(app: FastifyInstance, options: OpenApiOptions): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Voxgate',
        version: options.version,
        description:
          'Self-hosted IVR and voice-campaign platform. Each API dialect (receptionists, scenarios, custom IVRs, ' +
          'voice platform JSON-RPC, contacts and campaigns) shares one set of credentials.',
      },
      servers: [{ url: options.publicUrl }],
      components: {
        // The scenario language's actions: the same TypeBox schemas the compiler validates with.
        schemas: Object.fromEntries(
          Object.entries(ACTION_SCHEMAS).map(([kind, schema]) => [
            `ScenarioAction.${kind}`,
            schema as object,
          ]),
        ),
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'API key or session token' },
          basic: { type: 'http', scheme: 'basic', description: 'login (or e-mail) and password' },
          accessTokenHeader: { type: 'apiKey', in: 'header', name: 'X-Access-Token' },
          authenticationTokenHeader: { type: 'apiKey', in: 'header', name: 'X-Authentication-Token' },
          accessTokenQuery: { type: 'apiKey', in: 'query', name: 'access_token' },
        },
      },
      security: [
        { bearer: [] },
        { basic: [] },
        { accessTokenHeader: [] },
        { authenticationTokenHeader: [] },
        { accessTokenQuery: [] },
      ],
    },
  });
  app.get('/openapi.json', { schema: { hide: true }, config: { rateLimit: false } }, () => app.swagger());
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list' } });
}
