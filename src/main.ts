/**
 * Process entry: read the settings, start the server, stop cleanly on
 * SIGTERM/SIGINT. A second signal exits at once.
 */
import { ConfigError, loadConfig, type Config } from './config.js';
import { createLogger } from './logger.js';
import { startServer } from './server.js';

export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`voxgate: invalid configuration: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const server = await startServer(config, logger);
  logger.info(
    { url: server.url, docs: `${config.publicUrl}/docs`, database: config.database.dialect },
    'voxgate started',
  );
  if (server.generatedAdminKey !== null) {
    // Printed once, to the terminal rather than the log stream, since it is a secret.
    process.stderr.write(
      [
        '',
        '  Voxgate operator key (shown once; store it now, or set VOXGATE_ADMIN_KEY):',
        `    ${server.generatedAdminKey}`,
        `  API docs: ${config.publicUrl}/docs`,
        '',
        '',
      ].join('\n'),
    );
  } else {
    process.stderr.write(`  Voxgate is up. API docs: ${config.publicUrl}/docs\n`);
  }

  let signalled = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (signalled) {
      logger.warn({ signal }, 'second signal, exiting at once');
      process.exit(1);
    }
    signalled = true;
    logger.info(
      { signal, drainSeconds: config.drainSeconds },
      'stopping: finishing in-flight requests and calls',
    );
    // Calls drain first (up to VOXGATE_DRAIN_SECONDS, then BYE), then requests get their own timeout.
    const deadline = setTimeout(
      () => {
        logger.error('calls or in-flight requests did not finish in time, exiting');
        process.exit(1);
      },
      (config.drainSeconds + config.shutdownTimeoutSeconds + 5) * 1000,
    );
    deadline.unref();
    server.stop().then(
      () => {
        logger.info('stopped');
        logger.flush();
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
