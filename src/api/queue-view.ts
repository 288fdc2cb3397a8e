import type { Config } from '../config.js';
import { isFresh, type QueueStats, type StatsSnapshot } from '../stats/queue-stats.js';

/** One queue as the API shows it: Twilio's numbers, our metadata, and how much to trust them. */
export function viewQueue(stats: QueueStats, config: Config, now: number) {
  const priority = config.queues.indexOf(stats.name);
  return {
    name: stats.name,
    displayName: stats.metadata?.displayName ?? stats.name,
    /** 0 = tried first by reps; null = a queue Twilio has that QUEUES does not name. */
    priority: priority < 0 ? null : priority,
    taskQueueSid: stats.taskQueueSid ?? null,
    voiceQueueSid: stats.voiceQueueSid ?? null,
    waitingCallers: stats.waitingCallers ?? null,
    longestWaitSeconds: stats.longestWaitSeconds ?? null,
    averageWaitSeconds: stats.averageWaitSeconds ?? null,
    maxSize: stats.maxSize ?? null,
    availableWorkers: stats.availableWorkers ?? null,
    eligibleWorkers: stats.eligibleWorkers ?? null,
    window: {
      seconds: stats.windowSeconds ?? null,
      served: stats.servedInWindow ?? null,
      abandoned: stats.abandonedInWindow ?? null,
      entered: stats.enteredInWindow ?? null,
      averageAcceptedWaitSeconds: stats.averageAcceptedWaitSeconds ?? null,
      serviceLevel: stats.serviceLevel ?? [],
    },
    fetchedAt: new Date(stats.fetchedAt).toISOString(),
    stale: !isFresh(stats, now, config.statsRefreshSeconds),
    lastError: stats.lastError ?? null,
  };
}

/**
 * How long a client may reuse an answer: until the poller's next cycle is due. Between cycles
 * the numbers cannot change, so polling faster only costs both sides.
 */
export function secondsUntilNextCycle(
  snapshot: StatsSnapshot | undefined,
  refreshSeconds: number,
  now: number,
): number {
  if (snapshot === undefined) return 0;
  const due = snapshot.fetchedAt + refreshSeconds * 1000 - now;
  return Math.max(0, Math.min(refreshSeconds, Math.floor(due / 1000)));
}
