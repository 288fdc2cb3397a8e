import { isoSeconds } from './taskrouter-resources.js';
import type { WorkspaceState } from './workspace-state.js';

/**
 * The Workspace resource (taskrouter.v1.workspace): the emulated workspace is single-tasking
 * (one call per rep), with TaskRouter's default activities; Offline is its default and timeout
 * activity.
 */
export function renderWorkspace(base: string, ws: WorkspaceState) {
  const url = `${base}/v1/Workspaces/${ws.workspaceSid}`;
  const { settings } = ws;
  const offline = ws.activities.find((a) => a.friendlyName === 'Offline');
  return {
    account_sid: ws.accountSid,
    date_created: isoSeconds(settings.dateCreated),
    date_updated: isoSeconds(settings.dateUpdated),
    default_activity_name: offline?.friendlyName ?? null,
    default_activity_sid: offline?.sid ?? null,
    event_callback_url: settings.eventCallbackUrl,
    events_filter: settings.eventsFilter === null ? null : settings.eventsFilter.join(','),
    friendly_name: settings.friendlyName,
    multi_task_enabled: false,
    sid: ws.workspaceSid,
    timeout_activity_name: offline?.friendlyName ?? null,
    timeout_activity_sid: offline?.sid ?? null,
    prioritize_queue_order: 'FIFO',
    url,
    links: {
      activities: `${url}/Activities`,
      statistics: `${url}/Statistics`,
      real_time_statistics: `${url}/RealTimeStatistics`,
      cumulative_statistics: `${url}/CumulativeStatistics`,
      task_queues: `${url}/TaskQueues`,
      tasks: `${url}/Tasks`,
      workers: `${url}/Workers`,
      workflows: `${url}/Workflows`,
      task_channels: `${url}/TaskChannels`,
      events: `${url}/Events`,
    },
  };
}
