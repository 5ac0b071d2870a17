/**
 * The composition root of a running server: config -> database -> core -> API,
 * and the graceful stop. `main.ts` and `voxgate serve` call `startServer`.
 */
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApp } from './api/app.js';
import type { Config } from './config.js';
import { createCore, type Core } from './core/index.js';
import { openDatabase, type OpenDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { VERSION } from './version.js';

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly core: Core;
  readonly database: OpenDatabase;
  /** The address the API listens on, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  /** The operator key when this start generated it; it is never shown again. */
  readonly generatedAdminKey: string | null;
  /** Stops accepting, lets in-flight requests finish, closes the database. */
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

export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const database = openDatabase(config.database);
  try {
    const migrated = await migrateToLatest(database.db);
    if (migrated.applied.length > 0) logger.info({ applied: migrated.applied }, 'database migrated');
    const core = createCore({
      db: database.db,
      sessionTtlSeconds: config.sessionTtlSeconds,
      sessionRefreshSeconds: config.sessionRefreshSeconds,
      ...scenarioOptions(config),
    });
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
    let stopping: Promise<void> | null = null;
    return {
      app,
      core,
      database,
      url,
      generatedAdminKey: generated,
      stop() {
        stopping ??= (async () => {
          await app.close();
          // A client that left mid-request does not hold close() open, but its handler still runs.
          await app.waitForHandlers(config.shutdownTimeoutSeconds * 1000);
          await core.close();
          await database.close();
        })();
        return stopping;
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
