/** Voice apps (seed 04's `App`): so far the `REALTIME10` package, a call driven live from the tenant's URL. */

/** Seed 04's `App.Package.name` values Voxgate serves; the other three come with the platform issue. */
export const APP_PACKAGES = ['REALTIME10'] as const;
export type AppPackage = (typeof APP_PACKAGES)[number];

export const REALTIME_DATA_FORMATS = ['JSON'] as const;
export type RealtimeDataFormat = (typeof REALTIME_DATA_FORMATS)[number];

/** Seed 04's `REALTIME10` as a tenant reads it back: the password is never read back. */
export interface RealtimeParams {
  readonly url: string;
  /** HTTP Basic login; null: requests go without Authorization. */
  readonly login: string | null;
  readonly passwordSet: boolean;
  readonly dataFormat: RealtimeDataFormat;
}

/** A number routed to the app. */
export interface AppNumber {
  readonly number: string;
  /** Seed 04's DID hash. */
  readonly hash: string;
}

export interface App {
  readonly hash: string;
  readonly accountId: number;
  readonly name: string;
  readonly package: AppPackage;
  readonly params: RealtimeParams;
  /** Seed 04's `did`: the numbers routed to it, in number order. */
  readonly numbers: readonly AppNumber[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface RealtimeParamsInput {
  readonly url?: string;
  /** null removes the login, and the password with it. */
  readonly login?: string | null;
  /** null removes the password. */
  readonly password?: string | null;
  readonly dataFormat?: RealtimeDataFormat;
}

export interface NewApp {
  readonly name: string;
  readonly package: AppPackage;
  readonly params: RealtimeParamsInput & { readonly url: string };
}

/** Given properties replace the stored ones, others stay; so do the given properties of `params`. */
export interface AppChanges {
  readonly name?: string;
  readonly params?: RealtimeParamsInput;
}

/** What a real-time call needs of its app: where to post, how to sign in. Core's eyes only. */
export interface RealtimeTarget {
  readonly hash: string;
  readonly name: string;
  readonly url: string;
  readonly login: string | null;
  readonly password: string | null;
}
