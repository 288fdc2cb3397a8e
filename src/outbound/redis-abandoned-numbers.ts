import type { Redis } from 'ioredis';
import { requireFailFast, untilReady } from '../redis/client-options.js';
import { ABANDONED_MEMORY_MS, type AbandonedNumbers } from './abandoned-numbers.js';

/**
 * The register every process shares:
 *   abandoned_numbers  ZSET phone -> when its last call was abandoned (epoch ms)
 * A sorted set rather than a key per number with a TTL: the times are ours (the clock that ended
 * the attempt), not the Redis server's, and every record trims what is older than 72 h, so the
 * set holds about three days of abandonments.
 */
export class RedisAbandonedNumbers implements AbandonedNumbers {
  private readonly key: string;

  constructor(
    private readonly redis: Redis,
    keyPrefix: string,
  ) {
    requireFailFast(redis, 'the Redis abandoned-numbers register');
    this.key = `${keyPrefix}abandoned_numbers`;
  }

  async record(phone: string, at: number): Promise<void> {
    await untilReady(this.redis);
    const replies = await this.redis
      .multi()
      // GT: an abandonment reported late never moves the number's last one back.
      .zadd(this.key, 'GT', at, phone)
      .zremrangebyscore(this.key, '-inf', at - ABANDONED_MEMORY_MS)
      .exec();
    if (replies === null) throw new Error('the abandoned-numbers transaction was not run');
    for (const [error] of replies) if (error !== null) throw error;
  }

  async lastAbandonedAt(phone: string, now: number): Promise<number | undefined> {
    await untilReady(this.redis);
    const score = await this.redis.zscore(this.key, phone);
    if (score === null) return undefined;
    const at = Number(score);
    return at > now - ABANDONED_MEMORY_MS ? at : undefined;
  }
}
