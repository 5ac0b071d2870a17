/**
 * The core services, wired over one database. The API, the CLI and the
 * workers reach storage only through these.
 */
import { isDatabaseReachable, type Db } from '../db/database.js';
import { createAccountsService } from './accounts/service.js';
import { createCredentialsService } from './credentials/service.js';
import { createScenariosService } from './scenarios/service.js';
import { systemClock, type Clock } from './shared/clock.js';

export interface CoreOptions {
  readonly db: Db;
  readonly clock?: Clock;
  readonly sessionTtlSeconds?: number;
  readonly sessionRefreshSeconds?: number;
}

export type Core = ReturnType<typeof createCore>;

export function createCore(options: CoreOptions) {
  const clock = options.clock ?? systemClock;
  const accounts = createAccountsService({ db: options.db, clock });
  const credentials = createCredentialsService({
    db: options.db,
    clock,
    sessionTtlSeconds: options.sessionTtlSeconds ?? 3600,
    sessionRefreshSeconds: options.sessionRefreshSeconds ?? 86400,
  });
  const scenarios = createScenariosService({ db: options.db, clock });
  return {
    accounts,
    credentials,
    scenarios,
    /** True when storage answers: the readiness probe. */
    isReady: (): Promise<boolean> => isDatabaseReachable(options.db),
  };
}
