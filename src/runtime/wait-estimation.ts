import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
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
import type { OutboxStatus } from '../wait-time/queue-event-outbox.js';
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
 * little. Synchronous, for the embedded backend, the tests and the accuracy benchmark; the Redis
 * backend's is in redis-wait-estimation.ts.
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

/** Embedded: every poll's queue sizes straight into this process's count. */
export function applySnapshotSizes(estimation: WaitEstimation): (snapshot: StatsSnapshot) => void {
  return observeSnapshotSizes(estimation.activity, { repeatAfterMs: 0 });
}

/**
 * The learner, and the accuracy of announcements fed the same events after it (so it reads the
 * count the event left behind): whoever applies events to the one applies them to both.
 */
export function learnerFor(config: Config): {
  learner: QueueLearner;
  accuracy: AnnouncementAccuracy;
} {
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

export function estimatorFor(deps: { config: Config; clock: Clock }, learner: QueueLearner) {
  const { config, clock } = deps;
  return createLearnedEstimator({
    clock,
    learner,
    queues: config.queues,
    refreshSeconds: config.statsRefreshSeconds,
    fallback: createPositionEstimator({ clock, refreshSeconds: config.statsRefreshSeconds }),
  });
}
