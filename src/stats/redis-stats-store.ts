import type { Redis } from 'ioredis';
import { systemClock, type Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { StatsSnapshot } from './queue-stats.js';
import { requireFailFast, untilReady } from '../redis/client-options.js';
import { createOutageLog, type OutageMetrics } from '../redis/outage-log.js';
import {
  READ_SNAPSHOT_LUA,
  WRITE_SNAPSHOT_LUA,
  decodeReadReply,
  redisStatsKeys,
} from './redis-snapshot-format.js';
import type { StatsStore } from './stats-store.js';
import { createSubscription } from '../redis/subscription.js';
import { LockLostError, type WriteFence } from '../redis/write-fence.js';

export { LockLostError, type WriteFence };

export interface RedisStatsStoreOptions {
  /** The command connection, owned by the caller; must be fail-fast (failFastRedisOptions). */
  readonly redis: Redis;
  /** A connection for change notices, owned by the caller; by default one of our own. */
  readonly subscriber?: Redis;
  /** Namespaces every key and channel, e.g. 'holdline:'. */
  readonly keyPrefix: string;
  /** Re-read period, for notices missed while the subscriber was away. */
  readonly refreshIntervalMs: number;
  readonly logger: Logger;
  /** Given: writes succeed only while this process holds the poller lock. */
  readonly writeFence?: WriteFence;
  /** For status().lastReadAt. */
  readonly clock?: Clock;
  /** Outage reminders at most this often (default one a minute). */
  readonly outageWarnEveryMs?: number;
  readonly metrics?: OutageMetrics;
}

export interface RedisStoreStatus {
  /** A read has succeeded, the last one did, and the connection is up. */
  readonly reachable: boolean;
  /** Epoch ms of the last successful read. */
  readonly lastReadAt?: number;
  /** Why the last read failed, or why its value was ignored. */
  readonly lastError?: string;
}

export interface RedisStatsStore extends StatsStore {
  /** Subscribes, starts the refresh timer and makes the first read. Resolves even if Redis is down. */
  start(): Promise<void>;
  /** Stops the timer and the subscription; closes the subscriber if it is ours. */
  close(): Promise<void>;
  status(): RedisStoreStatus;
}

interface Held {
  readonly revision: number;
  readonly snapshot: StatsSnapshot;
}

/**
 * The stats cache shared by many processes. The poller writes one snapshot per cycle (one hash:
 * revision + JSON, replaced whole) and announces it; every process keeps the newest snapshot it
 * has read in memory, so the call path never waits on Redis and keeps answering through an
 * outage. readSnapshot() is a real read (readiness, API) and fails fast when Redis is away.
 */
export function createRedisStatsStore(options: RedisStatsStoreOptions): RedisStatsStore {
  const { redis, logger } = options;
  requireFailFast(redis, 'the Redis stats store');
  const keys = redisStatsKeys(options.keyPrefix);
  const clock = options.clock ?? systemClock;
  const outage = createOutageLog({
    logger,
    subject: 'stats store refresh',
    warnEveryMs: options.outageWarnEveryMs,
    ...(options.metrics === undefined ? {} : { metrics: options.metrics }),
  });
  let held: Held | undefined;
  let lastReadAt: number | undefined;
  let lastError: string | undefined;
  let lastReadFailed = false;
  let lastMalformed: string | undefined;
  let inFlight: Promise<void> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const subscription = createSubscription({
    redis,
    subscriber: options.subscriber,
    channel: keys.channel,
    logger,
    onNotice: () => refresh('notice'),
  });

  /** Newer revisions only: replies can race, and Redis may briefly serve an older value. */
  function hold(candidate: Held): void {
    if (held === undefined || candidate.revision > held.revision) held = candidate;
  }

  async function read(): Promise<void> {
    try {
      await untilReady(redis);
      const reply = await redis.eval(
        READ_SNAPSHOT_LUA,
        1,
        keys.snapshot,
        held === undefined ? '' : String(held.revision),
      );
      lastReadAt = clock.now();
      lastReadFailed = false;
      lastError = undefined;
      outage.succeeded();
      accept(reply);
    } catch (error) {
      lastReadFailed = true;
      lastError = error instanceof Error ? error.message : String(error);
      outage.failed(error);
      throw error;
    }
  }

  function accept(reply: unknown): void {
    const result = decodeReadReply(reply);
    if (result.kind === 'snapshot') hold(result);
    if (result.kind !== 'malformed') return;
    lastError = `ignored a malformed snapshot in Redis (${result.problem})`;
    if (result.fingerprint === lastMalformed) return;
    lastMalformed = result.fingerprint;
    logger.error(
      { key: keys.snapshot, problem: result.problem },
      'stats store: malformed snapshot in Redis ignored; keeping the one held',
    );
  }

  /**
   * One read at a time. A notice that arrives during a read asks for one more after it (the
   * read may have missed that write); a timer tick during a read is simply dropped.
   */
  function refresh(cause: 'notice' | 'timer'): void {
    if (closed) return;
    if (inFlight !== undefined) {
      if (cause === 'notice') again = true;
      return;
    }
    inFlight = (async () => {
      do {
        again = false;
        await read().catch(() => undefined); // recorded in status() and the outage log
      } while (again && !closed);
    })().finally(() => {
      inFlight = undefined;
    });
  }

  return {
    currentSnapshot: () => held?.snapshot,

    /**
     * A real read; then the newest snapshot this process knows, which is the one in Redis
     * unless Redis lost it (restarted empty) or holds an older or malformed one.
     */
    async readSnapshot() {
      await read();
      return held?.snapshot;
    },

    async writeSnapshot(snapshot) {
      const json = JSON.stringify(snapshot);
      const fence = options.writeFence;
      let reply: unknown;
      await untilReady(redis);
      if (fence === undefined) {
        reply = await redis.eval(WRITE_SNAPSHOT_LUA, 1, keys.snapshot, json, keys.channel);
      } else {
        const token = fence.token();
        if (token === undefined) throw new LockLostError(fence.lockKey);
        reply = await redis.eval(
          WRITE_SNAPSHOT_LUA,
          2,
          keys.snapshot,
          fence.lockKey,
          json,
          keys.channel,
          token,
        );
      }
      if (reply === -1 && fence !== undefined) throw new LockLostError(fence.lockKey);
      const revision = Number(reply);
      if (!Number.isSafeInteger(revision) || revision <= 0) {
        throw new Error(`stats store: unexpected reply to a write: ${JSON.stringify(reply)}`);
      }
      hold({ revision, snapshot });
    },

    async start() {
      if (timer !== undefined || closed) return;
      timer = setInterval(() => refresh('timer'), options.refreshIntervalMs);
      timer.unref();
      // Subscribed before the first read, so nothing written in between goes unannounced.
      await subscription.start();
      refresh('notice');
      await inFlight;
    },

    async close() {
      closed = true;
      clearInterval(timer);
      await subscription.close();
      await inFlight;
    },

    status: () => ({
      reachable: lastReadAt !== undefined && !lastReadFailed && redis.status === 'ready',
      ...(lastReadAt === undefined ? {} : { lastReadAt }),
      ...(lastError === undefined ? {} : { lastError }),
    }),
  };
}
