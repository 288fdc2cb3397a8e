import type { QueueSnapshot, WorkspaceState } from './workspace-state.js';

/**
 * TaskRouter's JSON for a TaskQueue, field for field as Twilio documents it
 * (twilio_taskrouter_v1.json); the statistics are in statistics-resources.ts. `base` is where absolute URLs point: Twilio's host, or
 * the emulator's own (linkBase 'self').
 */

export function queueUrl(base: string, ws: WorkspaceState, q: QueueSnapshot): string {
  return `${base}/v1/Workspaces/${ws.workspaceSid}/TaskQueues/${q.taskQueueSid}`;
}

export function renderTaskQueue(base: string, ws: WorkspaceState, q: QueueSnapshot) {
  const workspaceUrl = `${base}/v1/Workspaces/${ws.workspaceSid}`;
  const url = queueUrl(base, ws, q);
  const busy = activityOf(ws, 'busy');
  const reserved = activityOf(ws, 'reserved');
  return {
    account_sid: ws.accountSid,
    assignment_activity_sid: busy.sid,
    assignment_activity_name: busy.friendlyName,
    date_created: isoSeconds(q.dateCreated),
    date_updated: isoSeconds(q.dateUpdated),
    friendly_name: q.friendlyName,
    max_reserved_workers: 1,
    reservation_activity_sid: reserved.sid,
    reservation_activity_name: reserved.friendlyName,
    sid: q.taskQueueSid,
    target_workers: q.targetWorkers,
    task_order: 'FIFO',
    url,
    workspace_sid: ws.workspaceSid,
    links: {
      assignment_activity: `${workspaceUrl}/Activities/${busy.sid}`,
      reservation_activity: `${workspaceUrl}/Activities/${reserved.sid}`,
      workspace: workspaceUrl,
      statistics: `${url}/Statistics`,
      real_time_statistics: `${url}/RealTimeStatistics`,
      cumulative_statistics: `${url}/CumulativeStatistics`,
      list_statistics: `${workspaceUrl}/TaskQueues/Statistics`,
      bulk_real_time_statistics: `${workspaceUrl}/TaskQueues/RealTimeStatistics`,
    },
  };
}

function activityOf(ws: WorkspaceState, workers: 'busy' | 'reserved') {
  const activity = ws.activities.find((a) => a.workers === workers);
  if (activity === undefined) throw new Error(`workspace has no ${workers} activity`);
  return activity;
}

/** ISO 8601 in whole seconds, as TaskRouter writes its dates. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
