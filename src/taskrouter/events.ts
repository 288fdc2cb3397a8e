import { createHash } from 'node:crypto';

/**
 * The TaskRouter event callbacks holdline acts on, read from the form TaskRouter posts to the
 * Workspace's EventCallbackUrl (TaskRouter Events reference: EventType, ResourceSid, Timestamp,
 * and each event type's field data). Anything else is acknowledged and ignored.
 */
export type TaskRouterEvent =
  | {
      readonly type: 'task-queue.created' | 'task-queue.expression.updated';
      readonly key: string;
      readonly queueSid: string;
      readonly queueName: string | undefined;
      readonly expression: string | undefined;
    }
  | {
      readonly type: 'task-queue.deleted';
      readonly key: string;
      readonly queueSid: string;
      readonly queueName: string | undefined;
    }
  | {
      readonly type: 'worker.created' | 'worker.attributes.update';
      readonly key: string;
      readonly workerSid: string;
      /** The worker's attributes after the change (a JSON string), when the event carried them. */
      readonly attributes: string | undefined;
    }
  | { readonly type: 'ignored'; readonly key: string; readonly eventType: string };

export type EventParse =
  | { readonly ok: true; readonly event: TaskRouterEvent }
  | { readonly ok: false; readonly problem: string };

/**
 * `key` identifies the delivery for idempotency: the event's own SID when it is sent (EV…),
 * else a digest of what identifies it (type, resource, timestamp), so a repeated delivery of
 * the same event maps to the same key either way.
 */
export function readTaskRouterEvent(param: (name: string) => string | undefined): EventParse {
  const eventType = param('EventType');
  if (eventType === undefined) return { ok: false, problem: 'EventType is missing' };
  const resourceSid = param('ResourceSid');
  const key =
    param('Sid') ??
    createHash('sha256')
      .update([eventType, resourceSid ?? '', param('Timestamp') ?? ''].join('\n'))
      .digest('base64url');

  switch (eventType) {
    case 'task-queue.created':
    case 'task-queue.expression.updated':
    case 'task-queue.deleted': {
      const queueSid = param('TaskQueueSid') ?? resourceSid;
      if (queueSid === undefined)
        return { ok: false, problem: `${eventType} without TaskQueueSid` };
      const queueName = param('TaskQueueName');
      return eventType === 'task-queue.deleted'
        ? { ok: true, event: { type: eventType, key, queueSid, queueName } }
        : {
            ok: true,
            event: {
              type: eventType,
              key,
              queueSid,
              queueName,
              expression: param('TaskQueueTargetExpression'),
            },
          };
    }
    case 'worker.created':
    case 'worker.attributes.update': {
      const workerSid = param('WorkerSid') ?? resourceSid;
      if (workerSid === undefined) return { ok: false, problem: `${eventType} without WorkerSid` };
      return {
        ok: true,
        event: { type: eventType, key, workerSid, attributes: param('WorkerAttributes') },
      };
    }
    default:
      return { ok: true, event: { type: 'ignored', key, eventType } };
  }
}
