import type { WorkerSnapshot } from './worker-store.js';
import type { WorkspaceEvent } from './workspace-events.js';
import type { QueueSnapshot } from './workspace-state.js';

/**
 * The form parameters of a TaskRouter event callback, as Twilio documents them (TaskRouter
 * Events reference, https://www.twilio.com/docs/taskrouter/api/event/reference): EventType,
 * AccountSid, WorkspaceSid, WorkspaceName, EventDescription, ResourceType, ResourceSid,
 * Timestamp, then each event type's field data (TaskQueueSid, TaskQueueName,
 * TaskQueueTargetExpression; WorkerSid, WorkerName, WorkerAttributes, WorkerActivitySid,
 * WorkerActivityName, WorkerVersion, OperatingUnitSid; for activity changes
 * WorkerTimeInPreviousActivity(Ms) and WorkerPreviousActivitySid). Sid (EV…), TimestampMs, the
 * lower-case ResourceType and the EventDescription wording follow callbacks captured from real
 * workspaces (twilio-professional-services/flex-project-template, features/tr-events/handlers):
 * Timestamp is in epoch seconds there.
 */

export interface EventContext {
  readonly accountSid: string;
  readonly workspaceSid: string;
  readonly workspaceName: string;
  readonly operatingUnitSid: string;
  /** This event's SID (EV…). */
  readonly sid: string;
  /** Epoch ms of the workspace clock. */
  readonly at: number;
}

export type EventParams = Readonly<Record<string, string>>;

export function eventParams(event: WorkspaceEvent, ctx: EventContext): EventParams {
  const common = (resourceType: string, resourceSid: string, description: string) => ({
    EventType: event.type,
    AccountSid: ctx.accountSid,
    WorkspaceSid: ctx.workspaceSid,
    WorkspaceName: ctx.workspaceName,
    EventDescription: description,
    ResourceType: resourceType,
    ResourceSid: resourceSid,
    Sid: ctx.sid,
    Timestamp: String(Math.floor(ctx.at / 1000)),
    TimestampMs: String(Math.floor(ctx.at)),
  });
  switch (event.type) {
    case 'task-queue.created':
      return {
        ...common(
          'taskqueue',
          event.queue.taskQueueSid,
          `TaskQueue ${event.queue.taskQueueSid} created`,
        ),
        ...queueFields(event.queue),
        OperatingUnitSid: ctx.operatingUnitSid,
      };
    case 'task-queue.deleted':
      return {
        ...common(
          'taskqueue',
          event.queue.taskQueueSid,
          `TaskQueue ${event.queue.taskQueueSid} deleted`,
        ),
        ...queueFields(event.queue),
      };
    case 'task-queue.expression.updated':
      return {
        ...common(
          'taskqueue',
          event.queue.taskQueueSid,
          `TaskQueue ${event.queue.taskQueueSid} expression updated to '${event.queue.targetWorkers ?? ''}'`,
        ),
        ...queueFields(event.queue),
        OperatingUnitSid: ctx.operatingUnitSid,
      };
    case 'worker.created':
      return workerEvent(`Worker ${event.worker.friendlyName} created`);
    case 'worker.attributes.update':
      return workerEvent(
        `Worker ${event.worker.friendlyName} updated attributes to ${event.worker.attributes}`,
      );
    case 'worker.deleted':
      return workerEvent(`Worker ${event.worker.friendlyName} deleted`);
    case 'worker.activity.update': {
      const inPreviousMs = Math.max(0, ctx.at - event.previous.dateStatusChanged);
      return {
        ...workerEvent(
          `Worker ${event.worker.friendlyName} updated to ${event.worker.activity.friendlyName} Activity`,
        ),
        WorkerTimeInPreviousActivity: String(Math.floor(inPreviousMs / 1000)),
        WorkerTimeInPreviousActivityMs: String(Math.floor(inPreviousMs)),
        WorkerPreviousActivitySid: event.previous.activity.sid,
      };
    }
  }

  function workerEvent(description: string) {
    const { worker } = event as { worker: WorkerSnapshot };
    return { ...common('worker', worker.sid, description), ...workerFields(worker, ctx) };
  }
}

function queueFields(q: QueueSnapshot) {
  return {
    TaskQueueSid: q.taskQueueSid,
    TaskQueueName: q.friendlyName,
    // A queue without an expression sends it empty.
    TaskQueueTargetExpression: q.targetWorkers ?? '',
  };
}

function workerFields(w: WorkerSnapshot, ctx: EventContext) {
  return {
    WorkerSid: w.sid,
    WorkerName: w.friendlyName,
    WorkerAttributes: w.attributes,
    WorkerActivitySid: w.activity.sid,
    WorkerActivityName: w.activity.friendlyName,
    WorkerVersion: String(w.version),
    OperatingUnitSid: ctx.operatingUnitSid,
  };
}
