import type { Redis } from 'ioredis';
import { createLeaderLock } from '../../src/stats/poller-lock.js';
import { failFastRedisOptions } from '../../src/redis/client-options.js';
import { redisStatsKeys } from '../../src/stats/redis-snapshot-format.js';
import {
  LockLostError,
  createRedisStatsStore,
  type RedisStatsStore,
  type RedisStatsStoreOptions,
} from '../../src/stats/redis-stats-store.js';
import { describeWithRedis, useRedis } from '../support/redis.js';
import { LEVEL, captureLogger } from '../support/capture-logger.js';
import { eventually } from '../support/eventually.js';
import { T0, fullSnapshot } from './sample-snapshot.js';
import { statsStoreContract } from './stats-store.contract.js';

describeWithRedis('the Redis stats store', () => {
  const redisForTests = useRedis();
  const stores: RedisStatsStore[] = [];
  let admin: Redis;

  beforeAll(() => {
    admin = redisForTests.connect();
  });

  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });

  const connect = () => redisForTests.connect(failFastRedisOptions({ commandTimeoutMs: 1000 }));

  /** A store as one process holds it: its own connection, no timer unless asked for. */
  function openStore(prefix: string, options: Partial<RedisStatsStoreOptions> = {}) {
    const store = createRedisStatsStore({
      redis: connect(),
      keyPrefix: prefix,
      refreshIntervalMs: 60_000,
      logger: captureLogger().logger,
      ...options,
    });
    stores.push(store);
    return store;
  }

  describe('as a StatsStore (the contract), a poller and a web process', () => {
    statsStoreContract(async () => {
      const prefix = redisForTests.freshPrefix();
      const writer = openStore(prefix);
      const reader = openStore(prefix);
      await Promise.all([writer.start(), reader.start()]);
      return { writer, reader };
    });
  });

  it('a web process learns of a new snapshot from the change notice', async () => {
    const prefix = redisForTests.freshPrefix();
    const poller = openStore(prefix);
    // The timer would not fire within the test: only the notice can bring the snapshot.
    const web = openStore(prefix, { refreshIntervalMs: 60_000 });
    await Promise.all([poller.start(), web.start()]);

    await poller.writeSnapshot(fullSnapshot(T0, 9));

    await eventually(() => expect(web.currentSnapshot()).toEqual(fullSnapshot(T0, 9)));
    expect(web.status()).toEqual({ reachable: true, lastReadAt: expect.any(Number) as number });
  });

  it('a web process that missed the notice catches up on its timer', async () => {
    const prefix = redisForTests.freshPrefix();
    const web = openStore(prefix, { refreshIntervalMs: 50 });
    await web.start();

    // Stored with no notice, as if it had been published while the subscriber was reconnecting.
    await admin.hset(redisStatsKeys(prefix).snapshot, {
      revision: '1000',
      snapshot: JSON.stringify(fullSnapshot(T0, 5)),
    });

    await eventually(() => expect(web.currentSnapshot()).toEqual(fullSnapshot(T0, 5)));
  });

  it('never swaps the held snapshot for one with an older revision (a reply that lost a race)', async () => {
    const prefix = redisForTests.freshPrefix();
    const poller = openStore(prefix);
    const web = openStore(prefix);
    await Promise.all([poller.start(), web.start()]);
    await poller.writeSnapshot(fullSnapshot(T0, 2));
    await eventually(() => expect(web.currentSnapshot()).toEqual(fullSnapshot(T0, 2)));
    const keys = redisStatsKeys(prefix);
    const revision = Number(await admin.hget(keys.snapshot, 'revision'));

    await admin.hset(keys.snapshot, {
      revision: String(revision - 1),
      snapshot: JSON.stringify(fullSnapshot(T0 + 60_000, 8)),
    });
    await admin.publish(keys.channel, String(revision - 1));

    await expect(web.readSnapshot()).resolves.toEqual(fullSnapshot(T0, 2));
    expect(web.currentSnapshot()).toEqual(fullSnapshot(T0, 2));
  });

  it('gives each write a larger revision and announces it on the channel', async () => {
    const prefix = redisForTests.freshPrefix();
    const keys = redisStatsKeys(prefix);
    const listener = redisForTests.connect();
    const notices: string[] = [];
    listener.on('message', (channel: string, message: string) => {
      if (channel === keys.channel) notices.push(message);
    });
    await listener.subscribe(keys.channel);
    const poller = openStore(prefix);

    await poller.writeSnapshot(fullSnapshot(T0, 1));
    const first = await admin.hget(keys.snapshot, 'revision');
    await poller.writeSnapshot(fullSnapshot(T0 + 15_000, 2));
    const second = await admin.hget(keys.snapshot, 'revision');

    expect(Number(second)).toBeGreaterThan(Number(first));
    await eventually(() => expect(notices).toEqual([first, second]));
    expect(JSON.parse((await admin.hget(keys.snapshot, 'snapshot')) ?? '')).toEqual(
      fullSnapshot(T0 + 15_000, 2),
    );
  });

  describe('with a write fence (the poller lock)', () => {
    it('writes while the lock holds our token', async () => {
      const prefix = redisForTests.freshPrefix();
      const lock = createLeaderLock({
        redis: connect(),
        key: `${prefix}poller:lock`,
        ttlMs: 10_000,
        renewIntervalMs: 1000,
        logger: captureLogger().logger,
      });
      await lock.acquire();
      const poller = openStore(prefix, {
        writeFence: { lockKey: lock.key, token: () => lock.token() },
      });

      await poller.writeSnapshot(fullSnapshot(T0, 3));

      await expect(openStore(prefix).readSnapshot()).resolves.toEqual(fullSnapshot(T0, 3));
      await lock.release();
    });

    it('refuses to write once the lock has changed hands, and leaves the new leader’s data alone', async () => {
      const prefix = redisForTests.freshPrefix();
      const lockKey = `${prefix}poller:lock`;
      await admin.set(lockKey, 'old-leader', 'PX', 10_000);
      const oldPoller = openStore(prefix, {
        writeFence: { lockKey, token: () => 'old-leader' },
      });
      await oldPoller.writeSnapshot(fullSnapshot(T0, 1));

      // The old leader paused past its ttl; a new one took the lock and wrote.
      await admin.set(lockKey, 'new-leader', 'PX', 10_000);
      const newPoller = openStore(prefix, { writeFence: { lockKey, token: () => 'new-leader' } });
      await newPoller.writeSnapshot(fullSnapshot(T0 + 15_000, 2));
      const late = oldPoller.writeSnapshot(fullSnapshot(T0 + 30_000, 99));

      await expect(late).rejects.toBeInstanceOf(LockLostError);
      await expect(late).rejects.toMatchObject({ code: 'LOCK_LOST', lockKey });
      await expect(openStore(prefix).readSnapshot()).resolves.toEqual(fullSnapshot(T0 + 15_000, 2));
    });

    it('does not even try while the lock says it is not held', async () => {
      const prefix = redisForTests.freshPrefix();
      const poller = openStore(prefix, {
        writeFence: { lockKey: `${prefix}poller:lock`, token: () => undefined },
      });

      await expect(poller.writeSnapshot(fullSnapshot())).rejects.toBeInstanceOf(LockLostError);
      expect(await admin.exists(redisStatsKeys(prefix).snapshot)).toBe(0);
    });
  });

  it('ignores a malformed value, keeps the held snapshot and logs it once per value', async () => {
    const prefix = redisForTests.freshPrefix();
    const keys = redisStatsKeys(prefix);
    const poller = openStore(prefix);
    const { logger, lines } = captureLogger();
    const web = openStore(prefix, { logger });
    await Promise.all([poller.start(), web.start()]);
    await poller.writeSnapshot(fullSnapshot(T0, 2));
    await eventually(() => expect(web.currentSnapshot()).toEqual(fullSnapshot(T0, 2)));
    const errors = () => lines.filter((line) => line.level === LEVEL.error);

    await admin.hset(keys.snapshot, { revision: '9007199254740000', snapshot: '{"fetchedAt":' });
    await admin.publish(keys.channel, 'x');
    for (let i = 0; i < 3; i++) await web.readSnapshot();

    expect(web.currentSnapshot()).toEqual(fullSnapshot(T0, 2));
    await expect(web.readSnapshot()).resolves.toEqual(fullSnapshot(T0, 2));
    expect(errors()).toHaveLength(1);
    expect(errors()[0]).toMatchObject({
      msg: 'stats store: malformed snapshot in Redis ignored; keeping the one held',
      key: keys.snapshot,
    });
    expect(web.status()).toMatchObject({
      reachable: true,
      lastError: expect.stringMatching(/malformed/) as string,
    });

    await admin.hset(keys.snapshot, { snapshot: '{"fetchedAt":"yesterday","queues":[]}' });
    await web.readSnapshot();
    expect(errors()).toHaveLength(2);
    expect(errors()[1]?.problem).toMatch(/^fetchedAt: /);

    await poller.writeSnapshot(fullSnapshot(T0 + 15_000, 4));
    await expect(web.readSnapshot()).resolves.toEqual(fullSnapshot(T0 + 15_000, 4));
    expect(web.status().lastError).toBeUndefined();
  });

  it('keeps fields it does not know yet (a newer poller during a rolling deploy)', async () => {
    const prefix = redisForTests.freshPrefix();
    const newer = { ...fullSnapshot(), region: 'eu-1' };
    await openStore(prefix).writeSnapshot(newer);

    await expect(openStore(prefix).readSnapshot()).resolves.toEqual(newer);
  });

  it('refuses a connection that would queue commands while Redis is away', () => {
    expect(() =>
      createRedisStatsStore({
        redis: redisForTests.connect({ lazyConnect: true }),
        keyPrefix: redisForTests.freshPrefix(),
        refreshIntervalMs: 1000,
        logger: captureLogger().logger,
      }),
    ).toThrow(/fail-fast Redis connection \(enableOfflineQueue must be false, commandTimeout/);
  });

  it('refuses a subscriber that ioredis would resubscribe unheard after a reconnect', () => {
    expect(() =>
      openStore(redisForTests.freshPrefix(), {
        subscriber: redisForTests.connect({
          ...failFastRedisOptions(),
          autoResubscribe: true,
          lazyConnect: true,
        }),
      }),
    ).toThrow(/subscriber connection with autoResubscribe: false/);
  });

  it('after close, listens no more: its own subscriber closed, a given one unsubscribed', async () => {
    const prefix = redisForTests.freshPrefix();
    const { channel } = redisStatsKeys(prefix);
    const listeners = async () => ((await admin.pubsub('NUMSUB', channel)) as [string, number])[1];
    const given = connect();
    const withOwn = openStore(prefix);
    const withGiven = openStore(prefix, { subscriber: given });
    await Promise.all([withOwn.start(), withGiven.start()]);
    expect(await listeners()).toBe(2);

    await Promise.all([withOwn.close(), withGiven.close()]);
    await openStore(prefix).writeSnapshot(fullSnapshot());

    await eventually(async () => expect(await listeners()).toBe(0));
    expect(given.status).toBe('ready');
    expect(withOwn.currentSnapshot()).toBeUndefined();
    expect(withGiven.currentSnapshot()).toBeUndefined();
  });
});
