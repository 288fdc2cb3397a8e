import { createServer } from 'node:net';

/**
 * A loopback port nobody is listening on, found by letting the OS pick one and giving it back.
 * Racy in principle (another process could take it before it is bound), harmless for a test,
 * a benchmark or a simulation: the listen then fails and says so.
 */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : undefined;
      probe.close(() => {
        if (port === undefined) reject(new Error('could not read the probe port'));
        else resolve(port);
      });
    });
  });
}
