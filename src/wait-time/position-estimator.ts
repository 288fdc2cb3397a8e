import type { Clock } from '../clock.js';
import { findQueue, isFresh } from '../stats/queue-stats.js';
import type { WaitEstimator } from './estimator.js';

/**
 * Fewer services than this in the window and the rate is noise: say nothing rather than guess.
 * (With 5 services the rate's relative standard error is already ~45%.)
 */
export const MIN_SERVED_FOR_ESTIMATE = 5;

/**
 * Queue-length predictor: a caller at position n waits for n services, and services complete
 * at the rate reps took callers over the cumulative window. This is the estimator the
 * operations-research literature recommends over "average past wait" (which ignores where the
 * caller stands) — minus abandonment and staffing changes, which the learned estimator adds.
 */
export function createPositionEstimator(deps: {
  clock: Clock;
  refreshSeconds: number;
}): WaitEstimator {
  return {
    estimate({ queue, position, snapshot }) {
      if (!Number.isInteger(position) || position < 1)
        return { kind: 'unknown', reason: 'no-position' };
      const stats = findQueue(snapshot, queue);
      if (stats === undefined) return { kind: 'unknown', reason: 'no-stats' };
      if (!isFresh(stats, deps.clock.now(), deps.refreshSeconds)) {
        return { kind: 'unknown', reason: 'stale-stats' };
      }
      const { servedInWindow, windowSeconds } = stats;
      if (servedInWindow === undefined || windowSeconds === undefined || windowSeconds <= 0) {
        return { kind: 'unknown', reason: 'no-stats' };
      }
      if (servedInWindow < MIN_SERVED_FOR_ESTIMATE)
        return { kind: 'unknown', reason: 'too-little-data' };
      return { kind: 'known', seconds: (position * windowSeconds) / servedInWindow };
    },
  };
}
