import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { WaitEstimator } from '../wait-time/estimator.js';
import { createLearnedEstimator } from '../wait-time/learned-estimator.js';
import { createPositionEstimator } from '../wait-time/position-estimator.js';
import { NO_QUEUE_ACTIVITY, type QueueActivity } from '../wait-time/queue-activity.js';
import { createQueueLearner } from '../wait-time/queue-learner.js';

/**
 * The estimator the call path asks, and who hears the queue events. Embedded: this process sees
 * every caller enter and leave, so it learns the rates itself (learned-estimator.ts), falling
 * back on TaskRouter's cumulative stats while it has seen too little. With REDIS_URL each web
 * process sees only the webhooks that reach it, and rates learned from a share of the calls
 * would differ from process to process: until the processes share their queue events, they all
 * answer from the stats in Redis, the same for each.
 */
export function createWaitEstimation(deps: { config: Config; clock: Clock }): {
  estimator: WaitEstimator;
  activity: QueueActivity;
} {
  const { config, clock } = deps;
  const fromStats = createPositionEstimator({
    clock,
    refreshSeconds: config.statsRefreshSeconds,
  });
  if (config.redis !== undefined) return { estimator: fromStats, activity: NO_QUEUE_ACTIVITY };
  const learner = createQueueLearner({
    halfLifeSeconds: config.waitEstimate.halfLifeMinutes * 60,
    freeAgentSeconds: config.waitEstimate.freeAgentSeconds,
  });
  return {
    activity: learner,
    estimator: createLearnedEstimator({
      clock,
      learner,
      queues: config.queues,
      refreshSeconds: config.statsRefreshSeconds,
      fallback: fromStats,
    }),
  };
}
