/**
 * What makes a dialect a dialect at the HTTP edge: its error body. Each
 * dialect plugin calls {@link installDialect} in its own encapsulated
 * context, so its routes, its 404s and its auth failures all answer in the
 * seed's shape.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RouteNotFound, type VoxgateError } from '../../errors.js';
import type { Access, Authenticator } from './authenticate.js';
import { normalizeError } from './normalize-error.js';

export interface RenderedError {
  readonly body: unknown;
  /** Defaults to the error's own status. */
  readonly statusCode?: number;
}

export type ErrorRenderer = (error: VoxgateError, request: FastifyRequest) => RenderedError;

export interface DialectOptions {
  readonly render: ErrorRenderer;
  readonly authenticator: Authenticator;
  /** Who the dialect's routes serve unless a route's `config.access` says otherwise. */
  readonly access: Access;
}

export function sendError(reply: FastifyReply, error: VoxgateError, render: ErrorRenderer): FastifyReply {
  const rendered = render(error, reply.request);
  const retryAfter = error.details['retryAfterSeconds'];
  if (typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
  return reply.code(rendered.statusCode ?? error.statusCode).send(rendered.body);
}

export function installDialect(app: FastifyInstance, options: DialectOptions): void {
  app.addHook('preValidation', options.authenticator.hook(options.access));
  app.setErrorHandler((error, request, reply) =>
    sendError(reply, normalizeError(error, request), options.render),
  );
  app.setNotFoundHandler({ preValidation: options.authenticator.hook(options.access) }, () => {
    throw RouteNotFound();
  });
}
