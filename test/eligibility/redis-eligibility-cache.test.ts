import type { Redis } from 'ioredis';
import {
  createRedisEligibilityCache,
  redisEligibilityKeys,
} from '../../src/eligibility/redis-eligibility-cache.js';
import { failFastRedisOptions } from '../../src/redis/client-options.js';
import { startTcpProxy } from '../fixtures/tcp-proxy.js';
import { eventually } from '../support/eventually.js';
import { TEST_REDIS_URL, describeWithRedis, useRedis } from '../support/redis.js';
import { T0, eligibilityCacheContract } from './eligibility-cache.contract.js';

describeWithRedis('the Redis eligibility cache', () => {
  const redisForTests = useRedis();
  let admin: Redis;

  beforeAll(() => {
    admin = redisForTests.connect();
  });

  /** Every key under `prefix`, sorted (SCAN to the end: one call may see only part of them). */
  async function keysUnder(prefix: string): Promise<string[]> {
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      found.push(...keys);
      cursor = next;
    } while (cursor !== '0');
    return found.sort();
  }

  /** A cache on a connection of its own: another process, as far as Redis can tell. */
  const openCache = (prefix: string) =>
    createRedisEligibilityCache({
      redis: redisForTests.connect(failFastRedisOptions()),
      keyPrefix: prefix,
    });

  describe('as an EligibilityCache (the contract)', () => {
    // Redis expires the claim on its own clock: a short ttl, and a wait for the key to go.
    let prefix = '';
    eligibilityCacheContract(
      () => {
        prefix = redisForTests.freshPrefix();
        return Promise.resolve(openCache(prefix));
      },
      {
        ttlMs: 100,
        passTtl: () =>
          eventually(async () =>
            expect(await admin.exists(redisEligibilityKeys(prefix).syncClaim)).toBe(0),
          ),
      },
    );
  });

  describe('shared by many processes', () => {
    it('two caches with the same prefix see each other’s writes', async () => {
      const prefix = redisForTests.freshPrefix();
      const [one, two] = [openCache(prefix), openCache(prefix)];

      await one.setWorker('WK1', '{"a":1}');
      await two.setWorker('WK2', '{"a":2}');
      await one.removeWorker('WK2');
      expect(await one.setQueue('WQ1', 'one')).toBeUndefined();
      expect(await two.setQueue('WQ1', 'two')).toBe('one');
      await one.markSynced(T0);
      expect(await one.claimSync(T0, 60_000)).toBe(true);

      expect(await two.workers()).toEqual(new Map([['WK1', '{"a":1}']]));
      expect(await one.queues()).toEqual(new Map([['WQ1', 'two']]));
      expect(await two.syncedAt()).toBe(T0);
      expect(await two.claimSync(T0 + 1, 60_000)).toBe(false);
      expect(await two.removeQueue('WQ1')).toBe('two');
      expect(await one.queues()).toEqual(new Map());
    });

    it('two caches with different prefixes share nothing', async () => {
      const [one, two] = [
        openCache(redisForTests.freshPrefix()),
        openCache(redisForTests.freshPrefix()),
      ];

      await one.setWorker('WK1', '{"a":1}');
      expect(await one.setQueue('WQ1', 'one')).toBeUndefined();
      await one.markSynced(T0);
      expect(await one.claimSync(T0, 60_000)).toBe(true);

      expect(await two.workers()).toEqual(new Map());
      expect(await two.queues()).toEqual(new Map());
      expect(await two.syncedAt()).toBeUndefined();
      expect(await two.setQueue('WQ1', 'two')).toBeUndefined();
      expect(await two.claimSync(T0, 60_000)).toBe(true);
      expect(await one.queues()).toEqual(new Map([['WQ1', 'one']]));
    });

    it('of many processes changing one queue at once, each is answered a different "before"', async () => {
      const prefix = redisForTests.freshPrefix();
      const caches = Array.from({ length: 4 }, () => openCache(prefix));
      const expressions = Array.from({ length: 40 }, (_, i) => `level > ${i}`);
      await Promise.all(caches.map((cache) => cache.syncedAt())); // connected, as in a process

      const befores = await Promise.all(
        expressions.map((expression, i) => caches[i % 4]!.setQueue('WQ1', expression)),
      );

      // The writes form one chain: each "before" is the write just ahead of it, the first saw
      // none, and only the last write is nobody's "before".
      const last = (await caches[0]!.queues()).get('WQ1');
      expect(befores.filter((before) => before === undefined)).toHaveLength(1);
      expect(new Set(befores).size).toBe(40);
      expect([...befores, last].filter((e) => e !== undefined).sort()).toEqual(
        [...expressions].sort(),
      );
    });
  });

  it('keeps everything in the four documented keys under the prefix', async () => {
    const prefix = redisForTests.freshPrefix();
    const cache = openCache(prefix);
    const keys = redisEligibilityKeys(prefix);

    await cache.setWorker('WK1', '{"a":1}');
    await cache.replaceQueues(new Map([['WQ1', 'one']]));
    await cache.markSynced(T0);
    await cache.claimSync(T0, 60_000);

    expect(await keysUnder(prefix)).toEqual(
      [keys.workers, keys.queues, keys.syncedAt, keys.syncClaim].sort(),
    );
    expect(keys.workers).toBe(`${prefix}eligibility:workers`);
    expect(await admin.hgetall(keys.workers)).toEqual({ WK1: '{"a":1}' });
    expect(await admin.hgetall(keys.queues)).toEqual({ WQ1: 'one' });
    expect(await admin.get(keys.syncedAt)).toBe(String(T0));
    expect(await admin.get(keys.syncClaim)).toBe(String(T0));
    const ttl = await admin.pttl(keys.syncClaim);
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    expect(await admin.pttl(keys.workers)).toBe(-1);
  });

  it('while Redis is away, a call fails at once; when it is back, calls work again', async () => {
    const proxy = await startTcpProxy(TEST_REDIS_URL);
    const redis = redisForTests.connect(failFastRedisOptions({ maxBackoffMs: 50 }), proxy.url);
    try {
      const prefix = redisForTests.freshPrefix();
      const cache = createRedisEligibilityCache({ redis, keyPrefix: prefix });
      expect(await cache.setQueue('WQ1', 'one')).toBeUndefined();

      proxy.cut();

      await expect(cache.setQueue('WQ1', 'two')).rejects.toThrow();
      await expect(cache.workers()).rejects.toThrow();
      await expect(cache.claimSync(T0, 60_000)).rejects.toThrow();

      proxy.restore();

      await eventually(async () => expect(await cache.queues()).toEqual(new Map([['WQ1', 'one']])));
      expect(await cache.setQueue('WQ1', 'three')).toBe('one');
      expect(await openCache(prefix).claimSync(T0, 60_000)).toBe(true);
    } finally {
      // Closed before the proxy: closed later, mid-reconnection, ioredis leaves its connect
      // timeout (2 s) running and jest waits for it.
      redis.disconnect();
      await proxy.close();
    }
  });

  it('refuses a connection that is not fail-fast', () => {
    expect(() =>
      createRedisEligibilityCache({
        redis: redisForTests.connect({ lazyConnect: true }),
        keyPrefix: redisForTests.freshPrefix(),
      }),
    ).toThrow(/needs a fail-fast Redis connection/);
  });
});
