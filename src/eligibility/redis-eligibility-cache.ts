import type { ChainableCommander, Redis } from 'ioredis';
import { requireFailFast, untilReady } from '../redis/client-options.js';
import type { EligibilityCache } from './eligibility-cache.js';

/** The keys of one deployment's cache. */
export function redisEligibilityKeys(keyPrefix: string) {
  return {
    workers: `${keyPrefix}eligibility:workers`,
    queues: `${keyPrefix}eligibility:queues`,
    syncedAt: `${keyPrefix}eligibility:synced-at`,
    syncClaim: `${keyPrefix}eligibility:sync-claim`,
  };
}

/**
 * Many processes, one cache, so an event any of them takes updates what all of them judge by.
 * Layout, under the prefix:
 * - `eligibility:workers`: hash, worker SID → attributes JSON text. A hash, not a key per worker:
 *   an expression change reads every worker, which is one HGETALL.
 * - `eligibility:queues`: hash, queue SID → TargetWorkers expression.
 * - `eligibility:synced-at`: string, epoch ms of the last full sync.
 * - `eligibility:sync-claim`: string (the claimant's `now`), set NX with a PX expiry, so of many
 *   processes starting at once one runs the full sync; Redis expires it, nobody releases it.
 * setQueue/removeQueue/replaceQueues are each one MULTI: two processes taking events for the
 * same queue at once each get the expression the other replaced, never the same "before"; and
 * no reader sees the queues hash half replaced. Nothing expires but the claim: a full sync
 * replaces the queues, and each worker event rewrites its worker.
 */
export function createRedisEligibilityCache(options: {
  redis: Redis;
  keyPrefix: string;
}): EligibilityCache {
  const { redis } = options;
  requireFailFast(redis, 'the Redis eligibility cache');
  const keys = redisEligibilityKeys(options.keyPrefix);

  return {
    async workers() {
      await untilReady(redis);
      return new Map(Object.entries(await redis.hgetall(keys.workers)));
    },
    async setWorker(workerSid, attributes) {
      await untilReady(redis);
      await redis.hset(keys.workers, workerSid, attributes);
    },
    async removeWorker(workerSid) {
      await untilReady(redis);
      await redis.hdel(keys.workers, workerSid);
    },
    async queues() {
      await untilReady(redis);
      return new Map(Object.entries(await redis.hgetall(keys.queues)));
    },
    async setQueue(queueSid, expression) {
      await untilReady(redis);
      const multi = redis
        .multi()
        .hget(keys.queues, queueSid)
        .hset(keys.queues, queueSid, expression);
      return textOrUndefined((await replies(multi))[0]);
    },
    async removeQueue(queueSid) {
      await untilReady(redis);
      const multi = redis.multi().hget(keys.queues, queueSid).hdel(keys.queues, queueSid);
      return textOrUndefined((await replies(multi))[0]);
    },
    async replaceQueues(next) {
      await untilReady(redis);
      const multi = redis.multi().del(keys.queues);
      // HSET with no fields is an error; an empty map leaves the hash deleted, which is empty.
      if (next.size > 0) multi.hset(keys.queues, ...[...next].flat());
      await replies(multi);
    },
    async syncedAt() {
      await untilReady(redis);
      const text = await redis.get(keys.syncedAt);
      const at = text === null ? Number.NaN : Number(text);
      // Unreadable counts as never synced: the worst that does is one full sync too many.
      return Number.isFinite(at) ? at : undefined;
    },
    async markSynced(now) {
      await untilReady(redis);
      await redis.set(keys.syncedAt, String(now));
    },
    async claimSync(now, ttlMs) {
      await untilReady(redis);
      // The expiry runs on Redis's clock, not `now`'s: every process agrees on it that way. PX
      // takes a whole number from 1, so a shorter or fractional ttl is rounded up.
      const ttl = Math.max(1, Math.ceil(ttlMs));
      return (await redis.set(keys.syncClaim, String(now), 'PX', ttl, 'NX')) === 'OK';
    },
  };
}

/** Every reply of a MULTI, in order; the first command's error, if any, is thrown. */
async function replies(multi: ChainableCommander): Promise<unknown[]> {
  const results = await multi.exec();
  if (results === null) throw new Error('eligibility cache: the transaction was discarded');
  return results.map(([error, reply]) => {
    if (error !== null) throw error;
    return reply;
  });
}

function textOrUndefined(reply: unknown): string | undefined {
  if (reply === null) return undefined;
  if (typeof reply === 'string') return reply;
  throw new Error(`eligibility cache: unexpected reply from Redis: ${JSON.stringify(reply)}`);
}
