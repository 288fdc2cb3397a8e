import type { Listing } from '../lib/paging.js';
import type { CycleSummary, QueueMetadata, QueueStats, StatsSnapshot } from './queue-stats.js';
import type { TaskRouterFields } from './taskrouter-stats.js';
import type { TaskQueueRef, VoiceQueueRef } from './twilio-stats-source.js';

/** What one poll cycle read. `taskQueues` is undefined without a TaskRouter workspace. */
export interface CycleReadings {
  readonly taskQueues: Listing<TaskQueueRef> | undefined;
  /** Statistics by TaskQueue SID, from the bulk endpoint and per-queue fetches together. */
  readonly statistics: ReadonlyMap<string, TaskRouterFields>;
  /** Per TaskQueue SID, why its statistics could not be read. */
  readonly statisticsErrors: ReadonlyMap<string, string>;
  readonly voiceQueues: Listing<VoiceQueueRef>;
}

/** Every listing answered to its last page: a queue absent from all of them is gone. */
export function listingsComplete(readings: CycleReadings): boolean {
  return (readings.taskQueues?.complete ?? true) && readings.voiceQueues.complete;
}

/**
 * Merges a cycle's readings over the previous snapshot. A queue keeps the last good numbers of
 * whatever part failed this cycle (TaskRouter statistics, Voice size) with its `fetchedAt` and
 * is marked stale with the reason; a queue leaves the snapshot only when every listing was read
 * to the end without it (a cut-off listing proves nothing about the queues it did not reach).
 */
export function buildSnapshot(input: {
  previous: StatsSnapshot | undefined;
  readings: CycleReadings;
  metadata: ReadonlyMap<string, QueueMetadata>;
  now: number;
  refreshSeconds: number;
  cycle: Omit<CycleSummary, 'failedQueues'>;
}): StatsSnapshot {
  const { previous, readings, now } = input;
  const previousByName = new Map((previous?.queues ?? []).map((q) => [q.name, q]));
  const taskQueueByName = firstByName(readings.taskQueues?.items ?? []);
  const voiceByName = firstByName(readings.voiceQueues.items);

  const names = new Set([...taskQueueByName.keys(), ...voiceByName.keys()]);
  if (!listingsComplete(readings)) for (const name of previousByName.keys()) names.add(name);

  const queues: QueueStats[] = [];
  for (const name of [...names].sort()) {
    const before = previousByName.get(name);
    const problems: string[] = [];

    let taskRouter: Partial<QueueStats> & { tasksWaiting?: number } = {};
    if (readings.taskQueues !== undefined) {
      const sid =
        taskQueueByName.get(name)?.sid ??
        (readings.taskQueues.complete ? undefined : before?.taskQueueSid);
      const fields = sid === undefined ? undefined : readings.statistics.get(sid);
      if (sid !== undefined && fields !== undefined) {
        taskRouter = { taskQueueSid: sid, ...fields };
      } else if (sid !== undefined || !readings.taskQueues.complete) {
        // The SID this cycle listed is current even when its statistics are not.
        taskRouter = { ...(before === undefined ? {} : pickTaskRouter(before)), taskQueueSid: sid };
        problems.push(
          (sid === undefined ? undefined : readings.statisticsErrors.get(sid)) ??
            readings.taskQueues.problem ??
            'TaskRouter statistics missing',
        );
      }
    }

    let voice: Partial<QueueStats> = {};
    const voiceQueue = voiceByName.get(name);
    if (voiceQueue !== undefined) {
      voice = {
        voiceQueueSid: voiceQueue.sid,
        waitingCallers: voiceQueue.currentSize,
        averageWaitSeconds: voiceQueue.averageWaitSeconds,
        maxSize: voiceQueue.maxSize,
      };
    } else if (!readings.voiceQueues.complete) {
      voice = before === undefined ? {} : pickVoice(before);
      problems.push(readings.voiceQueues.problem ?? 'Voice queues list incomplete');
    }

    const failed = problems.length > 0;
    const fetchedAt = failed ? (before?.fetchedAt ?? now) : now;
    const tooOld = now - fetchedAt > 3 * input.refreshSeconds * 1000;
    const { tasksWaiting, ...taskRouterStats } = taskRouter;
    queues.push(
      withoutUndefined({
        name,
        ...taskRouterStats,
        ...voice,
        // Voice's own count when the queue is a Voice queue; TaskRouter's waiting tasks otherwise.
        waitingCallers: voice.waitingCallers ?? tasksWaiting,
        fetchedAt,
        stale: failed || tooOld,
        lastError: failed
          ? problems.join('; ')
          : tooOld
            ? 'not refreshed for three periods'
            : undefined,
        metadata: input.metadata.get(name) ?? before?.metadata,
      }),
    );
  }
  const failedQueues = queues.filter((q) => q.stale === true).length;
  return { fetchedAt: now, queues, cycle: { ...input.cycle, failedQueues } };
}

function firstByName<T extends { name: string }>(items: readonly T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) if (!map.has(item.name)) map.set(item.name, item);
  return map;
}

function pickTaskRouter(q: QueueStats): Partial<QueueStats> {
  return {
    taskQueueSid: q.taskQueueSid,
    longestWaitSeconds: q.longestWaitSeconds,
    servedInWindow: q.servedInWindow,
    windowSeconds: q.windowSeconds,
    abandonedInWindow: q.abandonedInWindow,
    enteredInWindow: q.enteredInWindow,
    averageAcceptedWaitSeconds: q.averageAcceptedWaitSeconds,
    serviceLevel: q.serviceLevel,
    eligibleWorkers: q.eligibleWorkers,
    availableWorkers: q.availableWorkers,
  };
}

function pickVoice(q: QueueStats): Partial<QueueStats> {
  return {
    voiceQueueSid: q.voiceQueueSid,
    waitingCallers: q.waitingCallers,
    averageWaitSeconds: q.averageWaitSeconds,
    maxSize: q.maxSize,
  };
}

/** Snapshots travel as JSON (Redis); an explicit undefined would not survive the trip anyway. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
