/** Webhook subscriptions (seed 04's `Webhook`; CALLR-METHODS.md section 5.1). */

/** The event types a subscription can name (CALLR-METHODS.md section 5.1). */
export const WEBHOOK_EVENT_TYPES = [
  'billing.credit',
  'billing.credit_warning',
  'billing.credit_shutdown',
  'call.inbound_start',
  'call.inbound_hangup',
  'call.outbound_start',
  'call.outbound_hangup',
  'did.assigned',
  'did.unassigned',
  'job.status_update',
  'media.library.status_update',
  'media.recording.new',
  'media.recording.status_update',
  'sms.mo',
  'sms.mt.status_update',
  // Voxgate's own, not the platform's: what an action of a call's scenario produced, and a
  // subscription the delivery turned DISABLED_SYSTEM.
  'scenario.action_result',
  'webhook.disabled',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const HMAC_ALGOS = ['MD5', 'SHA1', 'SHA256', 'SHA512'] as const;
export type HmacAlgo = (typeof HMAC_ALGOS)[number];

export const WEBHOOK_FORMATS = ['JSON'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

export const WEBHOOK_STATUSES = ['ENABLED', 'DISABLED', 'DISABLED_ADMIN', 'DISABLED_SYSTEM'] as const;
export type WebhookStatus = (typeof WEBHOOK_STATUSES)[number];
/** What a tenant may set; the other two are the operator's and the delivery's. */
export type TenantWebhookStatus = Extract<WebhookStatus, 'ENABLED' | 'DISABLED'>;

export interface WebhookOptions {
  readonly format: WebhookFormat;
  readonly hmacAlgo: HmacAlgo;
  /** Whether a secret is set; the secret itself is never read back (delivery reads it from storage). */
  readonly hmacSecretSet: boolean;
}

export interface Webhook {
  readonly hash: string;
  readonly accountId: number;
  readonly type: WebhookEventType;
  readonly endpoint: string;
  readonly options: WebhookOptions;
  readonly status: WebhookStatus;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface WebhookOptionsInput {
  readonly format?: WebhookFormat;
  readonly hmacAlgo?: HmacAlgo;
  /** null removes the secret. */
  readonly hmacSecret?: string | null;
}

export interface NewWebhook {
  readonly type: WebhookEventType;
  readonly endpoint: string;
  readonly options?: WebhookOptionsInput;
}

export interface WebhookChanges {
  readonly endpoint?: string;
  readonly options?: WebhookOptionsInput;
  readonly status?: TenantWebhookStatus;
}
