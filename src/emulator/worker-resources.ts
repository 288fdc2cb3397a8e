import { isoSeconds } from './taskrouter-resources.js';
import type { WorkerSnapshot } from './worker-store.js';
import type { WorkspaceState } from './workspace-state.js';

/**
 * TaskRouter's JSON for a Worker (taskrouter.v1.workspace.worker), field for field. `attributes`
 * only in answers about one worker: the description says it "will only be displayed in FETCH
 * actions that return a single resource. Otherwise, this property will be null".
 */
export function renderWorker(
  base: string,
  ws: WorkspaceState,
  w: WorkerSnapshot,
  shape: 'single' | 'in-list',
) {
  const workspaceUrl = `${base}/v1/Workspaces/${ws.workspaceSid}`;
  const url = `${workspaceUrl}/Workers/${w.sid}`;
  return {
    account_sid: ws.accountSid,
    activity_name: w.activity.friendlyName,
    activity_sid: w.activity.sid,
    attributes: shape === 'single' ? w.attributes : null,
    available: w.activity.available,
    date_created: isoSeconds(w.dateCreated),
    date_status_changed: isoSeconds(w.dateStatusChanged),
    date_updated: isoSeconds(w.dateUpdated),
    friendly_name: w.friendlyName,
    sid: w.sid,
    workspace_sid: ws.workspaceSid,
    url,
    links: {
      channels: `${url}/Channels`,
      activity: `${workspaceUrl}/Activities/${w.activity.sid}`,
      workspace: workspaceUrl,
      // As in Twilio's own examples: the workspace-wide worker statistics.
      statistics: `${workspaceUrl}/Workers/Statistics`,
      real_time_statistics: `${workspaceUrl}/Workers/RealTimeStatistics`,
      cumulative_statistics: `${workspaceUrl}/Workers/CumulativeStatistics`,
      worker_statistics: `${url}/Statistics`,
      worker_channels: `${url}/Channels`,
      reservations: `${url}/Reservations`,
    },
  };
}
