/**
 * Waits, one event-loop turn at a time, until `condition` holds: for state a socket layer changes
 * without an event to await (a server-side connection closing). Fails after `timeoutMs`.
 */
export async function waitUntil(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}
