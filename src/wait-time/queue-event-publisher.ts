import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { untilReady } from '../stats/redis-client-options.js';
import { toFields, type SharedQueueEvent } from './queue-event-fields.js';

/** Replayed on start, and kept in the stream: several half-lives and the longest waits. */
export const HISTORY_MS = 6 * 3600 * 1000;

export const queueStreamKey = (keyPrefix: string) => `${keyPrefix}queue-events`;

/**
 * Appends queue events to the shared stream (Redis mode), trimming what is older than
 * HISTORY_MS as it goes. Fire and forget: a write that fails costs the estimator one sample,
 * never the webhook its answer.
 */
export function createQueueEventPublisher(options: {
  redis: Redis;
  keyPrefix: string;
  logger: Logger;
  now: () => number;
}): (event: SharedQueueEvent) => void {
  const { redis, logger } = options;
  const key = queueStreamKey(options.keyPrefix);
  return (event) => {
    const oldest = Math.max(0, options.now() - HISTORY_MS);
    const sent = untilReady(redis).then(() =>
      redis.xadd(key, 'MINID', '~', String(oldest), '*', ...toFields(event)),
    );
    sent.catch((error: unknown) => {
      logger.warn({ err: error }, 'could not share a queue event; the estimator misses it');
    });
  };
}
