/**
 * The one authentication layer of every dialect: reads the request's
 * credential, resolves it to exactly one principal, and refuses the request
 * with 401 when the route needs one it does not have.
 */
import type { FastifyRequest, preValidationAsyncHookHandler } from 'fastify';
import { AuthenticationRequired } from '../../errors.js';
import type { Core } from '../../core/index.js';
import type { Principal, TenantPrincipal } from '../../core/credentials/types.js';
import { readCredential } from './read-credential.js';

/** Who may call a route: a tenant's credential, the operator key, or anyone. */
export type Access = 'tenant' | 'operator' | 'public';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    access?: Access;
    /** False where a body field named `access_token` is data, not a credential. */
    bodyAccessToken?: false;
  }
}

export interface Authenticator {
  hook(defaultAccess: Access): preValidationAsyncHookHandler;
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Takes `access_token` out of a parsed body so body schemas never see it. */
function takeBodyToken(request: FastifyRequest): unknown {
  const body = request.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !('access_token' in body))
    return undefined;
  const record = body as Record<string, unknown>;
  const token = record['access_token'];
  delete record['access_token'];
  return token;
}

export function createAuthenticator(core: Core): Authenticator {
  async function resolve(request: FastifyRequest): Promise<Principal | null> {
    const query = request.query as Record<string, unknown> | undefined;
    const reading = readCredential({
      authorization: header(request, 'authorization'),
      accessTokenHeader: header(request, 'x-access-token'),
      authenticationTokenHeader: header(request, 'x-authentication-token'),
      queryAccessToken: query?.['access_token'],
      bodyAccessToken:
        request.routeOptions.config.bodyAccessToken === false ? undefined : takeBodyToken(request),
    });
    if (query !== undefined && typeof query === 'object') delete query['access_token'];
    if (!reading.ok) throw AuthenticationRequired({ message: reading.reason });
    const credential = reading.credential;
    if (credential === null) return null;
    const principal =
      credential.kind === 'token'
        ? await core.credentials.authenticateToken(credential.token)
        : await core.credentials.authenticatePassword(credential.login, credential.password);
    if (principal === null) throw AuthenticationRequired();
    return principal;
  }

  return {
    hook(defaultAccess) {
      return async (request) => {
        const access = request.routeOptions.config.access ?? defaultAccess;
        request.principal = await resolve(request);
        if (access === 'public') return;
        if (request.principal === null) throw AuthenticationRequired();
        if (request.principal.kind !== access) {
          throw AuthenticationRequired({
            message:
              access === 'operator'
                ? 'this route needs the operator key'
                : 'this route needs a tenant credential',
          });
        }
      };
    },
  };
}

/** The tenant principal of a route that required one. */
export function tenantOf(request: FastifyRequest): TenantPrincipal {
  const principal = request.principal;
  if (principal?.kind !== 'tenant') throw new Error('tenant route reached without a tenant principal');
  return principal;
}
