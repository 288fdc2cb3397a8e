import { ACCURACY_WINDOW_MS, type AccuracySummary } from '../wait-time/announcement-accuracy.js';
import type { Config } from '../config.js';
import type { OpeningStatus } from '../metadata/opening-hours.js';
import type { QueueMetadata } from '../metadata/queue-metadata.js';
import type { Satisfaction } from '../survey/satisfaction.js';
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
 * the estimate a caller joining now would hear, and how much to trust them. A queue in QUEUES
 * that Twilio has not listed yet (a Voice queue exists only from its first <Enqueue>) is shown
 * all the same, `seenOnTwilio: false`, with every Twilio number unknown rather than invented.
 */
export function viewQueue(
  name: string,
  stats: QueueStats | undefined,
  context: {
    config: Config;
    now: number;
    metadata: QueueMetadata;
    hours: OpeningStatus;
    estimate: WaitEstimate;
    /** What callers greeted over the last hour were told against what they waited. */
    announcements: AccuracySummary;
    /** SMS survey scores over the last day and week; null: surveys are not wired. */
    satisfaction?: Satisfaction | null;
  },
) {
  const { config, now, metadata, hours, estimate, announcements } = context;
  const priority = config.queues.indexOf(name);
  return {
    name,
    displayName: metadata.displayName,
    /** The IANA zone its hours are kept in, for showing `nextOpenAt` and `closesAt` as they read there. */
    timeZone: metadata.timeZone,
    open: hours.open,
    /** While closed: when it opens next (null: not within a year). */
    nextOpenAt: iso(hours.nextOpenAt),
    /** While open: when this opening ends (null: not within a year). */
    closesAt: iso(hours.closesAt),
    estimate: viewEstimate(estimate),
    announcements: viewAccuracy(announcements),
    satisfaction: context.satisfaction ?? null,
    /** 0 = tried first by reps; null = a queue Twilio has that QUEUES does not name. */
    priority: priority < 0 ? null : priority,
    /** false: configured, but not in the last poll's listings (no numbers from Twilio yet). */
    seenOnTwilio: stats !== undefined,
    taskQueueSid: stats?.taskQueueSid ?? null,
    voiceQueueSid: stats?.voiceQueueSid ?? null,
    waitingCallers: stats?.waitingCallers ?? null,
    longestWaitSeconds: stats?.longestWaitSeconds ?? null,
    averageWaitSeconds: stats?.averageWaitSeconds ?? null,
    maxSize: stats?.maxSize ?? null,
    availableWorkers: stats?.availableWorkers ?? null,
    eligibleWorkers: stats?.eligibleWorkers ?? null,
    window: {
      seconds: stats?.windowSeconds ?? null,
      served: stats?.servedInWindow ?? null,
      abandoned: stats?.abandonedInWindow ?? null,
      entered: stats?.enteredInWindow ?? null,
      averageAcceptedWaitSeconds: stats?.averageAcceptedWaitSeconds ?? null,
      serviceLevel: stats?.serviceLevel ?? [],
    },
    ...viewFreshness(stats, now, config.statsRefreshSeconds),
    lastError: stats?.lastError ?? null,
  };
}

/** A queue's announcement accuracy: beside the estimate, whether what callers hear is true. */
export function viewAccuracy(summary: AccuracySummary) {
  return { windowSeconds: ACCURACY_WINDOW_MS / 1000, ...summary };
}

/** How old a queue's Twilio numbers are; a queue Twilio never listed has none, so none fresh. */
export function viewFreshness(stats: QueueStats | undefined, now: number, refreshSeconds: number) {
  return stats === undefined
    ? { fetchedAt: null, stale: true }
    : {
        fetchedAt: new Date(stats.fetchedAt).toISOString(),
        stale: !isFresh(stats, now, refreshSeconds),
      };
}

/**
 * The queues the API lists: every queue of the last poll, in its order, then each configured
 * queue the poll did not list, in QUEUES order, without stats.
 */
export function queuesToView(
  snapshot: StatsSnapshot | undefined,
  configured: readonly string[],
): { name: string; stats: QueueStats | undefined }[] {
  const polled = (snapshot?.queues ?? []).map((stats) => ({ name: stats.name, stats }));
  const seen = new Set(polled.map((q) => q.name));
  const unseen = configured
    .filter((name) => !seen.has(name))
    .map((name) => ({ name, stats: undefined }));
  return [...polled, ...unseen];
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
