import type { Tenant } from '../accounts/types.js';

/** Who a request acts for, resolved from exactly one credential. */
export type Principal =
  | { readonly kind: 'operator'; readonly credentialId: string }
  | {
      readonly kind: 'tenant';
      readonly tenant: Tenant;
      /** Stable per credential (`key:12`, `session:5`, `user:3`): the rate-limit bucket. */
      readonly credentialId: string;
      readonly via: 'api-key' | 'session' | 'password';
      readonly userId: number | null;
      readonly sessionId: number | null;
    };

export type TenantPrincipal = Extract<Principal, { kind: 'tenant' }>;

export interface ApiKeyInfo {
  readonly id: number;
  readonly accountId: number | null;
  readonly prefix: string;
  readonly name: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

/** A key as created: the only moment its secret is known. */
export interface CreatedApiKey {
  readonly key: string;
  readonly info: ApiKeyInfo;
}

/** `Authentication.Session` of the voice-platform seed. */
export interface SessionTokens {
  readonly token: string;
  readonly validUntil: string;
  readonly refreshToken: string;
  readonly refreshableUntil: string;
}
