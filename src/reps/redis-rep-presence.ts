import type { Redis } from 'ioredis';
import { untilReady } from '../redis/client-options.js';
import { STALE_AFTER_MS, type RepPresence } from './rep-presence.js';

/**
 * Every web process's rep loop parks reps here and the worker's dialer counts them: one sorted
 * set per queue, each rep scored by when its park ends.
 */
export class RedisRepPresence implements RepPresence {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
  ) {}

  async park(rep: string, queue: string, until: number): Promise<void> {
    const key = this.key(queue);
    await untilReady(this.redis);
    await this.redis
      .multi()
      .zadd(key, until, rep)
      .zremrangebyscore(key, '-inf', until - STALE_AFTER_MS)
      .exec();
  }

  async leave(rep: string, queue: string): Promise<void> {
    await untilReady(this.redis);
    await this.redis.zrem(this.key(queue), rep);
  }

  async parkedThrough(queue: string, until: number): Promise<number> {
    await untilReady(this.redis);
    return this.redis.zcount(this.key(queue), until, '+inf');
  }

  private key(queue: string): string {
    return `${this.keyPrefix}reps:parked:${queue}`;
  }
}
