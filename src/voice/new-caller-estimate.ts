import { findQueue, type StatsSnapshot } from '../stats/queue-stats.js';
import type { WaitEstimate, WaitEstimator } from '../wait-time/estimator.js';
import type { QueueActivity } from '../wait-time/queue-activity.js';
import { estimateOrUnknown, type LogSource } from './deps.js';

export interface NewCallerEstimate {
  /** Callers waiting now: our own count, else the last poll's; undefined = nobody knows. */
  readonly waiting: number | undefined;
  /**
   * Where a caller joining now would stand: behind everyone waiting and every callback holding a
   * place, as their first wait turn will count it; undefined with `waiting`.
   */
  readonly position: number | undefined;
  readonly estimate: WaitEstimate;
}

/**
 * What a caller joining `queue` now would be told: the one source for /voice/incoming's
 * greeting and for the API and admin page, so what they show is what callers hear. A queue
 * Twilio has not listed yet (no caller ever entered it) is answered from our own count alone.
 * While the count is unknown nothing can be said of a new caller's wait; the reason is then the
 * estimator's own when it has one (stale stats, too little data), else `no-position`.
 */
export function estimateForNewCaller(input: {
  estimator: WaitEstimator;
  activity: Pick<QueueActivity, 'waiting'>;
  queue: string;
  snapshot: StatsSnapshot | undefined;
  /** Callbacks holding a place in the queue now: every one is ahead of a caller joining now. */
  callbacksAhead?: number;
  source: LogSource;
}): NewCallerEstimate {
  const { estimator, queue, snapshot, source } = input;
  const waiting = input.activity.waiting(queue) ?? findQueue(snapshot, queue)?.waitingCallers;
  if (waiting === undefined) {
    const atHead = estimateOrUnknown(estimator, { queue, position: 1, snapshot }, source);
    return {
      waiting,
      position: undefined,
      estimate: atHead.kind === 'unknown' ? atHead : { kind: 'unknown', reason: 'no-position' },
    };
  }
  const position = waiting + 1 + (input.callbacksAhead ?? 0);
  return {
    waiting,
    position,
    estimate: estimateOrUnknown(estimator, { queue, position, snapshot }, source),
  };
}
