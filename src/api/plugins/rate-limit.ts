/**
 * Per-credential rate limit (API.md: 429 with `Retry-After`). It runs after
 * authentication, so each API key or session has its own budget; requests
 * without a credential count against their address.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { RateLimited } from '../../errors.js';

export interface RateLimitOptions {
  readonly perMinute: number;
}

export async function registerRateLimit(app: FastifyInstance, options: RateLimitOptions): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    hook: 'preHandler',
    max: options.perMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => request.principal?.credentialId ?? `ip:${request.ip}`,
    errorResponseBuilder: (_request, context) =>
      RateLimited({
        message: `rate limit of ${context.max} requests per minute exceeded`,
        details: { retryAfterSeconds: Math.max(1, Math.ceil(context.ttl / 1000)), limit: context.max },
      }),
  });
}
