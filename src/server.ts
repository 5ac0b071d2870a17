/**
 * The composition root of a running server: config -> database -> core -> API,
 * and the graceful stop. `main.ts` and `voxgate serve` call `startServer`.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApp } from './api/app.js';
import type { Config } from './config.js';
import { createCore, type Core } from './core/index.js';
import { openDatabase, type OpenDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { VERSION } from './version.js';
import { AddressPolicy } from './core/outbound/address-policy.js';
import { createWebhookDelivery } from './core/events/webhook-delivery.js';
import { createHttpExchangeClient } from './core/outbound/http-exchange-client.js';
import { createMediaFetcher } from './core/outbound/media-fetcher.js';
import { systemClock } from './core/shared/clock.js';
import type { OutboundAddressRefused } from './core/outbound/outbound-connector.js';
import { createLegPrompts } from './telephony/media/leg-prompts.js';
import { PromptCache } from './telephony/media/prompt-cache.js';
import { TelephonyServer } from './telephony/telephony-server.js';
import { createEspeakTtsProvider } from './telephony/tts/espeak-tts-provider.js';
import { createSayPromptLoader } from './telephony/tts/say-prompt-loader.js';
import path from 'node:path';

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly core: Core;
  readonly database: OpenDatabase;
  /** The address the API listens on, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  /** The operator key when this start generated it; it is never shown again. */
  readonly generatedAdminKey: string | null;
  readonly telephony: TelephonyServer;
  /**
   * Stops taking calls and requests: new INVITEs get 503, calls go on for up to
   * VOXGATE_DRAIN_SECONDS and are then hung up, in-flight requests finish, the database closes.
   */
  stop(): Promise<void>;
}

/** The scenario settings of section 8, as core's compile and run options. */
export function scenarioOptions(config: Config) {
  const limits = config.scenario;
  return {
    scenarioCompile: {
      limits: {
        maxScriptBytes: limits.maxScriptBytes,
        maxActions: limits.maxActions,
        maxDepth: limits.maxDepth,
        httpTimeoutS: limits.httpTimeoutS,
        maxCallDurationS: limits.maxCallDurationS,
      },
      addons: limits.addons,
    },
    scenarioRun: {
      maxSteps: limits.maxSteps,
      maxLoopIterations: limits.maxLoopIterations,
      maxGotoJumps: limits.maxGotoJumps,
      maxCallDurationMs: limits.maxCallDurationS * 1000,
      maxHttpRequests: limits.maxHttpRequests,
      maxSms: limits.maxSms,
    },
  };
}

/** Decoded prompts kept in memory, all codecs together. */
const PROMPT_CACHE_BYTES = 64 * 1024 * 1024;

export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const database = openDatabase(config.database, {
    onIdleClientError: (error) => logger.warn({ err: error }, 'PostgreSQL closed an idle connection'),
  });
  let telephony: TelephonyServer | null = null;
  try {
    const migrated = await migrateToLatest(database.db);
    if (migrated.applied.length > 0) logger.info({ applied: migrated.applied }, 'database migrated');
    const outboundPolicy = new AddressPolicy(config.outbound);
    const onOutboundRefused = (refused: OutboundAddressRefused): void =>
      logger.warn(
        { host: refused.host, address: refused.address },
        'outbound request refused: address not allowed',
      );
    const core = createCore({
      db: database.db,
      outboundPolicy,
      onOutboundRefused,
      sessionTtlSeconds: config.sessionTtlSeconds,
      sessionRefreshSeconds: config.sessionRefreshSeconds,
      nodeId: config.nodeId,
      liveCalls: { hangup: async (callId) => (telephony === null ? false : telephony.hangup(callId)) },
      onCallRunFailed: (callId, error) => logger.error({ callId, err: error }, 'scenario run failed'),
      onActionUrlResult: (result) =>
        result.outcome === 'SUCCESS'
          ? logger.info(result, 'action url sent')
          : logger.warn(result, 'action url failed'),
      ...scenarioOptions(config),
    });
    // Calls this node had up when it last stopped without a goodbye are ended before new ones come.
    const orphans = await core.callRecords.closeOrphans();
    if (orphans > 0) logger.warn({ calls: orphans }, 'closed call records left live by the last run');
    const { generated } = await core.credentials.ensureOperatorKey(config.adminKey);
    const app = await buildApp({
      core,
      logger,
      rateLimitPerMinute: config.rateLimitPerMinute,
      bodyLimitBytes: config.bodyLimitBytes,
      publicUrl: config.publicUrl,
      version: VERSION,
      collectProcessMetrics: true,
    });
    const url = await app.listen({ host: config.httpHost, port: config.httpPort });
    const fetcher = createMediaFetcher({ policy: outboundPolicy, onRefused: onOutboundRefused });
    const cache = new PromptCache({ maxBytes: PROMPT_CACHE_BYTES });
    const library = {
      cache,
      say: createSayPromptLoader({
        provider: createEspeakTtsProvider({ cacheDir: path.join(config.dataDir, 'tts-cache') }),
        prompts: cache,
      }),
      mediaDir: path.join(config.dataDir, 'media'),
      fetcher,
    };
    const started = await TelephonyServer.start({
      host: config.sipHost,
      port: config.sipPort,
      publicHost: config.sipPublicHost,
      mediaThreadPriority: config.mediaThreadPriority,
      rtpPorts: config.rtpPorts,
      handler: core.inboundCalls,
      prompts: (codec) => createLegPrompts(library, codec),
      log: logger.child({ component: 'telephony' }),
    });
    telephony = started;
    logger.info(
      { sip: `${config.sipHost}:${started.port}`, rtp: config.rtpPorts },
      'SIP listening (UDP and TCP)',
    );
    // Webhooks go out through a guarded client of their own, so a slow receiver never holds the
    // connections Call API needs.
    const webhookHttp = createHttpExchangeClient({ policy: outboundPolicy, onRefused: onOutboundRefused });
    const webhooks = createWebhookDelivery({
      db: database.db,
      clock: systemClock,
      outbox: core.outbox,
      http: webhookHttp,
      owner: `${config.nodeId}:${process.pid}:${randomBytes(4).toString('hex')}`,
      userAgent: `Voxgate/${VERSION}`,
      timeoutMs: config.webhookTimeoutSeconds * 1000,
      log: logger.child({ component: 'webhooks' }),
    });
    // This node's previous process is gone (a node runs one process): its leases are free now, not
    // when they run out.
    await core.outbox.releaseLeasesOf(`${config.nodeId}:`);
    webhooks.start();
    let stopping: Promise<void> | null = null;
    return {
      app,
      core,
      database,
      url,
      generatedAdminKey: generated,
      telephony: started,
      stop() {
        stopping ??= (async () => {
          // Calls drain while HTTP stops taking requests and finishes those in flight; the
          // database closes only after both, as ending calls still write their records.
          const http = (async () => {
            await app.close();
            // A client that left mid-request does not hold close() open, but its handler still runs.
            await app.waitForHandlers(config.shutdownTimeoutSeconds * 1000);
          })();
          await Promise.all([started.drain(config.drainSeconds), http]);
          // Events the drained calls wrote stay in the outbox for the next start or another node.
          await webhooks.stop();
          await webhookHttp.close();
          await fetcher.close();
          await core.close();
          await database.close();
        })();
        return stopping;
      },
    };
  } catch (error) {
    await telephony?.close();
    await database.close();
    throw error;
  }
}
