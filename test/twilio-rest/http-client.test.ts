import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../../src/logger.js';
import { createMemoryPaces, type RateLimiter } from '../../src/twilio-rest/rate-limiter.js';
import { newRestTally, runWithRestContext } from '../../src/twilio-rest/rest-call-context.js';
import { createTwilioRestClient } from '../../src/twilio-rest/rest-client.js';
import { eventually } from '../support/eventually.js';

/**
 * The HTTP client's own edges, against a scripted server on loopback (the emulator covers the
 * fault kinds through the SDK: test/emulator/faults-sdk.test.ts).
 */
const WS = `WS${'0'.repeat(32)}`;
const WQ = `WQ${'0'.repeat(32)}`;

async function scriptedServer(
  handle: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ server: Server; baseUrl: string; requests: () => number }> {
  let requests = 0;
  const server = createServer((req, res) => {
    requests += 1;
    handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, baseUrl: `http://127.0.0.1:${port}`, requests: () => requests };
}

const clientFor = (
  baseUrl: string,
  overrides: { timeoutMs?: number; retryLimit?: number; pace?: RateLimiter } = {},
) =>
  createTwilioRestClient({
    ...(overrides.pace === undefined ? {} : { pace: overrides.pace }),
    accountSid: `AC${'0'.repeat(32)}`,
    authToken: 'token',
    apiBaseUrl: baseUrl,
    timeoutMs: overrides.timeoutMs ?? 2_000,
    retry: { retryLimit: overrides.retryLimit ?? 2, minBackoffMs: 5, maxBackoffMs: 10 },
    maxRetryAfterMs: 1_000,
    maxRequestsPerSecond: 1_000,
    logger: createLogger({ level: 'silent' }),
  });

describe('TwilioHttpClient', () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    server = undefined;
  });

  it('clients given one pace take their requests from one budget', async () => {
    const s = await scriptedServer((_req, res) => {
      res.statusCode = 204;
      res.end();
    });
    server = s.server;
    const waits: number[] = [];
    const paces = createMemoryPaces({
      now: () => 0, // every request asks at the same instant
      wait: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });
    const pace = { name: 'writes', perSecond: 10, burst: 1 };
    const [one, other] = [1, 2].map(() => clientFor(s.baseUrl, { pace: paces.limiter(pace) }));
    const remove = (client: typeof one) =>
      client?.taskrouter.v1.workspaces(WS).taskQueues(WQ).remove();

    await remove(one);
    await remove(other);
    await remove(one);

    expect(waits).toEqual([100, 200]);
    expect(s.requests()).toBe(3);
  });

  it('takes a 204 No Content as success, sent once', async () => {
    const s = await scriptedServer((req, res) => {
      res.statusCode = req.method === 'DELETE' ? 204 : 404;
      res.end();
    });
    server = s.server;
    await expect(
      clientFor(s.baseUrl).taskrouter.v1.workspaces(WS).taskQueues(WQ).remove(),
    ).resolves.toBe(true);
    expect(s.requests()).toBe(1);
  });

  it('times out an attempt that hangs, retries it, and counts it all in the context', async () => {
    const s = await scriptedServer(() => undefined); // never answers
    server = s.server;
    const tally = newRestTally();
    const call = runWithRestContext({ tally }, () =>
      clientFor(s.baseUrl, { timeoutMs: 50, retryLimit: 1 }).taskrouter.v1.workspaces(WS).fetch(),
    );
    await expect(call).rejects.toMatchObject({ name: 'TwilioRequestError', kind: 'timeout' });
    expect(tally).toEqual({ requests: 2, retries: 1, failures: 1 });
  });

  it('stops waiting as soon as the context signal aborts', async () => {
    const s = await scriptedServer(() => undefined);
    server = s.server;
    const controller = new AbortController();
    const call = runWithRestContext({ signal: controller.signal, tally: newRestTally() }, () =>
      clientFor(s.baseUrl).taskrouter.v1.workspaces(WS).fetch(),
    );
    // Aborted while the request is out (the server never answers), not before it was sent.
    await eventually(() => expect(s.requests()).toBe(1));
    controller.abort(new Error('cycle deadline'));
    await expect(call).rejects.toThrow('cycle deadline');
  });
});
