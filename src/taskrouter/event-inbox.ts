import type { Redis } from 'ioredis';
import { untilReady } from '../redis/client-options.js';

/**
 * Remembers which TaskRouter event deliveries were taken, so a repeated delivery (TaskRouter
 * retries, a proxy repeats) does its work once. Kept a day: far longer than any retry.
 */
export interface EventInbox {
  /** True the first time a key is offered within the retention; false after. */
  firstDelivery(key: string, now: number): Promise<boolean>;
  /** Un-takes a delivery whose work could not be started, so its retry is taken. */
  forget(key: string): Promise<void>;
}

export const EVENT_RETENTION_MS = 24 * 3600 * 1000;

/** One process: a Map, pruned of keys past the retention as it goes. */
export function createMemoryEventInbox(): EventInbox {
  const seen = new Map<string, number>();
  return {
    firstDelivery(key, now) {
      if (seen.size > 0 && seen.size % 1024 === 0) {
        for (const [old, at] of seen) if (now - at > EVENT_RETENTION_MS) seen.delete(old);
      }
      const at = seen.get(key);
      if (at !== undefined && now - at <= EVENT_RETENTION_MS) return Promise.resolve(false);
      seen.set(key, now);
      return Promise.resolve(true);
    },
    forget(key) {
      seen.delete(key);
      return Promise.resolve();
    },
  };
}

/**
 * Many processes: SET NX with an expiry, so exactly one process takes each delivery. `kind`
 * names the deliveries' source in the key (Event Streams use the same inbox under their own).
 */
export function createRedisEventInbox(options: {
  redis: Redis;
  keyPrefix: string;
  kind?: string;
}): EventInbox {
  const { redis } = options;
  const kind = options.kind ?? 'taskrouter-event';
  const keyOf = (key: string) => `${options.keyPrefix}${kind}:${key}`;
  return {
    async firstDelivery(key) {
      await untilReady(redis);
      const set = await redis.set(keyOf(key), '1', 'PX', EVENT_RETENTION_MS, 'NX');
      return set === 'OK';
    },
    async forget(key) {
      await redis.del(keyOf(key));
    },
  };
}
