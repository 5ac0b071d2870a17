/**
 * Seed 04, the voice platform's JSON-RPC API, at `POST /json-rpc/v1.1/`
 * (CALLR-METHODS.md section 1). Authentication failures and rate limiting are
 * HTTP-level (401, 429); every other reply is HTTP 200 with an envelope.
 */
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../core/index.js';
import { MethodNotAllowed, ValidationFailed } from '../../errors.js';
import type { Authenticator } from '../plugins/authenticate.js';
import { installDialect } from '../plugins/dialect.js';
import { dispatchOne } from './dispatch.js';
import { MAX_BATCH, buildError } from './envelope.js';
import { renderRpcTransportError } from './format.js';

/** Base64 audio travels in bodies (CALLR-METHODS.md section 1.1). */
const RPC_BODY_LIMIT_BYTES = 32 * 1024 * 1024;

export async function registerVoicePlatformDialect(
  app: FastifyInstance,
  core: Core,
  authenticator: Authenticator,
): Promise<void> {
  await app.register(
    async (dialect) => {
      installDialect(dialect, { render: renderRpcTransportError, authenticator, access: 'tenant' });
      // The SDKs send application/json-rpc; some older clients application/jsonrequest.
      dialect.addContentTypeParser(
        ['application/json-rpc', 'application/jsonrequest'],
        { parseAs: 'string' },
        dialect.getDefaultJsonParser('error', 'error'),
      );

      dialect.post(
        '/v1.1/',
        {
          bodyLimit: RPC_BODY_LIMIT_BYTES,
          // Methods such as session.refresh take no credential; dispatch checks each method.
          config: { access: 'public', bodyAccessToken: false },
          schema: {
            tags: ['voice-platform'],
            summary: 'JSON-RPC 2.0 endpoint of the voice platform (methods: CALLR-METHODS.md)',
          },
        },
        async (request, reply) => {
          const options = {
            context: { core, principal: request.principal },
            requestId: request.id,
            onInternalError: (error: unknown) => request.log.error({ err: error }, 'json-rpc method failed'),
          };
          const contentType = String(request.headers['content-type'] ?? 'application/json').split(';')[0];
          void reply.type(`${contentType}; charset=utf-8`);
          const body = request.body;
          if (Array.isArray(body)) {
            if (body.length === 0 || body.length > MAX_BATCH) {
              return buildError('2.0', null, {
                code: -32600,
                message: 'Invalid request',
                data: {
                  type: 'INVALID_REQUEST',
                  property: null,
                  details: `a batch holds 1 to ${MAX_BATCH} requests`,
                },
              });
            }
            const replies = [];
            for (const item of body) {
              const one = await dispatchOne(item, options);
              if (one !== undefined) replies.push(one);
            }
            return replies.length === 0 ? reply.code(204).send() : replies;
          }
          if (body === undefined || body === null)
            throw ValidationFailed({ issues: [{ path: ['body'], rule: 'json', message: 'is empty' }] });
          const one = await dispatchOne(body, options);
          return one === undefined ? reply.code(204).send() : one;
        },
      );

      dialect.route({
        method: ['GET', 'PUT', 'DELETE', 'PATCH'],
        url: '/v1.1/',
        schema: { hide: true },
        handler: async (_request, reply) => {
          void reply.header('allow', 'POST');
          throw MethodNotAllowed();
        },
      });
    },
    { prefix: '/json-rpc' },
  );
}
