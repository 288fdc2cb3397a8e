import { RedisOptOutList } from '../../src/outbound/redis-opt-out-list.js';
import { failFastRedisOptions } from '../../src/redis/client-options.js';
import { describeWithRedis, useRedis } from '../support/redis.js';
import { T0 } from './campaign-fixtures.js';
import { optOutListContract } from './opt-out-list.contract.js';

describeWithRedis('the Redis opt-out list', () => {
  const redisForTests = useRedis();

  const openList = (keyPrefix: string) =>
    new RedisOptOutList(redisForTests.connect(failFastRedisOptions()), keyPrefix);

  describe('as an OptOutList (the contract)', () => {
    optOutListContract(() => Promise.resolve(openList(redisForTests.freshPrefix())));
  });

  it('keeps the list in a hash under the prefix, ordered by a sorted set beside it', async () => {
    const prefix = redisForTests.freshPrefix();
    await openList(prefix).add('+14155550101', { source: 'keypress', at: T0 });
    const admin = redisForTests.connect();

    expect(await admin.hgetall(`${prefix}opt_outs`)).toEqual({
      '+14155550101': JSON.stringify({ source: 'keypress', at: T0 }),
    });
    expect(await admin.zrange(`${prefix}opt_outs:order`, '0', '-1')).toEqual(['+14155550101']);
  });

  it('a number another system put in the hash alone is on the list for the dialer', async () => {
    const prefix = redisForTests.freshPrefix();
    await redisForTests.connect().hset(`${prefix}opt_outs`, '+14155550103', '{}');

    expect(await openList(prefix).has('+14155550103')).toBe(true);
  });

  it('is seen at once by another process', async () => {
    const prefix = redisForTests.freshPrefix();
    const [one, two] = [openList(prefix), openList(prefix)];
    await one.add('+14155550104', { source: 'api', at: T0 });
    expect(await two.has('+14155550104')).toBe(true);
    expect(await two.remove('+14155550104')).toBe(true);
    expect(await one.has('+14155550104')).toBe(false);
  });
});
