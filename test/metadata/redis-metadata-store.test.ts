import type { Redis } from 'ioredis';
import {
  createRedisMetadataStore,
  redisMetadataKey,
} from '../../src/metadata/redis-metadata-store.js';
import { failFastRedisOptions } from '../../src/stats/redis-client-options.js';
import { LockLostError } from '../../src/stats/write-fence.js';
import { describeWithRedis, useRedis } from '../support/redis.js';
import { LEVEL, captureLogger } from '../support/capture-logger.js';
import { defaultsFrom, metadataStoreContract } from './metadata-store.contract.js';

describeWithRedis('the Redis metadata store', () => {
  const redisForTests = useRedis();
  let admin: Redis;

  beforeAll(() => {
    admin = redisForTests.connect();
  });

  function openStore(
    prefix: string,
    logger = captureLogger().logger,
    writeFence?: { lockKey: string; token: () => string | undefined },
  ) {
    return createRedisMetadataStore({
      redis: redisForTests.connect(failFastRedisOptions()),
      keyPrefix: prefix,
      logger,
      ...(writeFence === undefined ? {} : { writeFence }),
    });
  }

  describe('with a write fence (the poller lock)', () => {
    it('reconciles while the lock holds our token, and changes nothing once it changed hands', async () => {
      const prefix = redisForTests.freshPrefix();
      const lockKey = `${prefix}poller:lock`;
      await admin.set(lockKey, 'old-leader', 'PX', 10_000);
      const oldPoller = openStore(prefix, undefined, { lockKey, token: () => 'old-leader' });
      await oldPoller.reconcile(['a', 'b'], defaultsFrom('old').defaults);

      await admin.set(lockKey, 'new-leader', 'PX', 10_000);
      const late = oldPoller.reconcile(['a'], defaultsFrom('old').defaults); // would drop b

      await expect(late).rejects.toBeInstanceOf(LockLostError);
      expect(Object.keys(await admin.hgetall(redisMetadataKey(prefix))).sort()).toEqual(['a', 'b']);
    });

    it('does not even try while the lock says it is not held', async () => {
      const prefix = redisForTests.freshPrefix();
      const poller = openStore(prefix, undefined, {
        lockKey: `${prefix}poller:lock`,
        token: () => undefined,
      });
      await expect(poller.reconcile(['a'], defaultsFrom('x').defaults)).rejects.toBeInstanceOf(
        LockLostError,
      );
      expect(await admin.exists(redisMetadataKey(prefix))).toBe(0);
    });
  });

  describe('as a MetadataStore (the contract)', () => {
    metadataStoreContract(() => Promise.resolve(openStore(redisForTests.freshPrefix())));
  });

  it('keeps each queue as JSON in one hash', async () => {
    const prefix = redisForTests.freshPrefix();

    await openStore(prefix).reconcile(['vip'], defaultsFrom('first').defaults);

    expect(await admin.hgetall(redisMetadataKey(prefix))).toEqual({
      vip: JSON.stringify({ displayName: 'vip (first)' }),
    });
  });

  it('loses nothing when many processes reconcile at once', async () => {
    const prefix = redisForTests.freshPrefix();
    const names = Array.from({ length: 12 }, (_, i) => `queue-${i}`);
    await admin.hset(
      redisMetadataKey(prefix),
      'queue-0',
      JSON.stringify({ displayName: 'Custom' }),
    );
    const processes = Array.from({ length: 4 }, () => openStore(prefix));

    const results = await Promise.all(
      processes.flatMap((store, p) =>
        Array.from({ length: 6 }, (_, k) =>
          store.reconcile(names, defaultsFrom(`process ${p}, call ${k}`).defaults),
        ),
      ),
    );

    const stored = await processes[0]?.list();
    expect([...(stored?.keys() ?? [])].sort()).toEqual([...names].sort());
    expect(stored?.get('queue-0')).toEqual({ displayName: 'Custom' });
    // One atomic step each: every caller saw the same, complete result.
    for (const result of results)
      expect(result).toEqual(new Map(names.map((n) => [n, stored?.get(n)])));
  });

  it('ends with exactly the last list when different lists race', async () => {
    const prefix = redisForTests.freshPrefix();
    const [a, b] = [openStore(prefix), openStore(prefix)];
    await a.reconcile(['shared'], defaultsFrom('seed').defaults);

    await Promise.all([
      a.reconcile(['shared', 'only-a'], defaultsFrom('a').defaults),
      b.reconcile(['shared', 'only-b'], defaultsFrom('b').defaults),
    ]);

    const names = [...(await a.list()).keys()];
    expect([
      ['only-a', 'shared'],
      ['only-b', 'shared'],
    ]).toContainEqual(names);
    expect(await a.get('shared')).toEqual({ displayName: 'shared (seed)' });
  });

  it('keeps settings this version does not know yet (a newer process wrote them)', async () => {
    const prefix = redisForTests.freshPrefix();
    const newer = { displayName: 'VIP', openingHours: '08:00-20:00' };
    await admin.hset(redisMetadataKey(prefix), 'vip', JSON.stringify(newer));

    expect(await openStore(prefix).get('vip')).toEqual(newer);
  });

  it('leaves a malformed entry in place, omits it, and logs it once', async () => {
    const prefix = redisForTests.freshPrefix();
    const { logger, lines } = captureLogger();
    const store = openStore(prefix, logger);
    await admin.hset(redisMetadataKey(prefix), 'broken', '{"displayName":42}');

    expect(await store.list()).toEqual(new Map());
    const result = await store.reconcile(['broken', 'vip'], defaultsFrom('first').defaults);

    expect([...result.keys()]).toEqual(['vip']);
    expect(await admin.hget(redisMetadataKey(prefix), 'broken')).toBe('{"displayName":42}');
    const errors = lines.filter((line) => line.level === LEVEL.error);
    expect(errors).toEqual([
      expect.objectContaining({
        msg: 'metadata store: malformed metadata in Redis ignored',
        queue: 'broken',
      }),
    ]);
  });
});
