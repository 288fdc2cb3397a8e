import { Router } from 'express';
import { z } from 'zod';
import type { EventDelivery } from './event-delivery.js';
import { twilioErrors } from './twilio-errors.js';
import { parseWith } from './validation.js';
import type { WorkspaceEvent } from './workspace-events.js';
import { WORKSPACE_EVENT_TYPES } from './workspace-events.js';
import { isHttpUrl } from './workspace-routes.js';
import type { WorkspaceState } from './workspace-state.js';

const settingsSchema = z
  .object({
    /** null: events go nowhere. */
    callbackUrl: z.string().refine(isHttpUrl, 'must be an http(s) URL').nullable().optional(),
    /** null: every type. */
    eventsFilter: z.array(z.string().min(1)).nullable().optional(),
  })
  .strict();

const emitSchema = z.union([
  z
    .object({
      /** One of the types the emulator knows, built from the resource as it is now. */
      eventType: z.enum(WORKSPACE_EVENT_TYPES as [string, ...string[]]),
      resourceSid: z.string().min(1),
    })
    .strict(),
  z
    .object({
      /** Anything else: these parameters, over the common ones (Sid, Timestamp, AccountSid…). */
      eventType: z.string().min(1),
      params: z.record(z.string(), z.string()),
    })
    .strict(),
]);

const duplicateSchema = z
  .object({
    count: z.number().int().min(1).default(1),
    copies: z.number().int().min(2).max(10).default(2),
    eventType: z.string().min(1).optional(),
  })
  .strict();

/**
 * /__emulator/events: where TaskRouter events go (the Workspace's EventCallbackUrl and
 * EventsFilter), what was sent and how it went, an event on demand, duplicates and
 * redeliveries for idempotency tests, and a wait until everything queued has been sent.
 */
export function createControlEventRouter(deps: {
  readonly workspace: WorkspaceState;
  readonly events: EventDelivery;
}): Router {
  const { workspace, events } = deps;
  const router = Router({ caseSensitive: true });

  const summary = () => ({
    callbackUrl: workspace.settings.eventCallbackUrl,
    eventsFilter: workspace.settings.eventsFilter,
    counters: events.counters,
  });

  router.get('/', (_req, res) => {
    res.json({ ...summary(), deliveries: events.log });
  });
  router.put('/', (req, res) => {
    const input = parseWith(settingsSchema, req.body ?? {}, 'event settings');
    workspace.configure({ eventCallbackUrl: input.callbackUrl, eventsFilter: input.eventsFilter });
    res.json(summary());
  });
  router.delete('/', (_req, res) => {
    events.clear();
    res.status(204).end();
  });
  router.get('/settled', async (_req, res) => {
    await events.settled();
    res.json(summary());
  });

  router.post('/', (req, res) => {
    const input = parseWith(emitSchema, req.body ?? {}, 'event');
    if ('params' in input) {
      res.status(201).json(events.emitParams({ ...input.params, EventType: input.eventType }));
      return;
    }
    const event = eventFor(workspace, input.eventType, input.resourceSid);
    if (event === undefined) throw twilioErrors.notFound(input.resourceSid);
    res.status(201).json(events.emit(event));
  });
  router.post('/duplicates', (req, res) => {
    events.duplicateNext(parseWith(duplicateSchema, req.body ?? {}, 'duplicates'));
    res.status(204).end();
  });
  router.post('/:sid/redeliver', (req, res) => {
    const record = events.redeliver(String(req.params.sid));
    if (record === undefined) throw twilioErrors.notFound(req.originalUrl);
    res.status(201).json(record);
  });
  return router;
}

/** The event of this type for a queue or worker as it is now; undefined: no such resource. */
function eventFor(
  workspace: WorkspaceState,
  type: string,
  resourceSid: string,
): WorkspaceEvent | undefined {
  if (type.startsWith('task-queue.')) {
    const queue = workspace.get(resourceSid);
    if (queue === undefined) return undefined;
    return { type: type as 'task-queue.created', queue };
  }
  const worker = workspace.workers.get(resourceSid);
  if (worker === undefined) return undefined;
  if (type === 'worker.activity.update') return { type, worker, previous: worker };
  return { type: type as 'worker.created', worker };
}
