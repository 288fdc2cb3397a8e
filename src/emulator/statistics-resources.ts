import { cumulativeNumbers, type WaitDuration } from './cumulative-stats.js';
import { deriveSid } from './sids.js';
import type { StatisticsQuery } from './stats-query.js';
import { isoSeconds, queueUrl } from './taskrouter-resources.js';
import type { QueueSnapshot, WorkspaceState } from './workspace-state.js';

/**
 * TaskRouter's statistics JSON for one queue: realtime, cumulative, both (Statistics), and
 * the bulk list's items, as twilio_taskrouter_v1.json documents them.
 */

/** The realtime numbers without the identifying fields (as nested in Statistics). */
export function realtimeFields(
  ws: WorkspaceState,
  q: QueueSnapshot,
  taskChannel: string | undefined,
) {
  const { live } = q;
  // All emulated tasks are voice calls: another channel has workers but no tasks.
  const tasks = onVoice(ws, taskChannel);
  const oldestSid =
    tasks && live.oldestArrival !== null
      ? deriveSid('WT', q.taskQueueSid, live.oldestArrival)
      : null;
  const longest = tasks ? live.longestWaitSeconds : 0;
  const byStatus = tasks
    ? live.tasksByStatus
    : { pending: 0, reserved: 0, assigned: 0, wrapping: 0 };
  const totalTasks = tasks ? live.totalTasks : 0;
  return {
    activity_statistics: ws.activities.map((activity) => ({
      friendly_name: activity.friendlyName,
      sid: activity.sid,
      workers: live.workers[activity.workers],
    })),
    longest_task_waiting_age: longest,
    longest_task_waiting_sid: oldestSid,
    longest_relative_task_age_in_queue: longest,
    longest_relative_task_sid_in_queue: oldestSid,
    tasks_by_priority: totalTasks === 0 ? {} : { '0': totalTasks },
    tasks_by_status: { ...byStatus },
    total_available_workers: live.availableWorkers,
    total_eligible_workers: live.eligibleWorkers,
    total_tasks: totalTasks,
  };
}

/** The cumulative numbers without the identifying fields (as nested in Statistics). */
export function cumulativeFields(ws: WorkspaceState, q: QueueSnapshot, stats: StatisticsQuery) {
  const source = onVoice(ws, stats.taskChannel)
    ? q
    : { ...q, traffic: { ...q.traffic, callsPerHour: 0 } };
  const c = cumulativeNumbers(source, stats.window, stats.thresholds ?? [], ws.now());
  return {
    avg_task_acceptance_time: c.avgTaskAcceptanceTime,
    start_time: isoSeconds(stats.window.startMs),
    end_time: isoSeconds(stats.window.endMs),
    reservations_created: c.reservationsCreated,
    reservations_accepted: c.reservationsAccepted,
    reservations_rejected: c.reservationsRejected,
    reservations_timed_out: c.reservationsTimedOut,
    reservations_canceled: c.reservationsCanceled,
    reservations_rescinded: c.reservationsRescinded,
    split_by_wait_time:
      stats.thresholds === null
        ? null
        : Object.fromEntries(
            c.splits.map((split) => [
              String(split.thresholdSeconds),
              {
                above: {
                  tasks_canceled: split.canceledAbove,
                  reservations_accepted: split.acceptedAbove,
                },
                below: {
                  tasks_canceled: split.canceledBelow,
                  reservations_accepted: split.acceptedBelow,
                },
              },
            ]),
          ),
    wait_duration_until_accepted: duration(c.waitUntilAccepted),
    wait_duration_until_canceled: duration(c.waitUntilCanceled),
    // No transfers between queues here: time in this queue is time since creation.
    wait_duration_in_queue_until_accepted: duration(c.waitUntilAccepted),
    tasks_canceled: c.tasksCanceled,
    tasks_completed: c.tasksCompleted,
    tasks_deleted: c.tasksDeleted,
    tasks_entered: c.tasksEntered,
    tasks_moved: c.tasksMoved,
  };
}

function identity(ws: WorkspaceState, q: QueueSnapshot) {
  return {
    account_sid: ws.accountSid,
    task_queue_sid: q.taskQueueSid,
    workspace_sid: ws.workspaceSid,
  };
}

export function renderRealTimeStatistics(
  base: string,
  ws: WorkspaceState,
  q: QueueSnapshot,
  taskChannel: string | undefined,
) {
  return {
    ...identity(ws, q),
    ...realtimeFields(ws, q, taskChannel),
    url: `${queueUrl(base, ws, q)}/RealTimeStatistics`,
  };
}

export function renderCumulativeStatistics(
  base: string,
  ws: WorkspaceState,
  q: QueueSnapshot,
  stats: StatisticsQuery,
) {
  return {
    ...identity(ws, q),
    ...cumulativeFields(ws, q, stats),
    url: `${queueUrl(base, ws, q)}/CumulativeStatistics`,
  };
}

export function renderQueueStatistics(
  base: string,
  ws: WorkspaceState,
  q: QueueSnapshot,
  stats: StatisticsQuery,
) {
  return {
    ...identity(ws, q),
    cumulative: cumulativeFields(ws, q, stats),
    realtime: realtimeFields(ws, q, stats.taskChannel),
    url: `${queueUrl(base, ws, q)}/Statistics`,
  };
}

/** An item of the bulk TaskQueues/Statistics list (no url: Twilio documents none there). */
export function renderQueuesStatisticsItem(
  ws: WorkspaceState,
  q: QueueSnapshot,
  stats: StatisticsQuery,
) {
  return {
    ...identity(ws, q),
    cumulative: cumulativeFields(ws, q, stats),
    realtime: realtimeFields(ws, q, stats.taskChannel),
  };
}

function duration(d: WaitDuration) {
  return { avg: d.avg, min: d.min, max: d.max, total: d.total };
}

function onVoice(ws: WorkspaceState, taskChannel: string | undefined): boolean {
  return taskChannel === undefined || taskChannel === 'voice' || taskChannel === ws.voiceChannelSid;
}
