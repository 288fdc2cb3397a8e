import { RedisCallbackStore } from '../../src/callbacks/redis-callback-store.js';
import { failFastRedisOptions } from '../../src/redis/client-options.js';
import { describeWithRedis, useRedis } from '../support/redis.js';
import { aliceRequest, callbackStoreContract } from './callback-store.contract.js';

describeWithRedis('the Redis callback store', () => {
  const redisForTests = useRedis();
  let prefix = '';

  const openStore = () =>
    new RedisCallbackStore(redisForTests.connect(failFastRedisOptions()), prefix);

  describe('contract (a restart is a new connection)', () => {
    callbackStoreContract(
      () => {
        prefix = redisForTests.freshPrefix();
        return Promise.resolve(openStore());
      },
      () => Promise.resolve(openStore()),
    );
  });

  it('keeps each callback as JSON in one hash under the prefix', async () => {
    prefix = redisForTests.freshPrefix();
    const { callback } = await openStore().request(aliceRequest);

    const stored = await redisForTests.connect().hget(`${prefix}callbacks`, callback.id);
    expect(JSON.parse(stored ?? 'null')).toEqual(callback);
  });

  it('a value it cannot read is left out of the list, not fatal', async () => {
    prefix = redisForTests.freshPrefix();
    await redisForTests.connect().hset(`${prefix}callbacks`, 'cb-junk', '{"id":1}');
    await openStore().request(aliceRequest);

    expect((await openStore().list()).map((c) => c.id)).toEqual([
      'cb-CA00000000000000000000000000000001',
    ]);
  });
});
