import { Redis } from 'ioredis';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { failFastRedisOptions } from '../redis/client-options.js';
import {
  createAnnouncementAccuracy,
  type AnnouncementAccuracy,
} from '../wait-time/announcement-accuracy.js';
import type { WaitEstimator } from '../wait-time/estimator.js';
import { createLearnedEstimator } from '../wait-time/learned-estimator.js';
import { createMemoryQueueEventLog } from '../wait-time/memory-queue-events.js';
import { createPositionEstimator } from '../wait-time/position-estimator.js';
import type { QueueActivity } from '../wait-time/queue-activity.js';
import type { QueueEventLog } from '../wait-time/queue-events.js';
import { createQueueLearner, type QueueLearner } from '../wait-time/queue-learner.js';
import { createRedisQueueEventLog } from '../wait-time/redis-queue-events.js';
import { createSharedQueueActivity } from '../wait-time/redis-queue-stream.js';
import { createQueueEventOutbox, type OutboxStatus } from '../wait-time/queue-event-outbox.js';
import { observeSnapshotSizes } from '../wait-time/snapshot-sizes.js';
import type { StatsSnapshot } from '../stats/queue-stats.js';

/** The estimator the call path asks, who hears the queue events, and where they are kept. */
export interface WaitEstimation {
  readonly estimator: WaitEstimator;
  readonly activity: QueueActivity;
  readonly events: QueueEventLog;
  /** What callers were told against what they waited, from the same events. */
  readonly accuracy: AnnouncementAccuracy;
  /** Redis mode: queue events held for the shared stream, and dropped (undefined: embedded). */
  outboxStatus(): OutboxStatus | undefined;
  close(): Promise<void>;
}

/**
 * Embedded: this process sees every caller enter and leave, and learns the rates itself
 * (learned-estimator.ts), falling back on TaskRouter's cumulative stats while it has seen too
 * little. Synchronous, for the server's embedded mode, the tests and the accuracy benchmark.
 */
export function createWaitEstimation(deps: { config: Config; clock: Clock }): WaitEstimation {
  const { learner, accuracy } = learnerFor(deps.config);
  return {
    estimator: estimatorFor(deps, learner),
    activity: learner,
    events: createMemoryQueueEventLog(),
    accuracy,
    outboxStatus: () => undefined,
    close: () => Promise.resolve(),
  };
}

/**
 * With REDIS_URL a web process sees only its share of the webhooks: every process writes its
 * queue events to a shared Redis stream and learns from the whole stream, so all of them hold
 * the same rates and counts (see redis-queue-stream.ts). Embedded otherwise.
 */
export async function openWaitEstimation(deps: {
  config: Config;
  clock: Clock;
  logger: Logger;
  /** The process's shared command connection (Redis mode). */
  redis: Redis | undefined;
  /** Queue events held while Redis is away (default DEFAULT_OUTBOX_CAPACITY). */
  outboxCapacity?: number;
}): Promise<WaitEstimation> {
  const { config, redis } = deps;
  if (config.redis === undefined || redis === undefined) return createWaitEstimation(deps);
  const { learner, accuracy } = learnerFor(config);
  // Blocking reads need a connection of their own, with a timeout longer than the block.
  const reader = new Redis(config.redis.url, failFastRedisOptions({ commandTimeoutMs: 10_000 }));
  reader.on('error', () => undefined); // outages are logged by the stream's reader loop
  const shared = createSharedQueueActivity({
    redis,
    reader,
    keyPrefix: config.redis.keyPrefix,
    learner,
    logger: deps.logger,
    now: () => deps.clock.now(),
    outboxCapacity: deps.outboxCapacity,
  });
  await shared.start();
  return {
    estimator: estimatorFor(deps, learner),
    activity: shared.activity,
    events: createRedisQueueEventLog({ redis, keyPrefix: config.redis.keyPrefix }),
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
 * For the worker process (Redis mode): every poll's queue sizes, as stream entries that every
 * web process applies to its count in the same order. Through an outbox like the web processes'
 * events, so that a poll during a Redis stall does not wait on it; close() delivers what is held.
 */
export function publishSnapshotSizes(deps: {
  config: Config;
  clock: Clock;
  logger: Logger;
  redis: Redis;
}): { onSnapshot: (snapshot: StatsSnapshot) => void; close(): Promise<void> } {
  const outbox = createQueueEventOutbox({
    redis: deps.redis,
    keyPrefix: deps.config.redis?.keyPrefix ?? '',
    logger: deps.logger,
    now: () => deps.clock.now(),
  });
  const onSnapshot = observeSnapshotSizes(
    { queueSizeObserved: (observation) => outbox.publish({ kind: 'observed', ...observation }) },
    { repeatAfterMs: REPEAT_UNCHANGED_SIZE_MS },
  );
  return { onSnapshot, close: () => outbox.stop() };
}

/** Embedded: every poll's queue sizes straight into this process's count. */
export function applySnapshotSizes(estimation: WaitEstimation): (snapshot: StatsSnapshot) => void {
  return observeSnapshotSizes(estimation.activity, { repeatAfterMs: 0 });
}

/**
 * The learner, and the accuracy of announcements fed the same events after it (so it reads the
 * count the event left behind): whoever applies events to the one applies them to both.
 */
function learnerFor(config: Config): { learner: QueueLearner; accuracy: AnnouncementAccuracy } {
  const learner = createQueueLearner({
    halfLifeSeconds: config.waitEstimate.halfLifeMinutes * 60,
    freeAgentSeconds: config.waitEstimate.freeAgentSeconds,
  });
  const accuracy = createAnnouncementAccuracy({ waiting: (queue) => learner.waiting(queue) });
  return {
    learner: {
      ...learner,
      callerEntered(entry) {
        learner.callerEntered(entry);
        accuracy.callerEntered(entry);
      },
      callerLeft(event) {
        learner.callerLeft(event);
        accuracy.callerLeft(event);
      },
    },
    accuracy,
  };
}

function estimatorFor(deps: { config: Config; clock: Clock }, learner: QueueLearner) {
  const { config, clock } = deps;
  return createLearnedEstimator({
    clock,
    learner,
    queues: config.queues,
    refreshSeconds: config.statsRefreshSeconds,
    fallback: createPositionEstimator({ clock, refreshSeconds: config.statsRefreshSeconds }),
  });
}
