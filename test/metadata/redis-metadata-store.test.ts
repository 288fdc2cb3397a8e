import type { Redis } from 'ioredis';
import { defaultQueueMetadata } from '../../src/metadata/queue-metadata.js';
import {
  createRedisMetadataStore,
  redisMetadataKey,
  redisMetadataVersionsKey,
} from '../../src/metadata/redis-metadata-store.js';
import { failFastRedisOptions } from '../../src/redis/client-options.js';
import { LockLostError } from '../../src/redis/write-fence.js';
import { describeWithRedis, useRedis } from '../support/redis.js';
import { LEVEL, captureLogger } from '../support/capture-logger.js';
import {
  defaultsFrom,
  editedBy,
  madeBy,
  metadataOf,
  metadataStoreContract,
} from './metadata-store.contract.js';

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

    it("still saves supervisors' edits while the lock is in other hands (edits are not the poller's)", async () => {
      const prefix = redisForTests.freshPrefix();
      const lockKey = `${prefix}poller:lock`;
      await admin.set(lockKey, 'old-leader', 'PX', 10_000);
      const poller = openStore(prefix, undefined, { lockKey, token: () => 'old-leader' });
      await poller.reconcile(['a'], defaultsFrom('old').defaults);
      await admin.set(lockKey, 'new-leader', 'PX', 10_000);
      const web = openStore(prefix, undefined, { lockKey, token: () => undefined });

      expect(await web.update('a', editedBy('alice', 'a'), 1)).toEqual({
        kind: 'saved',
        version: 2,
      });
      expect(await poller.get('a')).toEqual({ metadata: editedBy('alice', 'a'), version: 2 });
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

  it('keeps each queue as JSON in one hash, and versions past 1 in another', async () => {
    const prefix = redisForTests.freshPrefix();
    const store = openStore(prefix);

    await store.reconcile(['vip', 'customers'], defaultsFrom('first').defaults);
    await store.update('vip', editedBy('alice', 'vip'), 1);

    expect(await admin.hgetall(redisMetadataKey(prefix))).toEqual({
      vip: JSON.stringify(editedBy('alice', 'vip')),
      customers: JSON.stringify(madeBy('first', 'customers')),
    });
    expect(await admin.hgetall(redisMetadataVersionsKey(prefix))).toEqual({ vip: '2' });
  });

  it('reads an entry an older holdline wrote (display name only) as the defaults with that name, at version 1', async () => {
    const prefix = redisForTests.freshPrefix();
    await admin.hset(redisMetadataKey(prefix), 'vip', '{"displayName":"VIP line"}');
    const store = openStore(prefix);

    const expected = { ...defaultQueueMetadata('vip'), displayName: 'VIP line' };
    expect(await store.get('vip')).toEqual({ metadata: expected, version: 1 });
    expect(await store.list()).toEqual(new Map([['vip', expected]]));
    expect(await store.update('vip', editedBy('alice', 'vip'), 1)).toEqual({
      kind: 'saved',
      version: 2,
    });
    expect(await store.get('vip')).toEqual({ metadata: editedBy('alice', 'vip'), version: 2 });
  });

  it('drops the version of a queue it deletes, and keeps the versions of queues it keeps', async () => {
    const prefix = redisForTests.freshPrefix();
    const store = openStore(prefix);
    await store.reconcile(['vip', 'customers'], defaultsFrom('first').defaults);
    await store.update('vip', editedBy('alice', 'vip'), 1);
    await store.update('customers', editedBy('alice', 'customers'), 1);

    await store.reconcile(['vip', 'spanish'], defaultsFrom('second').defaults);

    expect(await admin.hgetall(redisMetadataVersionsKey(prefix))).toEqual({ vip: '2' });
  });

  it('starts a queue it adds at version 1, whatever version an older holdline left behind', async () => {
    const prefix = redisForTests.freshPrefix();
    // An older holdline deleted the queue from the metadata hash only: it knew no versions.
    await admin.hset(redisMetadataVersionsKey(prefix), 'vip', '7');
    const store = openStore(prefix);

    await store.reconcile(['vip'], defaultsFrom('first').defaults);

    expect(await store.get('vip')).toEqual({ metadata: madeBy('first', 'vip'), version: 1 });
    expect(await admin.hexists(redisMetadataVersionsKey(prefix), 'vip')).toBe(0);
  });

  it('loses nothing when many processes reconcile at once', async () => {
    const prefix = redisForTests.freshPrefix();
    const names = Array.from({ length: 12 }, (_, i) => `queue-${i}`);
    await admin.hset(redisMetadataKey(prefix), 'queue-0', JSON.stringify(editedBy('x', 'queue-0')));
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
    expect(stored?.get('queue-0')).toEqual(editedBy('x', 'queue-0'));
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
    expect(await a.get('shared')).toEqual({ metadata: madeBy('seed', 'shared'), version: 1 });
  });

  it('reads an entry a newer holdline wrote without the settings it does not know, and leaves them in Redis', async () => {
    const prefix = redisForTests.freshPrefix();
    const newer = JSON.stringify({ ...metadataOf('vip'), displayName: 'VIP', callbackOffer: true });
    await admin.hset(redisMetadataKey(prefix), 'vip', newer);
    const store = openStore(prefix);

    expect(await store.get('vip')).toEqual({
      metadata: metadataOf('vip', { displayName: 'VIP' }),
      version: 1,
    });
    await store.reconcile(['vip'], defaultsFrom('first').defaults);
    expect(await admin.hget(redisMetadataKey(prefix), 'vip')).toBe(newer);
  });

  it('leaves a malformed entry in place, omits it, and logs it once', async () => {
    const prefix = redisForTests.freshPrefix();
    const { logger, lines } = captureLogger();
    const store = openStore(prefix, logger);
    await admin.hset(redisMetadataKey(prefix), 'broken', '{"displayName":42}');

    expect(await store.list()).toEqual(new Map());
    expect(await store.get('broken')).toBeUndefined();
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

  it('treats a queue whose version is malformed as absent, and logs it once', async () => {
    const prefix = redisForTests.freshPrefix();
    const { logger, lines } = captureLogger();
    const store = openStore(prefix, logger);
    await store.reconcile(['vip'], defaultsFrom('first').defaults);
    await admin.hset(redisMetadataVersionsKey(prefix), 'vip', 'two');

    expect(await store.get('vip')).toBeUndefined();
    expect(await store.get('vip')).toBeUndefined();
    expect(await store.update('vip', editedBy('alice', 'vip'), 1)).toEqual({ kind: 'not-found' });

    expect(lines.filter((line) => line.level === LEVEL.error)).toEqual([
      expect.objectContaining({
        key: redisMetadataVersionsKey(prefix),
        queue: 'vip',
        msg: 'metadata store: malformed metadata in Redis ignored',
      }),
    ]);
  });
});
