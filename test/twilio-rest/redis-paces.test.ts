import { setTimeout as sleep } from 'node:timers/promises';
import { createRedisPaces } from '../../src/twilio-rest/redis-rate-limiter.js';
import { failFastRedisOptions } from '../../src/redis/client-options.js';
import { startTcpProxy } from '../fixtures/tcp-proxy.js';
import { LEVEL, captureLogger } from '../support/capture-logger.js';
import { eventually } from '../support/eventually.js';
import { TEST_REDIS_URL, describeWithRedis, useRedis } from '../support/redis.js';
import { pacesContract } from './paces.contract.js';

describeWithRedis('the Redis paces (one budget for every process)', () => {
  const redisForTests = useRedis();
  const { logger } = captureLogger();
  /** Paces on a connection of its own: another process, as far as Redis can tell. */
  const process = (keyPrefix: string) =>
    createRedisPaces({
      redis: redisForTests.connect(failFastRedisOptions()),
      keyPrefix,
      fallbackProcesses: 2,
      logger,
    });

  describe('the contract', () => {
    pacesContract(() => {
      const keyPrefix = redisForTests.freshPrefix();
      const one = process(keyPrefix);
      const other = process(keyPrefix);
      return {
        pair: (pace) => [one.limiter(pace), other.limiter(pace)],
        pass: (ms) => sleep(ms),
        // Redis's clock moves while the calls are made: slots a second apart, 100 ms of slack.
        intervalMs: 1000,
        toleranceMs: 100,
      };
    });
  });

  it('while Redis is away, paces each process at the rate divided by the expected processes, says so once, and goes back to Redis', async () => {
    const proxy = await startTcpProxy(TEST_REDIS_URL);
    const redis = redisForTests.connect(failFastRedisOptions({ maxBackoffMs: 50 }), proxy.url);
    try {
      const { logger: outageLogger, lines } = captureLogger();
      let clock = 0;
      const paces = createRedisPaces({
        redis,
        keyPrefix: redisForTests.freshPrefix(),
        fallbackProcesses: 2,
        logger: outageLogger,
        now: () => clock,
      });
      const reads = paces.limiter({ name: 'reads', perSecond: 20, burst: 5 });
      const writes = paces.limiter({ name: 'writes', perSecond: 10, burst: 1 });
      expect((await reads.reserve()).waitMs).toBe(0);

      proxy.cut();
      const slots = [await reads.reserve(), await reads.reserve(), await reads.reserve()];
      const writeSlots = [await writes.reserve(), await writes.reserve()];

      // 20/s shared by 2 → 10/s here, and no burst: local bursts would add up across processes.
      expect(slots.map((slot) => slot.waitMs)).toEqual([0, 100, 200]);
      expect(writeSlots.map((slot) => slot.waitMs)).toEqual([0, 200]);
      const warnings = lines.filter((line) => line.level === LEVEL.warn);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]?.msg).toContain('REST_PACE_FALLBACK_PROCESSES');

      proxy.restore();
      await eventually(async () => {
        clock += 1_000; // past the wait before Redis is tried again
        expect((await reads.reserve()).waitMs).toBe(0); // the shared budget's burst again
        expect(lines.filter((line) => line.level === LEVEL.info).map((l) => l.msg)).toEqual([
          expect.stringContaining('account-wide again') as string,
        ]);
      });
      expect(lines.filter((line) => line.level === LEVEL.warn)).toHaveLength(1);
    } finally {
      // Closed before the proxy: closed mid-reconnection, ioredis leaves a 2 s timer running.
      redis.disconnect();
      await proxy.close();
    }
  });
});
