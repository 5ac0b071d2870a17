export const AccountStatus = { active: 'active', disabled: 'disabled' } as const;
export type AccountStatus = (typeof AccountStatus)[keyof typeof AccountStatus];

export interface Account {
  readonly id: number;
  readonly parentId: number | null;
  readonly name: string;
  readonly status: AccountStatus;
  readonly maxSubaccounts: number;
  /** Whether the account takes inbound calls (refused with SIP 403 when false); the operator sets it. */
  readonly inboundCalls: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface User {
  readonly id: number;
  readonly accountId: number;
  readonly login: string;
  readonly email: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The tenant a request acts for, as resolved from its credential. */
export interface Tenant {
  readonly accountId: number;
  readonly parentId: number | null;
}
