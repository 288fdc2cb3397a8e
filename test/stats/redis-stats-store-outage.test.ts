import type { Redis } from 'ioredis';
import { failFastRedisOptions } from '../../src/redis/client-options.js';
import { redisStatsKeys } from '../../src/stats/redis-snapshot-format.js';
import {
  createRedisStatsStore,
  type RedisStatsStore,
  type RedisStatsStoreOptions,
} from '../../src/stats/redis-stats-store.js';
import { startTcpProxy, type TcpProxy } from '../fixtures/tcp-proxy.js';
import { TEST_REDIS_URL, describeWithRedis, useRedis } from '../support/redis.js';
import { LEVEL, captureLogger, type LogLine } from '../support/capture-logger.js';
import { eventually } from '../support/eventually.js';
import { T0, fullSnapshot } from './sample-snapshot.js';

/**
 * A web process whose way to Redis goes through a proxy the test can cut, while the poller
 * keeps writing to Redis directly: an outage of one process's Redis, then its recovery.
 */
describeWithRedis('the Redis stats store through a Redis outage', () => {
  const redisForTests = useRedis();
  const COMMAND_TIMEOUT_MS = 300;
  let proxy: TcpProxy;
  const stores: RedisStatsStore[] = [];
  const proxied: Redis[] = [];

  beforeEach(async () => {
    proxy = await startTcpProxy(TEST_REDIS_URL);
  });

  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    // Before the proxy goes, so their sockets close normally.
    for (const redis of proxied.splice(0)) redis.disconnect();
    await proxy.close();
  });

  function openStore(
    prefix: string,
    options: Partial<RedisStatsStoreOptions> & { url?: string } = {},
  ) {
    const redis = redisForTests.connect(
      failFastRedisOptions({ commandTimeoutMs: COMMAND_TIMEOUT_MS, maxBackoffMs: 100 }),
      options.url ?? TEST_REDIS_URL,
    );
    if (options.url !== undefined) proxied.push(redis);
    const failedReads: Error[] = [];
    const store = createRedisStatsStore({
      redis: recordingFailedEvals(redis, failedReads),
      keyPrefix: prefix,
      refreshIntervalMs: 60_000,
      logger: captureLogger().logger,
      ...options,
    });
    stores.push(store);
    return Object.assign(store, { failedReads });
  }

  /**
   * The connection as the store sees it, with every script call that failed recorded (a
   * store's reads are scripts): the refresh ticks that failed, counted rather than slept
   * through. Everything else goes to the connection itself.
   */
  function recordingFailedEvals(redis: Redis, failed: Error[]): Redis {
    const evalOn = (...args: unknown[]) =>
      (redis.eval as (...a: unknown[]) => Promise<unknown>)
        .apply(redis, args)
        .catch((error: unknown) => {
          failed.push(error as Error);
          throw error;
        });
    return new Proxy(redis, {
      get(target, property) {
        if (property === 'eval') return evalOn;
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
      },
    });
  }

  /** ioredis refusing a command at once: not connected, and the connection queues nothing. */
  const OFFLINE = "Stream isn't writeable and enableOfflineQueue options is false";

  const messages = (lines: LogLine[], level: number) =>
    lines.filter((line) => line.level === level).map((line) => line.msg);

  it('answers from the held snapshot while cut off, then catches up and says so once', async () => {
    const prefix = redisForTests.freshPrefix();
    const poller = openStore(prefix);
    const { logger, lines } = captureLogger();
    const web = openStore(prefix, { url: proxy.url, refreshIntervalMs: 50, logger });
    await Promise.all([poller.start(), web.start()]);
    await poller.writeSnapshot(fullSnapshot(T0, 1));
    await eventually(() => expect(web.currentSnapshot()).toEqual(fullSnapshot(T0, 1)));

    proxy.cut();
    await eventually(() => expect(web.status().reachable).toBe(false));
    await poller.writeSnapshot(fullSnapshot(T0 + 15_000, 2));
    // Several refresh ticks (each 50 ms) fail after the write.
    const failedBefore = web.failedReads.length;
    await eventually(() => expect(web.failedReads.length).toBeGreaterThanOrEqual(failedBefore + 3));

    expect(web.currentSnapshot()).toEqual(fullSnapshot(T0, 1));
    // Fails fast: refused at once by the fail-fast connection, not left to a timeout.
    await expect(web.readSnapshot()).rejects.toThrow(OFFLINE);
    expect(web.status()).toMatchObject({
      reachable: false,
      lastError: expect.any(String) as string,
    });
    // One warning for the outage, not one per tick. A reply already on its way when the proxy
    // cut the connection can still arrive and end the outage once (seen under load); each
    // outage then has its one warning, and there are still far fewer than failed ticks.
    const warnings = messages(lines, LEVEL.warn);
    const recoveries = messages(lines, LEVEL.info).length;
    expect(new Set(warnings)).toEqual(
      new Set(['stats store refresh: Redis unreachable; retrying in the background']),
    );
    expect(warnings).toHaveLength(1 + recoveries);
    expect(warnings.length).toBeLessThan(web.failedReads.length);

    proxy.restore();

    await eventually(() => expect(web.currentSnapshot()).toEqual(fullSnapshot(T0 + 15_000, 2)));
    await eventually(() => expect(web.status().reachable).toBe(true));
    await expect(web.readSnapshot()).resolves.toEqual(fullSnapshot(T0 + 15_000, 2));
    expect(messages(lines, LEVEL.info).at(-1)).toBe('stats store refresh: Redis reachable again');
    expect(messages(lines, LEVEL.info)).toHaveLength(recoveries + 1);
    expect(lines.filter((line) => line.level === LEVEL.info).at(-1)).toMatchObject({
      failures: expect.any(Number) as number,
      outageMs: expect.any(Number) as number,
    });
  });

  it('fails a read within the command timeout when Redis stops answering', async () => {
    const prefix = redisForTests.freshPrefix();
    const web = openStore(prefix, { url: proxy.url });
    await web.start();
    await openStore(prefix).writeSnapshot(fullSnapshot(T0, 3));
    await expect(web.readSnapshot()).resolves.toEqual(fullSnapshot(T0, 3));

    proxy.stall();
    // Ended by the connection's command timeout: nothing else could end it before the test's.
    await expect(web.readSnapshot()).rejects.toThrow(/^Command timed out$/);

    expect(web.status().reachable).toBe(false);
    expect(web.currentSnapshot()).toEqual(fullSnapshot(T0, 3));
    proxy.restore();
    await expect(web.readSnapshot()).resolves.toEqual(fullSnapshot(T0, 3));
    expect(web.status().reachable).toBe(true);
  });

  it('starts while Redis is unreachable and picks up the snapshot once it can', async () => {
    const prefix = redisForTests.freshPrefix();
    await openStore(prefix).writeSnapshot(fullSnapshot(T0, 6));
    proxy.cut();
    const web = openStore(prefix, { url: proxy.url, refreshIntervalMs: 50 });

    await web.start();

    expect(web.currentSnapshot()).toBeUndefined();
    expect(web.status().reachable).toBe(false);
    await expect(web.readSnapshot()).rejects.toThrow();
    proxy.restore();
    await eventually(() => expect(web.currentSnapshot()).toEqual(fullSnapshot(T0, 6)));
  });

  it('hears notices again after its subscriber reconnects', async () => {
    const prefix = redisForTests.freshPrefix();
    const poller = openStore(prefix);
    // No timer within the test: only notices (and reconnections) bring news.
    const web = openStore(prefix, { url: proxy.url });
    await web.start(); // the poller only writes: the web process is the one subscriber

    proxy.cut();
    await eventually(() => expect(web.status().reachable).toBe(false));
    await poller.writeSnapshot(fullSnapshot(T0, 1)); // announced while the subscriber was away
    proxy.restore();
    await eventually(() => expect(web.currentSnapshot()).toEqual(fullSnapshot(T0, 1)));
    const admin = redisForTests.connect();
    const { channel } = redisStatsKeys(prefix);
    // The subscriber comes back on its own schedule, maybe after the command connection.
    await eventually(async () =>
      expect(await admin.pubsub('NUMSUB', channel)).toEqual([channel, 1]),
    );

    await poller.writeSnapshot(fullSnapshot(T0 + 15_000, 2));

    await eventually(() => expect(web.currentSnapshot()).toEqual(fullSnapshot(T0 + 15_000, 2)));
  });
});
