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
}

export interface StatsSnapshot {
  /** When the cycle that wrote this snapshot finished (epoch ms). */
  readonly fetchedAt: number;
  readonly queues: readonly QueueStats[];
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
  const ageMs = now - stats.fetchedAt;
  const periodMs = refreshSeconds * 1000;
  return ageMs >= -periodMs && ageMs <= 3 * periodMs;
}
