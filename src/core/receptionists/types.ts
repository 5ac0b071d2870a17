/** Seed 01's receptionist (a minimal menu, docs/receptionists.md) and its action URLs, as core sees them. */

export const ACTION_URL_TYPES = ['DTMF', 'CALLER'] as const;
export type ActionUrlType = (typeof ACTION_URL_TYPES)[number];
export const ACTION_URL_METHODS = ['GET', 'POST'] as const;
export type ActionUrlMethod = (typeof ACTION_URL_METHODS)[number];
export const ACTION_URL_AUTHS = ['DISABLE', 'BASIC', 'DIGEST', 'BEARER'] as const;
export type ActionUrlAuth = (typeof ACTION_URL_AUTHS)[number];

/** Keys a menu option can use. */
export const MENU_KEYS = '0123456789*#';

export interface Greeting {
  /** Said with text-to-speech; null when `url` is played instead. */
  readonly text: string | null;
  readonly language: string;
  readonly voice: string | null;
  /** An http(s) media URL; null when `text` is said. */
  readonly url: string | null;
}

export interface Receptionist {
  /** The stored decimal id; the API shows it as base64. */
  readonly id: string;
  readonly accountId: number;
  readonly name: string;
  readonly greeting: Greeting;
  /** Key (`0-9*#`) -> scenario id. */
  readonly options: Readonly<Record<string, string>>;
  /** Seconds the menu waits for the first key after the greeting. */
  readonly timeoutS: number;
  /** Greetings repeated after no input or an invalid one, before hanging up. */
  readonly maxRepeats: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface ReceptionistInput {
  readonly name?: string;
  readonly greeting?: {
    readonly text?: string;
    readonly language?: string;
    readonly voice?: string;
    readonly url?: string;
  };
  readonly options?: Readonly<Record<string, string>>;
  readonly timeoutS?: number;
  readonly maxRepeats?: number;
}

export interface ActionUrl {
  readonly id: string;
  readonly receptionistId: string;
  readonly accountId: number;
  readonly name: string | null;
  readonly enabled: boolean;
  /** Null: never fires. */
  readonly type: ActionUrlType | null;
  /** Null: sent as POST. */
  readonly method: ActionUrlMethod | null;
  /** A JSON object of header name -> value, as submitted. */
  readonly headers: string | null;
  readonly callerMask: string | null;
  readonly dtmfMask: string | null;
  readonly connectionTimeout: number;
  readonly requestTimeout: number;
  readonly auth: ActionUrlAuth;
  readonly username: string | null;
  readonly password: string | null;
  readonly token: string | null;
  /** Null: never fires. */
  readonly url: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The seed's fields as a request gives them; what is absent keeps its default (create) or value (update). */
export interface ActionUrlInput {
  readonly name?: string;
  readonly enabled?: boolean;
  readonly type?: ActionUrlType;
  readonly method?: ActionUrlMethod;
  readonly headers?: string;
  readonly callerMask?: string;
  readonly dtmfMask?: string;
  readonly connectionTimeout?: number;
  readonly requestTimeout?: number;
  readonly auth?: ActionUrlAuth;
  readonly username?: string;
  readonly password?: string;
  readonly token?: string;
  readonly url?: string;
}
