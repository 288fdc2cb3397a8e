import type { QueueStats, ServiceLevelSplit } from './queue-stats.js';

/** The numbers one TaskQueue's statistics give the cache (bulk or per-queue endpoint alike). */
export type TaskRouterFields = Pick<
  QueueStats,
  | 'longestWaitSeconds'
  | 'servedInWindow'
  | 'windowSeconds'
  | 'abandonedInWindow'
  | 'enteredInWindow'
  | 'averageAcceptedWaitSeconds'
  | 'serviceLevel'
  | 'eligibleWorkers'
  | 'availableWorkers'
> & {
  /** Tasks waiting or being offered (`tasks_by_status` pending + reserved). */
  readonly tasksWaiting?: number;
};

/**
 * Reads TaskRouter's `cumulative` and `realtime` objects (snake_case JSON, as both the bulk
 * TaskQueues/Statistics list and a queue's Statistics return them; the SDK passes them through
 * untyped). Anything missing or not a number stays undefined rather than becoming 0.
 */
export function readTaskRouterStatistics(
  cumulative: unknown,
  realtime: unknown,
  windowMinutes: number,
): TaskRouterFields {
  const c = asRecord(cumulative);
  const r = asRecord(realtime);
  const byStatus = asRecord(r.tasks_by_status);
  const pending = count(byStatus.pending);
  const reserved = count(byStatus.reserved);
  return {
    longestWaitSeconds: count(r.longest_task_waiting_age),
    eligibleWorkers: count(r.total_eligible_workers),
    availableWorkers: count(r.total_available_workers),
    tasksWaiting:
      pending === undefined && reserved === undefined
        ? undefined
        : (pending ?? 0) + (reserved ?? 0),
    servedInWindow: count(c.reservations_accepted),
    abandonedInWindow: count(c.tasks_canceled),
    enteredInWindow: count(c.tasks_entered),
    averageAcceptedWaitSeconds: count(asRecord(c.wait_duration_until_accepted).avg),
    windowSeconds: windowOf(c, windowMinutes),
    serviceLevel: readSplits(c.split_by_wait_time),
  };
}

/** The interval Twilio says it computed over; the one we asked for if it does not say. */
function windowOf(c: Record<string, unknown>, windowMinutes: number): number {
  const start = typeof c.start_time === 'string' ? Date.parse(c.start_time) : Number.NaN;
  const end = typeof c.end_time === 'string' ? Date.parse(c.end_time) : Number.NaN;
  const seconds = (end - start) / 1000;
  return Number.isFinite(seconds) && seconds > 0 ? seconds : windowMinutes * 60;
}

/** `{"30": {"below": {...}, "above": {...}}, ...}` → one entry per threshold, ascending. */
function readSplits(raw: unknown): ServiceLevelSplit[] | undefined {
  const splits = asRecord(raw);
  const entries = Object.entries(splits)
    .map(([threshold, value]) => {
      const below = asRecord(asRecord(value).below);
      const above = asRecord(asRecord(value).above);
      return {
        thresholdSeconds: Number(threshold),
        acceptedWithin: count(below.reservations_accepted) ?? 0,
        acceptedAbove: count(above.reservations_accepted) ?? 0,
        abandonedWithin: count(below.tasks_canceled) ?? 0,
        abandonedAbove: count(above.tasks_canceled) ?? 0,
      };
    })
    .filter((split) => Number.isFinite(split.thresholdSeconds))
    .sort((a, b) => a.thresholdSeconds - b.thresholdSeconds);
  return entries.length === 0 ? undefined : entries;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

/** Twilio sends counts as numbers, and some (tasks_by_status) as numeric strings. */
function count(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;
}
