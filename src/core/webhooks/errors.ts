import { defineError } from '../../errors.js';

export const WebhookNotFound = defineError('VG_ERR_WEBHOOKS_NOT_FOUND', 404, 'webhook not found');
/** The operator turned the subscription off; the tenant cannot turn it back on (CALLR-METHODS.md 5.1). */
export const WebhookDisabledByOperator = defineError(
  'VG_ERR_WEBHOOKS_DISABLED_ADMIN',
  409,
  'the operator disabled this webhook; it cannot be enabled by the account',
);
/** Redelivery named an event the account does not have, or one no endpoint was ever sent. */
export const WebhookEventNotFound = defineError(
  'VG_ERR_WEBHOOKS_EVENT_NOT_FOUND',
  404,
  'event not found, or never sent to an endpoint',
);
