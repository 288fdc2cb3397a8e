import type { Clock } from '../clock.js';
import { findQueue, isFresh, type StatsSnapshot } from '../stats/queue-stats.js';
import type { WaitEstimator } from './estimator.js';
import type { QueueLearner, QueueRates } from './queue-learner.js';
import { predictQueueWaitSeconds } from './queue-length-predictor.js';

/**
 * Below this much evidence the learned service rate is noise: with n takes observed, its
 * relative standard error is about 1/√n (10 takes: ~32%, against the whole minutes and
 * five-minute steps callers hear). The fallback answers below it. Higher, a premium queue that
 * rarely has a backlog falls back so often that its error grows (at 20: docs/performance.md).
 */
export const MIN_SERVICES_OBSERVED = 10;

/**
 * The wait estimator on the call path: the queue-length predictor (queue-length-predictor.ts)
 * with the rates a QueueLearner learned from this app's own queue events, and the callers
 * waiting in higher-priority queues (`queues` is the priority order, as in QUEUES).
 *
 * Which c: whenever a caller waits in the top queue, every rep who comes free takes them, so
 * that queue is served at the rate reps come free while anybody waits anywhere — learned over
 * every queue's takes, not only its own few (a rarely-backlogged top queue would otherwise
 * wait on the fallback, which divides by its own arrival rate). A lower queue is served only
 * by reps whom no higher-priority caller needs: its own takes are what measure that, net of
 * the agents higher callers took first; until it has enough of them, the overall rate with the
 * callers ahead in higher queues stands in. θ is always the queue's own.
 */
export function createLearnedEstimator(deps: {
  clock: Clock;
  learner: QueueLearner;
  queues: readonly string[];
  refreshSeconds: number;
  /**
   * Asked while the learner has too little evidence (a fresh start, a quiet queue): the
   * position estimator over TaskRouter's cumulative stats, which the poller keeps whatever
   * this process has seen. Without one, such a queue's estimate is unknown.
   */
  fallback?: WaitEstimator;
}): WaitEstimator {
  const { clock, learner, queues } = deps;
  /** Callers waiting in one queue: our own count first, else fresh stats, else unknown. */
  const waitingIn = (queue: string, snapshot: StatsSnapshot | undefined, now: number) => {
    const counted = learner.waiting(queue);
    if (counted !== undefined) return counted;
    const stats = findQueue(snapshot, queue);
    return stats !== undefined && isFresh(stats, now, deps.refreshSeconds)
      ? stats.waitingCallers
      : undefined;
  };

  return {
    estimate({ queue, position, snapshot }) {
      if (!Number.isInteger(position) || position < 1) {
        return { kind: 'unknown', reason: 'no-position' };
      }
      const now = clock.now();
      const own = learner.rates(queue, now);
      const overall = learner.overallRates(now);
      const isTop = queue === queues[0];
      const serviceRate = (isTop ? undefined : enoughOf(own)) ?? enoughOf(overall) ?? enoughOf(own);
      if (serviceRate === undefined) {
        return (
          deps.fallback?.estimate({ queue, position, snapshot }) ?? {
            kind: 'unknown',
            reason: 'too-little-data',
          }
        );
      }
      let waitingAhead = 0;
      for (const higher of queues.slice(0, Math.max(0, queues.indexOf(queue)))) {
        waitingAhead += waitingIn(higher, snapshot, now) ?? 0;
      }
      return {
        kind: 'known',
        seconds: predictQueueWaitSeconds({
          position,
          waitingAhead,
          serviceRate,
          abandonmentRate: own.abandonmentRate,
        }),
      };
    },
  };
}

/** A learned service rate with enough evidence behind it, else undefined. */
function enoughOf(rates: QueueRates): number | undefined {
  return rates.servicesObserved >= MIN_SERVICES_OBSERVED ? rates.serviceRate : undefined;
}
