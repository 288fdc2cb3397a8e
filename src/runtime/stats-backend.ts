import { Redis } from 'ioredis';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics/registry.js';
import { openFileMetadataStore } from '../metadata/file-metadata-store.js';
import type { MetadataStore } from '../metadata/metadata-store.js';
import { openFileJobStore } from '../jobs/file-job-store.js';
import type { JobStore } from '../jobs/job-store.js';
import { createRedisJobStore } from '../jobs/redis-job-store.js';
import { createRedisMetadataStore } from '../metadata/redis-metadata-store.js';
import { createMemoryStatsStore } from '../stats/memory-stats-store.js';
import { failFastRedisOptions } from '../redis/client-options.js';
import { createRedisStatsStore, type WriteFence } from '../stats/redis-stats-store.js';
import type { StatsStore } from '../stats/stats-store.js';
import { createMemoryPaces, type Paces } from '../twilio-rest/rate-limiter.js';
import { createRedisPaces } from '../twilio-rest/redis-rate-limiter.js';

/** The stores a process works with, and the connection behind them when shared. */
export interface StatsBackend {
  readonly stats: StatsStore;
  readonly metadata: MetadataStore;
  /** Long work in batches: a file under DATA_DIR (embedded), or Redis, shared by every process. */
  readonly jobs: JobStore;
  /** The REST paces: in this process (embedded), or one budget per pace for every process (Redis). */
  readonly paces: Paces;
  /** The shared connection (Redis mode), for the poller lock. */
  readonly redis: Redis | undefined;
  close(): Promise<void>;
}

/**
 * Embedded: the stats in memory, the metadata in a file under DATA_DIR (supervisors' edits must
 * survive a restart; the stats come back with the next poll). Redis (REDIS_URL): both in Redis,
 * on one fail-fast connection (a command fails at once while Redis is away instead of
 * queueing), the stats store holding its last read for the call path. Resolves even while Redis is down: webhooks must
 * start answering anyway, and the connection comes back by itself.
 */
export async function openStatsBackend(options: {
  config: Config;
  logger: Logger;
  /** The poller's writes, guarded by its lock (worker only). */
  writeFence?: (redis: Redis) => WriteFence;
  /** Counts the stats store's Redis outages. */
  metrics?: Metrics;
}): Promise<StatsBackend> {
  const { config, logger } = options;
  if (config.redis === undefined) {
    return {
      stats: createMemoryStatsStore(),
      metadata: await openFileMetadataStore({ dir: config.dataDir, logger }),
      jobs: await openFileJobStore({ dir: config.dataDir, logger }),
      paces: createMemoryPaces(),
      redis: undefined,
      close: () => Promise.resolve(),
    };
  }
  const redis = new Redis(config.redis.url, failFastRedisOptions());
  // ioredis reports every failed reconnection as an 'error' event; the stores log outages.
  redis.on('error', () => undefined);
  // The poller's writes (worker) are fenced by its lock: the snapshot and metadata alike.
  const fence = options.writeFence === undefined ? {} : { writeFence: options.writeFence(redis) };
  const stats = createRedisStatsStore({
    redis,
    keyPrefix: config.redis.keyPrefix,
    // Change notices bring each new snapshot at once; the timer only catches missed ones.
    refreshIntervalMs: config.statsRefreshSeconds * 1000,
    logger,
    ...fence,
    ...(options.metrics === undefined ? {} : { metrics: options.metrics }),
  });
  await stats.start();
  return {
    stats,
    metadata: createRedisMetadataStore({
      redis,
      keyPrefix: config.redis.keyPrefix,
      logger,
      ...fence,
    }),
    jobs: createRedisJobStore({ redis, keyPrefix: config.redis.keyPrefix, logger }),
    paces: createRedisPaces({
      redis,
      keyPrefix: config.redis.keyPrefix,
      fallbackProcesses: config.redis.paceFallbackProcesses,
      logger,
    }),
    redis,
    async close() {
      await stats.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
