import type { StatsSnapshot } from '../stats/queue-stats.js';
import type { QueueSizeObserver } from './queue-activity.js';

/**
 * Hands each poll's queue sizes to the wait estimation's caller count, as Twilio's count by the
 * time the cycle started (the poller reads the Voice queues somewhere within the cycle; a
 * change we saw after its start makes the reading ambiguous, and it is then ignored).
 *
 * `repeatAfterMs` spares a shared stream: a size is passed on when it changed, or when it was
 * last passed on that long ago (so a count that drifted while Twilio's stood still is still
 * set right). 0 passes on every poll.
 */
export function observeSnapshotSizes(
  observer: QueueSizeObserver,
  options: { repeatAfterMs: number },
): (snapshot: StatsSnapshot) => void {
  const passed = new Map<string, { size: number; at: number }>();
  return (snapshot) => {
    const at = snapshot.cycle?.startedAt ?? snapshot.fetchedAt;
    for (const queue of snapshot.queues) {
      // Only what this cycle read: a queue it could not refresh keeps older numbers.
      const size = queue.waitingCallers;
      if (size === undefined || queue.stale === true || queue.fetchedAt !== snapshot.fetchedAt) {
        continue;
      }
      const last = passed.get(queue.name);
      if (last !== undefined && last.size === size && at - last.at < options.repeatAfterMs) {
        continue;
      }
      passed.set(queue.name, { size, at });
      observer.queueSizeObserved({ queue: queue.name, size, at });
    }
  };
}
