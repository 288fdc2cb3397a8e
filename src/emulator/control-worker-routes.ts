import { Router } from 'express';
import type { FixtureWorkerInput, WorkerPatchInput } from './fixture-workers.js';
import { isoSeconds } from './taskrouter-resources.js';
import { twilioErrors } from './twilio-errors.js';
import type { WorkerSnapshot } from './worker-store.js';
import type { WorkerWriteTally } from './worker-write-tally.js';
import type { WorkspaceState } from './workspace-state.js';

/**
 * /__emulator/workers: every worker with its attributes in one answer (a test checks a
 * thousand workers without a thousand fetches), the app's worker writes counted, and workers
 * created, changed and deleted as TaskRouter's console would (with the events that follow).
 */
export function createControlWorkerRouter(deps: {
  readonly workspace: WorkspaceState;
  readonly writes: WorkerWriteTally;
}): Router {
  const { workers } = deps.workspace;
  const router = Router({ caseSensitive: true });

  router.get('/', (_req, res) => {
    const all = workers.list();
    res.json({ count: all.length, writes: deps.writes.counts, workers: all.map(describeWorker) });
  });
  router.post('/', (req, res) => {
    res.status(201).json(describeWorker(workers.add(req.body as FixtureWorkerInput)));
  });

  router.get('/writes', (_req, res) => {
    res.json(deps.writes.counts);
  });
  router.delete('/writes', (_req, res) => {
    deps.writes.clear();
    res.status(204).end();
  });

  router.get('/:worker', (req, res) => {
    const worker = workers.get(String(req.params.worker));
    if (worker === undefined) throw twilioErrors.notFound(req.originalUrl);
    res.json(describeWorker(worker));
  });
  router.patch('/:worker', (req, res) => {
    const name = String(req.params.worker);
    if (workers.get(name) === undefined) throw twilioErrors.notFound(req.originalUrl);
    res.json(describeWorker(workers.update(name, req.body as WorkerPatchInput)));
  });
  router.delete('/:worker', (req, res) => {
    if (!workers.remove(String(req.params.worker))) throw twilioErrors.notFound(req.originalUrl);
    res.status(204).end();
  });
  return router;
}

/** A worker for people and scripts: attributes parsed, dates as ISO strings. */
export function describeWorker(w: WorkerSnapshot) {
  return {
    sid: w.sid,
    friendlyName: w.friendlyName,
    activity: w.activity.friendlyName,
    available: w.activity.available,
    version: w.version,
    dateCreated: isoSeconds(w.dateCreated),
    dateUpdated: isoSeconds(w.dateUpdated),
    attributes: JSON.parse(w.attributes) as unknown,
  };
}
