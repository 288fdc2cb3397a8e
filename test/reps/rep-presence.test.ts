import { failFastRedisOptions } from '../../src/redis/client-options.js';
import { MemoryRepPresence, type RepPresence } from '../../src/reps/rep-presence.js';
import { RedisRepPresence } from '../../src/reps/redis-rep-presence.js';
import { describeWithRedis, useRedis } from '../support/redis.js';

const T0 = 1_767_225_600_000;

function repPresenceContract(open: () => RepPresence): void {
  it('counts the reps whose park lasts at least until the time asked', async () => {
    const presence = open();
    await presence.park('CA1', 'outbound', T0 + 30_000);
    await presence.park('CA2', 'outbound', T0 + 10_000);
    await presence.park('CA3', 'customers', T0 + 30_000);

    expect(await presence.parkedThrough('outbound', T0 + 10_000)).toBe(2);
    expect(await presence.parkedThrough('outbound', T0 + 10_001)).toBe(1);
    expect(await presence.parkedThrough('outbound', T0 + 30_001)).toBe(0);
  });

  it('a rep who parks again is counted once, and one who leaves is not counted', async () => {
    const presence = open();
    await presence.park('CA1', 'outbound', T0 + 30_000);
    await presence.park('CA1', 'outbound', T0 + 60_000);
    expect(await presence.parkedThrough('outbound', T0)).toBe(1);
    await presence.leave('CA1', 'outbound');
    expect(await presence.parkedThrough('outbound', T0)).toBe(0);
  });
}

describe('rep presence in memory', () => {
  repPresenceContract(() => new MemoryRepPresence());
});

describeWithRedis('rep presence in Redis', () => {
  const redis = useRedis();
  repPresenceContract(
    () => new RedisRepPresence(redis.connect(failFastRedisOptions()), redis.freshPrefix()),
  );
});
