import { Redis } from 'ioredis';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { failFastRedisOptions } from '../redis/client-options.js';
import type { StatsSnapshot } from '../stats/queue-stats.js';
import { createQueueEventOutbox } from '../wait-time/queue-event-outbox.js';
import { createRedisQueueEventLog } from '../wait-time/redis-queue-events.js';
import { createSharedQueueActivity } from '../wait-time/redis-queue-stream.js';
import { observeSnapshotSizes } from '../wait-time/snapshot-sizes.js';
import { estimatorFor, learnerFor, type WaitEstimation } from './wait-estimation.js';

/** Where the shared stream lives. */
export interface SharedStreamSettings {
  readonly url: string;
  readonly keyPrefix: string;
}

/**
 * With REDIS_URL a web process sees only its share of the webhooks: every process writes its
 * queue events to a shared Redis stream and learns from the whole stream, so all of them hold
 * the same rates and counts (see redis-queue-stream.ts).
 */
export async function openSharedWaitEstimation(deps: {
  config: Config;
  settings: SharedStreamSettings;
  clock: Clock;
  logger: Logger;
  /** The process's shared command connection. */
  redis: Redis;
  /** Queue events held while Redis is away (default DEFAULT_OUTBOX_CAPACITY). */
  outboxCapacity?: number | undefined;
}): Promise<WaitEstimation> {
  const { config, settings, redis } = deps;
  const { learner, accuracy } = learnerFor(config);
  // Blocking reads need a connection of their own, with a timeout longer than the block.
  const reader = new Redis(settings.url, failFastRedisOptions({ commandTimeoutMs: 10_000 }));
  reader.on('error', () => undefined); // outages are logged by the stream's reader loop
  const shared = createSharedQueueActivity({
    redis,
    reader,
    keyPrefix: settings.keyPrefix,
    learner,
    logger: deps.logger,
    now: () => deps.clock.now(),
    outboxCapacity: deps.outboxCapacity,
  });
  await shared.start();
  return {
    estimator: estimatorFor(deps, learner),
    activity: shared.activity,
    events: createRedisQueueEventLog({ redis, keyPrefix: settings.keyPrefix }),
    accuracy,
    outboxStatus: () => shared.outboxStatus(),
    close: async () => {
      await shared.stop();
      reader.disconnect();
    },
  };
}

/** How often the worker repeats a queue size that did not change (see snapshot-sizes.ts). */
const REPEAT_UNCHANGED_SIZE_MS = 60_000;

/**
 * For the worker process: every poll's queue sizes, as stream entries that every web process
 * applies to its count in the same order. Through an outbox like the web processes' events, so
 * that a poll during a Redis stall does not wait on it; close() delivers what is held.
 */
export function publishSnapshotSizes(deps: {
  keyPrefix: string;
  clock: Clock;
  logger: Logger;
  redis: Redis;
}): { onSnapshot: (snapshot: StatsSnapshot) => void; close(): Promise<void> } {
  const outbox = createQueueEventOutbox({
    redis: deps.redis,
    keyPrefix: deps.keyPrefix,
    logger: deps.logger,
    now: () => deps.clock.now(),
  });
  const onSnapshot = observeSnapshotSizes(
    { queueSizeObserved: (observation) => outbox.publish({ kind: 'observed', ...observation }) },
    { repeatAfterMs: REPEAT_UNCHANGED_SIZE_MS },
  );
  return { onSnapshot, close: () => outbox.stop() };
}
