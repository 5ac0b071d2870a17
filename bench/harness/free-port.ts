/**
 * A loopback TCP port nobody is listening on. The server cannot report the
 * port it picked for VOXGATE_HTTP_PORT=0, so the benchmark chooses one; the
 * gap between closing the probe and the server binding is short enough.
 */
import net from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (address === null || typeof address === 'string') reject(new Error('no TCP port assigned'));
        else resolve(address.port);
      });
    });
  });
}
