import { RedisAbandonedNumbers } from '../../src/outbound/redis-abandoned-numbers.js';
import { failFastRedisOptions } from '../../src/redis/client-options.js';
import { describeWithRedis, useRedis } from '../support/redis.js';
import { abandonedNumbersContract } from './abandoned-numbers.contract.js';
import { T0 } from './campaign-fixtures.js';

const HOUR = 3_600_000;

describeWithRedis('the Redis abandoned-numbers register', () => {
  const redisForTests = useRedis();

  const openRegister = (keyPrefix: string) =>
    new RedisAbandonedNumbers(redisForTests.connect(failFastRedisOptions()), keyPrefix);

  describe('as an AbandonedNumbers (the contract)', () => {
    abandonedNumbersContract(() => Promise.resolve(openRegister(redisForTests.freshPrefix())));
  });

  it('keeps the numbers in one sorted set under the prefix, scored by time', async () => {
    const prefix = redisForTests.freshPrefix();
    await openRegister(prefix).record('+14155550101', T0);

    expect(
      await redisForTests.connect().zrange(`${prefix}abandoned_numbers`, '0', '-1', 'WITHSCORES'),
    ).toEqual(['+14155550101', String(T0)]);
  });

  it('each record trims the numbers abandoned 72 hours or more before it', async () => {
    const prefix = redisForTests.freshPrefix();
    const register = openRegister(prefix);
    await register.record('+14155550101', T0);
    await register.record('+14155550102', T0 + HOUR);

    await register.record('+14155550103', T0 + 72 * HOUR);

    expect(await redisForTests.connect().zrange(`${prefix}abandoned_numbers`, '0', '-1')).toEqual([
      '+14155550102',
      '+14155550103',
    ]);
  });

  it('an abandonment recorded by one process holds the number back for another', async () => {
    const prefix = redisForTests.freshPrefix();
    await openRegister(prefix).record('+14155550104', T0);

    expect(await openRegister(prefix).lastAbandonedAt('+14155550104', T0 + HOUR)).toBe(T0);
  });
});
