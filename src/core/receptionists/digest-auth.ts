/**
 * HTTP Digest access authentication, client side, as RFC 7616 defines it: read the server's
 * `WWW-Authenticate: Digest ...` challenges, pick the strongest one we can answer (SHA-256 before MD5,
 * each possibly `-sess`), and build the `Authorization` header for `qop=auth`.
 *
 * `qop=auth-int` (a hash of the body) is not offered by us: a challenge that allows only it, or no qop
 * at all (RFC 2069's legacy form, which RFC 7616 drops), is not answered.
 */
import { createHash, randomBytes } from 'node:crypto';

export interface DigestChallenge {
  readonly realm: string;
  readonly nonce: string;
  readonly opaque: string | null;
  readonly algorithm: DigestAlgorithm;
  readonly userhash: boolean;
}

export type DigestAlgorithm = 'MD5' | 'MD5-sess' | 'SHA-256' | 'SHA-256-sess';

/** Strongest first: the order the RFC asks a client to prefer (section 3.7). */
const PREFERENCE: readonly DigestAlgorithm[] = ['SHA-256-sess', 'SHA-256', 'MD5-sess', 'MD5'];

interface RawChallenge {
  readonly scheme: string;
  readonly params: ReadonlyMap<string, string>;
}

const TOKEN = /[!#$%&'*+.^_`|~0-9A-Za-z-]+/y;
const SPACES = /[ \t]*/y;

/**
 * Splits one or more `WWW-Authenticate` values into challenges (RFC 9110 section 11.6.1): a scheme
 * token, then comma-separated `name=value` parameters whose value is a token or a quoted string. A
 * token not followed by `=` starts the next challenge. Malformed input ends the parse with what was read.
 */
export function parseChallenges(values: readonly string[]): RawChallenge[] {
  const challenges: RawChallenge[] = [];
  for (const value of values) {
    let at = 0;
    let current: { scheme: string; params: Map<string, string> } | null = null;
    const skipSpaces = (): void => {
      SPACES.lastIndex = at;
      SPACES.exec(value);
      at = SPACES.lastIndex;
    };
    const token = (): string | null => {
      TOKEN.lastIndex = at;
      const match = TOKEN.exec(value);
      if (match === null) return null;
      at = TOKEN.lastIndex;
      return match[0];
    };
    const quoted = (): string | null => {
      let text = '';
      for (at += 1; at < value.length; at += 1) {
        const char = value[at] as string;
        if (char === '"') {
          at += 1;
          return text;
        }
        if (char === '\\') {
          at += 1;
          if (at >= value.length) return null;
        }
        text += value[at] as string;
      }
      return null;
    };
    for (;;) {
      skipSpaces();
      while (value[at] === ',') {
        at += 1;
        skipSpaces();
      }
      if (at >= value.length) break;
      const name = token();
      if (name === null) break;
      skipSpaces();
      if (value[at] === '=' && current !== null) {
        at += 1;
        skipSpaces();
        const paramValue = value[at] === '"' ? quoted() : token();
        if (paramValue === null) break;
        current.params.set(name.toLowerCase(), paramValue);
        continue;
      }
      // A scheme: the next challenge begins (its parameters follow without a comma).
      current = { scheme: name.toLowerCase(), params: new Map() };
      challenges.push(current);
    }
  }
  return challenges;
}

function asAlgorithm(text: string | undefined): DigestAlgorithm | null {
  if (text === undefined) return 'MD5'; // RFC 7616 section 3.3: MD5 when absent.
  return PREFERENCE.find((algorithm) => algorithm.toLowerCase() === text.toLowerCase()) ?? null;
}

/** The challenge to answer among those of a 401, or null when none is one we can answer. */
export function chooseDigestChallenge(values: readonly string[]): DigestChallenge | null {
  const usable: DigestChallenge[] = [];
  for (const challenge of parseChallenges(values)) {
    if (challenge.scheme !== 'digest') continue;
    const realm = challenge.params.get('realm');
    const nonce = challenge.params.get('nonce');
    const algorithm = asAlgorithm(challenge.params.get('algorithm'));
    const qops = (challenge.params.get('qop') ?? '').split(',').map((qop) => qop.trim().toLowerCase());
    if (realm === undefined || nonce === undefined || algorithm === null || !qops.includes('auth')) continue;
    usable.push({
      realm,
      nonce,
      opaque: challenge.params.get('opaque') ?? null,
      algorithm,
      userhash: challenge.params.get('userhash')?.toLowerCase() === 'true',
    });
  }
  usable.sort((a, b) => PREFERENCE.indexOf(a.algorithm) - PREFERENCE.indexOf(b.algorithm));
  return usable[0] ?? null;
}

function hashOf(algorithm: DigestAlgorithm): (text: string) => string {
  const name = algorithm.startsWith('SHA-256') ? 'sha256' : 'md5';
  return (text) => createHash(name).update(text, 'utf8').digest('hex');
}

/** A quoted-string's content: `"` and `\` escaped. */
function quote(text: string): string {
  return `"${text.replace(/[\\"]/g, '\\$&')}"`;
}

export interface DigestCredentials {
  readonly username: string;
  readonly password: string;
}

export interface DigestRequestLine {
  readonly method: string;
  /** The request target as sent: path and query. */
  readonly uri: string;
}

/**
 * The `Authorization` header answering `challenge` for one request (RFC 7616 section 3.4), with
 * nonce count 1: every action URL request starts afresh, so no nonce is reused.
 */
export function digestAuthorization(
  challenge: DigestChallenge,
  credentials: DigestCredentials,
  request: DigestRequestLine,
  cnonce: string = randomBytes(16).toString('hex'),
): string {
  const h = hashOf(challenge.algorithm);
  const nc = '00000001';
  const secret = h(`${credentials.username}:${challenge.realm}:${credentials.password}`);
  const ha1 = challenge.algorithm.endsWith('-sess') ? h(`${secret}:${challenge.nonce}:${cnonce}`) : secret;
  const ha2 = h(`${request.method}:${request.uri}`);
  const response = h(`${ha1}:${challenge.nonce}:${nc}:${cnonce}:auth:${ha2}`);
  const username = challenge.userhash
    ? h(`${credentials.username}:${challenge.realm}`)
    : credentials.username;
  const params = [
    `username=${quote(username)}`,
    `realm=${quote(challenge.realm)}`,
    `uri=${quote(request.uri)}`,
    `algorithm=${challenge.algorithm}`,
    `nonce=${quote(challenge.nonce)}`,
    `nc=${nc}`,
    `cnonce=${quote(cnonce)}`,
    'qop=auth',
    `response=${quote(response)}`,
    ...(challenge.opaque === null ? [] : [`opaque=${quote(challenge.opaque)}`]),
    ...(challenge.userhash ? ['userhash=true'] : []),
  ];
  return `Digest ${params.join(', ')}`;
}
