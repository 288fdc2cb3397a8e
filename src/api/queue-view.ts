import type { Config } from '../config.js';
import type { OpeningStatus } from '../metadata/opening-hours.js';
import type { QueueMetadata } from '../metadata/queue-metadata.js';
import { isFresh, type QueueStats, type StatsSnapshot } from '../stats/queue-stats.js';
import type { WaitEstimate } from '../wait-time/estimator.js';

const iso = (at: number | undefined) => (at === undefined ? null : new Date(at).toISOString());

/** An estimate as the API shows it: whole seconds, or why there is none. */
export function viewEstimate(estimate: WaitEstimate) {
  return estimate.kind === 'known'
    ? { kind: 'known' as const, seconds: Math.round(estimate.seconds) }
    : { kind: 'unknown' as const, reason: estimate.reason };
}

/**
 * One queue as the API shows it: Twilio's numbers, our metadata (whether it takes callers now),
 * the estimate a caller joining now would hear, and how much to trust them.
 */
export function viewQueue(
  stats: QueueStats,
  context: {
    config: Config;
    now: number;
    metadata: QueueMetadata;
    hours: OpeningStatus;
    estimate: WaitEstimate;
  },
) {
  const { config, now, metadata, hours, estimate } = context;
  const priority = config.queues.indexOf(stats.name);
  return {
    name: stats.name,
    displayName: metadata.displayName,
    open: hours.open,
    /** While closed: when it opens next (null: not within a year). */
    nextOpenAt: iso(hours.nextOpenAt),
    /** While open: when this opening ends (null: not within a year). */
    closesAt: iso(hours.closesAt),
    estimate: viewEstimate(estimate),
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
