import type { Attempt } from '../outbound/attempt.js';
import type { QueueStats } from '../stats/queue-stats.js';

/**
 * Progressive dialing: never more calls ringing, or callees waiting for a rep, than reps free
 * for the campaign's queue. Unknown or stale stats mean no dialing at all: a guess could put a
 * person on the line with nobody to take them.
 */
export function progressiveCapacity(
  queue: Pick<QueueStats, 'availableWorkers' | 'stale'> | undefined,
  active: readonly Attempt[],
): number {
  if (queue?.availableWorkers === undefined || queue.stale === true) return 0;
  const outstanding = active.filter(
    (a) => a.connectedAt === undefined && a.abandonedAt === undefined,
  ).length;
  return Math.max(0, queue.availableWorkers - outstanding);
}
