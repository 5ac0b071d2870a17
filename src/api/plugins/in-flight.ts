/**
 * Counts requests whose handlers are still running, so a stop can wait for
 * them before closing the database. `app.close()` waits for open connections
 * only: a client that hangs up mid-request leaves its handler running, and
 * that handler must not find the database gone.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyInstance {
    /** Resolves once no handler is running, or after `timeoutMs`. */
    waitForHandlers(timeoutMs: number): Promise<void>;
  }
}

export function trackInFlight(app: FastifyInstance): void {
  const running = new Set<FastifyRequest>();
  let idle: (() => void) | null = null;
  app.addHook('onRequest', async (request) => {
    running.add(request);
  });
  // onSend runs once the handler (or the error handler) produced its answer, even for a client that left.
  app.addHook('onSend', async (request) => {
    running.delete(request);
    if (running.size === 0) idle?.();
  });
  app.decorate('waitForHandlers', (timeoutMs: number) => {
    if (running.size === 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      idle = () => {
        clearTimeout(timer);
        idle = null;
        resolve();
      };
    });
  });
}
