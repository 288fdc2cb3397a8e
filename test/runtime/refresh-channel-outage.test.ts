import { loadConfig } from '../../src/config.js';
import { openBackend, type Backend } from '../../src/runtime/backend.js';
import { startTcpProxy, type TcpProxy } from '../fixtures/tcp-proxy.js';
import { captureLogger } from '../support/capture-logger.js';
import { eventually } from '../support/eventually.js';
import { describeWithRedis, TEST_REDIS_URL, useRedis } from '../support/redis.js';

/**
 * The worker hears poll requests on a subscriber connection of its own. Its way to Redis goes
 * through a proxy the test can cut; the web process asks directly.
 */
describeWithRedis('the poll-request channel through a Redis outage', () => {
  const redisForTests = useRedis();
  let proxy: TcpProxy;
  const backends: Backend[] = [];
  const listenings: { close(): void }[] = [];

  beforeEach(async () => {
    proxy = await startTcpProxy(TEST_REDIS_URL);
  });

  afterEach(async () => {
    for (const listening of listenings.splice(0)) listening.close();
    await Promise.all(backends.splice(0).map((backend) => backend.close()));
    await proxy.close();
  });

  async function open() {
    const keyPrefix = redisForTests.freshPrefix();
    const { logger } = captureLogger();
    const config = (url: string) => loadConfig({ REDIS_URL: url, REDIS_KEY_PREFIX: keyPrefix });
    const worker = await openBackend(config(proxy.url), { logger, role: 'worker' });
    const web = await openBackend(config(TEST_REDIS_URL), { logger, role: 'web' });
    backends.push(web, worker);
    let asked = 0;
    const listening = worker.refreshRequests.listen(() => (asked += 1));
    listenings.push(listening);
    /** Asks until the worker hears it: the subscription takes a moment to be in place. */
    const heard = () =>
      eventually(() => {
        const before = asked;
        web.refreshRequests.request();
        return eventually(() => expect(asked).toBeGreaterThan(before), { withinMs: 100 });
      });
    return { channel: `${keyPrefix}poller:refresh`, listening, heard };
  }

  it('hears requests again after its subscriber reconnects', async () => {
    const { heard } = await open();
    await heard();

    proxy.cut();
    proxy.restore();

    await heard();
  });

  it('closes while its subscription is being renewed after a reconnection', async () => {
    const { channel, listening, heard } = await open();
    await heard();

    proxy.cut();
    const renewing = proxy.sent(channel);
    proxy.restore();
    await renewing; // its SUBSCRIBE is on its way: no answer can have come back yet
    listenings.splice(listenings.indexOf(listening), 1)[0]?.close();

    const admin = redisForTests.connect();
    await eventually(async () =>
      expect(await admin.pubsub('NUMSUB', channel)).toEqual([channel, 0]),
    );
  });
});
