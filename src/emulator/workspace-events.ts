import type { WorkerSnapshot } from './worker-store.js';
import type { QueueSnapshot } from './workspace-state.js';

/**
 * What changed in the workspace, as TaskRouter reports it to the Workspace's EventCallbackUrl
 * (https://www.twilio.com/docs/taskrouter/api/event/reference). The state emits these whatever
 * made the change (a REST write, a control request, a test); event-callbacks.ts turns them into
 * the callback's parameters and event-delivery.ts sends them.
 */
export type WorkspaceEvent =
  | { readonly type: 'task-queue.created'; readonly queue: QueueSnapshot }
  | { readonly type: 'task-queue.deleted'; readonly queue: QueueSnapshot }
  | { readonly type: 'task-queue.expression.updated'; readonly queue: QueueSnapshot }
  | { readonly type: 'worker.created'; readonly worker: WorkerSnapshot }
  | { readonly type: 'worker.attributes.update'; readonly worker: WorkerSnapshot }
  | {
      readonly type: 'worker.activity.update';
      readonly worker: WorkerSnapshot;
      /** The worker before the change: its previous activity and since when. */
      readonly previous: WorkerSnapshot;
    }
  | { readonly type: 'worker.deleted'; readonly worker: WorkerSnapshot };

export type WorkspaceEventType = WorkspaceEvent['type'];

export const WORKSPACE_EVENT_TYPES: readonly WorkspaceEventType[] = [
  'task-queue.created',
  'task-queue.deleted',
  'task-queue.expression.updated',
  'worker.created',
  'worker.attributes.update',
  'worker.activity.update',
  'worker.deleted',
];
