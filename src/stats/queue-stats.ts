import type { QueueMetadata } from '../metadata/queue-metadata.js';

export type { QueueMetadata };
/**
 * What the cache knows about one queue. The poller (TaskRouter + Voice Queues) fills it; the
 * call path only reads it. Every number is optional: a field Twilio did not give us stays
 * undefined rather than becoming a misleading zero.
 */
export interface QueueStats {
  /** The queue's name: the <Enqueue> name and the TaskQueue friendly name. */
  readonly name: string;
  /** Programmable Voice queue SID (QU…), as Twilio sends it in QueueSid. */
  readonly voiceQueueSid?: string;
  /** TaskRouter TaskQueue SID (WQ…). */
  readonly taskQueueSid?: string;
  /** When these numbers were read from Twilio (epoch ms). */
  readonly fetchedAt: number;
  /** Callers waiting now (Voice `current_size`). */
  readonly waitingCallers?: number;
  /** Age of the oldest waiting caller at `fetchedAt` (TaskRouter `longest_task_waiting_age`). */
  readonly longestWaitSeconds?: number;
  /** Callers taken by a rep during the cumulative window (TaskRouter `reservations_accepted`). */
  readonly servedInWindow?: number;
  /** Length of the cumulative window the counts above cover. */
  readonly windowSeconds?: number;
  /** Callers who hung up while waiting, in the window (TaskRouter `tasks_canceled`). */
  readonly abandonedInWindow?: number;
  /** Callers who entered the queue in the window (TaskRouter `tasks_entered`). */
  readonly enteredInWindow?: number;
  /** Mean wait of callers taken by a rep in the window (`wait_duration_until_accepted.avg`). */
  readonly averageAcceptedWaitSeconds?: number;
  /** Service level: callers accepted within each configured threshold (`split_by_wait_time`). */
  readonly serviceLevel?: readonly ServiceLevelSplit[];
  /** Mean age of the callers waiting now (Voice `average_wait_time`: not a prediction). */
  readonly averageWaitSeconds?: number;
  /** Voice queue capacity (`max_size`). */
  readonly maxSize?: number;
  /** Reps eligible for the queue and, of those, available now (TaskRouter realtime). */
  readonly eligibleWorkers?: number;
  readonly availableWorkers?: number;
  /**
   * The last refresh of this queue failed: the numbers are the last good ones (from
   * `fetchedAt`). Readers also judge age by itself (see isFresh): a poller that stopped
   * altogether marks nothing.
   */
  readonly stale?: boolean;
  /** Why the last refresh failed, while `stale`. */
  readonly lastError?: string;
  /** Per-queue settings (display name, later hours and messages), merged in by the poller. */
  readonly metadata?: QueueMetadata;
}

export interface ServiceLevelSplit {
  readonly thresholdSeconds: number;
  readonly acceptedWithin: number;
  readonly acceptedAbove: number;
  readonly abandonedWithin: number;
  readonly abandonedAbove: number;
}

/** How the cycle that wrote a snapshot went: for /readyz, the API and the admin page. */
export interface CycleSummary {
  readonly startedAt: number;
  readonly durationMs: number;
  readonly requests: number;
  readonly retries: number;
  /** Queues whose numbers this cycle could not refresh (kept from before, marked stale). */
  readonly failedQueues: number;
  /** Every listing and statistics call answered. */
  readonly complete: boolean;
}

export interface StatsSnapshot {
  /** When the cycle that wrote this snapshot finished (epoch ms). */
  readonly fetchedAt: number;
  readonly queues: readonly QueueStats[];
  readonly cycle?: CycleSummary;
}

/** Finds a queue by name, Voice queue SID or TaskQueue SID. */
export function findQueue(
  snapshot: StatsSnapshot | undefined,
  nameOrSid: string,
): QueueStats | undefined {
  return snapshot?.queues.find(
    (q) => q.name === nameOrSid || q.voiceQueueSid === nameOrSid || q.taskQueueSid === nameOrSid,
  );
}

/**
 * Stats older than three refresh periods mean the poller has missed at least two cycles; they
 * are kept for display but never announced as if current. The poller may run on another host:
 * a timestamp up to one period in the future is clock skew, further is a broken clock.
 */
export function isFresh(stats: QueueStats, now: number, refreshSeconds: number): boolean {
  // The poller marks a queue whose last refresh failed; age alone catches a poller that stopped.
  if (stats.stale === true) return false;
  const ageMs = now - stats.fetchedAt;
  const periodMs = refreshSeconds * 1000;
  return ageMs >= -periodMs && ageMs <= 3 * periodMs;
}
