/**
 * Finds the credential a request carries, in every form the seeds use
 * (API.md, "All dialects share one authentication layer").
 */

export type Credential =
  | { readonly kind: 'token'; readonly token: string }
  | { readonly kind: 'password'; readonly login: string; readonly password: string };

export type CredentialReading =
  | { readonly ok: true; readonly credential: Credential | null }
  | { readonly ok: false; readonly reason: string };

/** Authorization schemes that carry a bare token, lower-cased. */
const TOKEN_SCHEMES = new Set(['bearer', 'app', 'api-key', 'session']);

export interface CredentialSources {
  readonly authorization?: string | undefined;
  readonly accessTokenHeader?: string | undefined;
  readonly authenticationTokenHeader?: string | undefined;
  readonly queryAccessToken?: unknown;
  readonly bodyAccessToken?: unknown;
}

function fromAuthorization(value: string): Credential | string {
  const space = value.indexOf(' ');
  if (space <= 0) return 'the Authorization header has no scheme';
  const scheme = value.slice(0, space).toLowerCase();
  const rest = value.slice(space + 1).trim();
  if (rest === '') return 'the Authorization header has no credentials';
  if (TOKEN_SCHEMES.has(scheme)) return { kind: 'token', token: rest };
  if (scheme === 'basic') {
    const decoded = Buffer.from(rest, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) return 'Basic credentials must be base64 of login:password';
    return { kind: 'password', login: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  return `the Authorization scheme "${value.slice(0, space)}" is not supported`;
}

function sameCredential(a: Credential, b: Credential): boolean {
  if (a.kind === 'token' && b.kind === 'token') return a.token === b.token;
  if (a.kind === 'password' && b.kind === 'password') return a.login === b.login && a.password === b.password;
  return false;
}

/**
 * Reads at most one credential. The same secret repeated in two places is one
 * credential; two different ones are refused, so a request never acts for two
 * tenants at once.
 */
export function readCredential(sources: CredentialSources): CredentialReading {
  const found: Credential[] = [];
  if (sources.authorization !== undefined && sources.authorization !== '') {
    const parsed = fromAuthorization(sources.authorization);
    if (typeof parsed === 'string') return { ok: false, reason: parsed };
    found.push(parsed);
  }
  for (const value of [
    sources.accessTokenHeader,
    sources.authenticationTokenHeader,
    sources.queryAccessToken,
    sources.bodyAccessToken,
  ]) {
    if (value === undefined || value === null || value === '') continue;
    if (typeof value !== 'string') return { ok: false, reason: 'access_token must be a string' };
    found.push({ kind: 'token', token: value.trim() });
  }
  const first = found[0];
  if (first === undefined) return { ok: true, credential: null };
  if (found.some((c) => !sameCredential(c, first))) {
    return { ok: false, reason: 'the request carries two different credentials' };
  }
  return { ok: true, credential: first };
}
