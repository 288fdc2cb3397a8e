import express, { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { createControlEventRouter } from './control-event-routes.js';
import { createControlWorkerRouter } from './control-worker-routes.js';
import type { EventDelivery } from './event-delivery.js';
import { faultOptionsSchema, scriptedFaultSchema } from './fault-options.js';
import type { FaultController } from './faults.js';
import type { FixtureQueueInput, LivePatch } from './fixture.js';
import type { RequestLog } from './request-log.js';
import { isoSeconds } from './taskrouter-resources.js';
import { twilioErrors } from './twilio-errors.js';
import { parseWith } from './validation.js';
import type { WorkerWriteTally } from './worker-write-tally.js';
import type { QueueSnapshot, WorkspaceState } from './workspace-state.js';

export interface ControlRouteDeps {
  readonly workspace: WorkspaceState;
  readonly faults: FaultController;
  readonly log: RequestLog;
  readonly events: EventDelivery;
  readonly workerWrites: WorkerWriteTally;
  readonly baseUrl: () => string;
  readonly linkBase: 'twilio' | 'self';
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * /__emulator/: the emulator's own endpoints, for a demo or a test in another process. No
 * Twilio auth, so only from this machine; they are not logged and no fault touches them.
 */
export function createControlRouter(deps: ControlRouteDeps): Router {
  const { workspace, faults, log } = deps;
  const router = Router({ caseSensitive: true });
  router.use(loopbackOnly, express.json({ limit: '1mb' }));

  router.get('/state', (_req, res) => {
    res.json({
      accountSid: workspace.accountSid,
      workspaceSid: workspace.workspaceSid,
      baseUrl: deps.baseUrl(),
      linkBase: deps.linkBase,
      now: new Date(workspace.now()).toISOString(),
      queues: workspace.list().map(describeQueue),
      workers: { count: workspace.workers.list().length, writes: deps.workerWrites.counts },
      events: {
        callbackUrl: workspace.settings.eventCallbackUrl,
        eventsFilter: workspace.settings.eventsFilter,
        counters: deps.events.counters,
      },
      faults: { options: faults.options, pending: faults.pending },
      requests: log.counters,
    });
  });

  router.use('/workers', createControlWorkerRouter({ workspace, writes: deps.workerWrites }));
  router.use('/events', createControlEventRouter({ workspace, events: deps.events }));

  router.post('/queues', (req, res) => {
    res.status(201).json(describeQueue(workspace.add(req.body as FixtureQueueInput)));
  });
  router.patch('/queues/:queue', (req, res) => {
    const name = String(req.params.queue);
    if (workspace.get(name) === undefined) throw twilioErrors.notFound(req.originalUrl);
    res.json(describeQueue(workspace.setLive(name, req.body as LivePatch)));
  });
  // The TaskQueue's TargetWorkers, as an admin would change it: a task-queue.expression.updated
  // event follows.
  router.put('/queues/:queue/target-workers', (req, res) => {
    const name = String(req.params.queue);
    if (workspace.get(name) === undefined) throw twilioErrors.notFound(req.originalUrl);
    const { targetWorkers } = parseWith(
      z.object({ targetWorkers: z.string().min(1).nullable() }).strict(),
      req.body ?? {},
      'target workers',
    );
    res.json(describeQueue(workspace.setTargetWorkers(name, targetWorkers)));
  });
  router.delete('/queues/:queue', (req, res) => {
    if (!workspace.remove(String(req.params.queue))) throw twilioErrors.notFound(req.originalUrl);
    res.status(204).end();
  });

  // PUT replaces the standing options, and the scripts when `script` is given; all checked
  // before anything changes.
  router.put('/faults', (req, res) => {
    const { script, ...input } = (req.body ?? {}) as { script?: unknown };
    const options = parseWith(faultOptionsSchema, input, 'fault options');
    const scripts =
      script === undefined ? undefined : parseWith(z.array(scriptedFaultSchema), script, 'script');
    faults.set(options);
    if (scripts !== undefined) {
      faults.clearScripts();
      faults.script(...scripts);
    }
    res.json({ options: faults.options, pending: faults.pending });
  });
  router.delete('/faults', (_req, res) => {
    faults.clear();
    res.status(204).end();
  });

  router.get('/requests', (_req, res) => {
    res.json({ counters: log.counters, entries: log.entries });
  });
  router.delete('/requests', (_req, res) => {
    log.clear();
    res.status(204).end();
  });

  router.use((req) => {
    throw twilioErrors.notFound(req.originalUrl);
  });
  return router;
}

const loopbackOnly: RequestHandler = (req, _res, next) => {
  if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) {
    next(twilioErrors.forbidden('the emulator control endpoints answer only on loopback'));
    return;
  }
  next();
};

/** A queue for people and scripts: dates as ISO strings, no internals. */
function describeQueue(q: QueueSnapshot) {
  const { live } = q;
  return {
    friendlyName: q.friendlyName,
    taskQueueSid: q.taskQueueSid,
    voiceQueueSid: q.voiceQueueSid,
    targetWorkers: q.targetWorkers,
    maxSize: q.maxSize,
    dateCreated: isoSeconds(q.dateCreated),
    dateUpdated: isoSeconds(q.dateUpdated),
    traffic: q.traffic,
    live: {
      waitingCallers: live.waitingCallers,
      longestWaitSeconds: live.longestWaitSeconds,
      averageWaitSeconds: live.averageWaitSeconds,
      workers: live.workers,
      eligibleWorkers: live.eligibleWorkers,
      availableWorkers: live.availableWorkers,
      tasksByStatus: live.tasksByStatus,
      totalTasks: live.totalTasks,
    },
  };
}
