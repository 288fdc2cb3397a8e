import type { Redis } from 'ioredis';
import { failFastRedisOptions } from '../../src/redis/client-options.js';
import { redisStatsKeys } from '../../src/stats/redis-snapshot-format.js';
import { createRedisStatsStore, type RedisStatsStore } from '../../src/stats/redis-stats-store.js';
import { startTcpProxy, type TcpProxy } from '../fixtures/tcp-proxy.js';
import { TEST_REDIS_URL, describeWithRedis, useRedis } from '../support/redis.js';
import { captureLogger } from '../support/capture-logger.js';
import { eventually } from '../support/eventually.js';
import { T0, fullSnapshot } from './sample-snapshot.js';

/**
 * The moment the store's own subscriber is back after an outage and its SUBSCRIBE is on its way:
 * the link closing then (shutdown, or a network that drops again) must cost nothing. A command
 * failing there with nobody to catch it is an unhandled rejection, which ends a Node process
 * (and fails the test that is running).
 */
describeWithRedis('the Redis stats store while its subscriber renews the channel', () => {
  const redisForTests = useRedis();
  let proxy: TcpProxy;
  const stores: RedisStatsStore[] = [];

  beforeEach(async () => {
    proxy = await startTcpProxy(TEST_REDIS_URL);
  });

  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    await proxy.close();
  });

  /** A store as one process holds it; through the proxy, its subscriber is handed back too. */
  function openStore(prefix: string, url = TEST_REDIS_URL) {
    const redis = redisForTests.connect(
      failFastRedisOptions({ commandTimeoutMs: 1000, maxBackoffMs: 100 }),
      url,
    );
    const duplicates: Redis[] = [];
    const store = createRedisStatsStore({
      redis: recordingDuplicates(redis, duplicates),
      keyPrefix: prefix,
      refreshIntervalMs: 60_000, // no timer within a test: only notices and reconnections
      logger: captureLogger().logger,
    });
    stores.push(store);
    return { store, subscriber: () => duplicates[0] as Redis };
  }

  /** The connection as the store sees it; the connections it duplicates (its subscriber) kept. */
  function recordingDuplicates(redis: Redis, duplicates: Redis[]): Redis {
    return new Proxy(redis, {
      get(target, property) {
        if (property === 'duplicate') {
          return (...args: Parameters<Redis['duplicate']>) => {
            const duplicate = target.duplicate(...args);
            duplicates.push(duplicate);
            return duplicate;
          };
        }
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
      },
    });
  }

  /** The next `event` of a connection (events.once would reject on its resets, which are expected). */
  const next = (redis: Redis, event: 'close' | 'ready' | 'end') =>
    new Promise<void>((resolve) => redis.once(event, () => resolve()));

  /** Cuts the proxy and gives it back; resolves as the subscriber is ready again. */
  async function outageUntilReady(subscriber: Redis): Promise<void> {
    const dropped = next(subscriber, 'close');
    proxy.cut();
    await dropped;
    const back = next(subscriber, 'ready');
    proxy.restore();
    await back; // its SUBSCRIBE is written, its answer not read yet
  }

  const listeners = async (prefix: string) => {
    const { channel } = redisStatsKeys(prefix);
    const admin = redisForTests.connect();
    try {
      return ((await admin.pubsub('NUMSUB', channel)) as [string, number])[1];
    } finally {
      admin.disconnect();
    }
  };

  it('closes while the SUBSCRIBE after a reconnection is unanswered', async () => {
    const prefix = redisForTests.freshPrefix();
    const web = openStore(prefix, proxy.url);
    await web.store.start();
    expect(await listeners(prefix)).toBe(1);
    const subscriber = web.subscriber();

    await outageUntilReady(subscriber);
    const ended = next(subscriber, 'end');
    await web.store.close();
    await ended;

    await eventually(async () => expect(await listeners(prefix)).toBe(0));
  });

  it('loses the link again before the SUBSCRIBE is answered, then renews it and hears notices', async () => {
    const prefix = redisForTests.freshPrefix();
    const poller = openStore(prefix).store;
    const web = openStore(prefix, proxy.url);
    await web.store.start(); // the poller only writes: the web process is the one subscriber
    const subscriber = web.subscriber();

    await outageUntilReady(subscriber);
    const droppedAgain = next(subscriber, 'close');
    proxy.cut();
    await droppedAgain;
    proxy.restore();

    await eventually(async () => expect(await listeners(prefix)).toBe(1));
    await eventually(() => expect(web.store.status().reachable).toBe(true));
    await poller.writeSnapshot(fullSnapshot(T0, 7)); // only its notice can bring it now
    await eventually(() => expect(web.store.currentSnapshot()).toEqual(fullSnapshot(T0, 7)));
  });
});
