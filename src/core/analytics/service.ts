/** Calls and SMS analytics, as core exposes them (`core.analytics.calls`, `core.analytics.sms`). */
import type { Db } from '../../db/database.js';
import { createCallAnalytics } from './calls.js';
import { createSmsAnalytics } from './sms.js';

export type AnalyticsService = ReturnType<typeof createAnalyticsService>;

export function createAnalyticsService({ db }: { readonly db: Db }) {
  return { calls: createCallAnalytics({ db }), sms: createSmsAnalytics({ db }) };
}
