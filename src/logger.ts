/** The process logger: pino JSON lines on stdout. */
import pino, { type Logger } from 'pino';

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'voxgate' },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Secrets never reach the log, whichever credential form carried them.
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers["x-access-token"]',
        'req.headers["x-authentication-token"]',
        'req.query.access_token',
      ],
      censor: '[redacted]',
    },
  });
}
