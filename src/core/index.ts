/**
 * The core services, wired over one database. The API, the CLI and the
 * workers reach storage only through these.
 */
import { hostname } from 'node:os';
import { isDatabaseReachable, type Db } from '../db/database.js';
import { createAccountsService } from './accounts/service.js';
import { createAppsService } from './apps/service.js';
import { createCallRecordService } from './calls/call-record-service.js';
import { noLiveCalls, type LiveCallControl } from './calls/live-call-control.js';
import { createCallsService } from './calls/service.js';
import { createCdrService } from './cdr/service.js';
import { createAnalyticsService } from './analytics/service.js';
import { createInboundCalls } from './calls/inbound-calls.js';
import { createCredentialsService } from './credentials/service.js';
import { createMessagingService } from './messaging/service.js';
import { createInboundResolver } from './numbers/resolve-inbound.js';
import { createNumbersService } from './numbers/service.js';
import { createDeliveryLog } from './webhooks/delivery-log.js';
import { createWebhooksService } from './webhooks/service.js';
import { createActionUrlSender, type ActionUrlResult } from './receptionists/action-url-sender.js';
import { createReceptionistsService } from './receptionists/service.js';
import { createOutbox } from './events/outbox.js';
import { createScenariosService } from './scenarios/service.js';
import type { AddressPolicy } from './outbound/address-policy.js';
import { createHttpExchangeClient } from './outbound/http-exchange-client.js';
import type { OutboundAddressRefused } from './outbound/outbound-connector.js';
import { createSimulationsService } from './simulations/service.js';
import type { CompileOptions } from '../scenario/compiler/index.js';
import type { RunSettings } from '../scenario/interpreter/run-settings.js';
import type { HttpClient } from '../scenario/interpreter/services.js';
import { systemClock, type Clock } from './shared/clock.js';

export interface CoreOptions {
  readonly db: Db;
  readonly clock?: Clock;
  readonly sessionTtlSeconds?: number;
  readonly sessionRefreshSeconds?: number;
  /** The client Call API uses; the real one by default. */
  readonly http?: HttpClient;
  /** What the Call API client made here may reach (public addresses only when absent). */
  readonly outboundPolicy?: AddressPolicy;
  readonly onOutboundRefused?: (refused: OutboundAddressRefused) => void;
  /** Told of every receptionist action URL request's outcome, for the log. */
  readonly onActionUrlResult?: (result: ActionUrlResult) => void;
  /** Compile-time limits and add-ons of the scenario language (its defaults otherwise). */
  readonly scenarioCompile?: CompileOptions;
  /** Run-time budgets of calls and simulations (the language's defaults otherwise). */
  readonly scenarioRun?: Partial<RunSettings>;
  /** Hangs up calls in progress (the telephony layer's); without it, this node holds no calls. */
  readonly liveCalls?: LiveCallControl;
  /** This node's id on the call records it writes; the host name by default. */
  readonly nodeId?: string;
  /** Told when a call's scenario run fails with an exception (a bug), for the log. */
  readonly onCallRunFailed?: (callId: string, error: unknown) => void;
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
  const scenarios = createScenariosService({
    db: options.db,
    clock,
    ...(options.scenarioCompile === undefined ? {} : { compileOptions: options.scenarioCompile }),
  });
  const ownHttp =
    options.http === undefined
      ? createHttpExchangeClient({
          ...(options.outboundPolicy === undefined ? {} : { policy: options.outboundPolicy }),
          ...(options.onOutboundRefused === undefined ? {} : { onRefused: options.onOutboundRefused }),
        })
      : null;
  const simulations = createSimulationsService({
    scenarios,
    http: options.http ?? (ownHttp as HttpClient),
    ...(options.scenarioRun === undefined ? {} : { settings: options.scenarioRun }),
  });
  const inbound = createInboundResolver({ db: options.db, scenarios });
  const outbox = createOutbox({ db: options.db, clock });
  const callRecords = createCallRecordService({
    db: options.db,
    clock,
    nodeId: options.nodeId ?? hostname(),
    outbox,
  });
  const messaging = createMessagingService({ db: options.db, clock });
  const receptionists = createReceptionistsService({ db: options.db, clock });
  const actionUrls = createActionUrlSender({
    ...(options.outboundPolicy === undefined ? {} : { policy: options.outboundPolicy }),
    ...(options.onOutboundRefused === undefined ? {} : { onRefused: options.onOutboundRefused }),
    ...(options.onActionUrlResult === undefined ? {} : { onResult: options.onActionUrlResult }),
  });
  return {
    accounts,
    credentials,
    scenarios,
    simulations,
    numbers: createNumbersService({ db: options.db, clock, outbox }),
    webhooks: createWebhooksService({ db: options.db, clock }),
    /** Voice apps (REALTIME10): the URLs real-time calls are driven from. */
    apps: createAppsService({ db: options.db, clock }),
    outbox,
    /** The webhook delivery log, and redelivery on request. */
    deliveryLog: createDeliveryLog({ db: options.db, outbox }),
    /** Inbound routing: `resolveInbound(dialled)`. */
    inbound,
    /** Call records, written as calls go: open, answered, ended, closeOrphans. */
    callRecords,
    /** The telephony layer's InboundCallHandler: routing, call records and the scenario run. */
    inboundCalls: createInboundCalls({
      inbound,
      callRecords,
      messaging,
      db: options.db,
      outbox,
      receptionists,
      actionUrls,
      http: options.http ?? (ownHttp as HttpClient),
      ...(options.scenarioRun === undefined ? {} : { settings: options.scenarioRun }),
      ...(options.onCallRunFailed === undefined ? {} : { onRunFailed: options.onCallRunFailed }),
    }),
    /** Call records as tenants read them, and hanging up live calls. */
    calls: createCallsService({ db: options.db, liveCalls: options.liveCalls ?? noLiveCalls }),
    /** CDR search and the unpaged CDR read (seed 04's CDR.In / CDR.Out). */
    cdr: createCdrService({ db: options.db }),
    /** Analytics.Calls.* and Analytics.SMS.*, aggregated by the database. */
    analytics: createAnalyticsService({ db: options.db }),
    messaging,
    /** Receptionists (seed 01) and their action URLs; the menu runner reads `menuOf`. */
    receptionists,
    /** Sends receptionist action URLs in the background (`fire`) through the outbound guard. */
    actionUrls,
    /** Releases what core holds besides the database (outbound connections). */
    close: async (): Promise<void> => {
      await ownHttp?.close();
      await actionUrls.close();
    },
    /** True when storage answers: the readiness probe. */
    isReady: (): Promise<boolean> => isDatabaseReachable(options.db),
  };
}
