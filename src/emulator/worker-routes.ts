import { Router, type Request } from 'express';
import { v1Meta } from './page-links.js';
import { readPageQuery, slicePage } from './paging.js';
import { pickParams, readQuery, rejectUnsupported } from './query.js';
import { sendJson } from './respond.js';
import { parseTwilioForm, readForm } from './twilio-form.js';
import { twilioErrors } from './twilio-errors.js';
import { workspaceCheck } from './workspace-path.js';
import { checkWorkerAttributes } from './worker-attributes.js';
import { renderWorker } from './worker-resources.js';
import type { WorkerChange, WorkerSnapshot } from './worker-store.js';
import type { WorkspaceState } from './workspace-state.js';

const WORKERS = '/v1/Workspaces/:workspaceSid/Workers';

/**
 * TaskRouter Workers: the list (attributes null, as Twilio sends them there), one worker, and
 * its update (Attributes, FriendlyName, ActivitySid; If-Match against the worker's ETag, as
 * TaskRouter: a stale one is a 412). Every update is a worker write: the rate
 * limit for writes and the faults apply in front of it (fault-middleware.ts), and the events
 * TaskRouter would send follow it. Creating and deleting workers goes through the emulator's
 * own API (/__emulator/workers), not this one.
 */
export function createWorkerRouter(deps: {
  readonly workspace: WorkspaceState;
  readonly linkBase: () => string;
}): Router {
  const { workspace } = deps;
  const router = Router({ caseSensitive: true });

  const checkWorkspace = workspaceCheck(workspace);
  const workerOf = (req: Request): WorkerSnapshot => {
    checkWorkspace(req);
    const sid = String(req.params.workerSid);
    const worker = sid.startsWith('WK') ? workspace.workers.get(sid) : undefined;
    if (worker === undefined || worker.sid !== sid) throw twilioErrors.notFound(req.path);
    return worker;
  };
  const notAllowed = (req: Request) => {
    throw twilioErrors.methodNotAllowed(req.method);
  };

  router
    .route(WORKERS)
    .get((req, res) => {
      checkWorkspace(req);
      const query = readQuery(req);
      rejectUnsupported(query, [
        'TargetWorkersExpression',
        'TaskQueueSid',
        'TaskQueueName',
        'Ordering',
      ]);
      const page = readPageQuery(query);
      const filters = pickParams(query, [
        'ActivityName',
        'ActivitySid',
        'Available',
        'FriendlyName',
      ]);
      const workers = workspace.workers.list().filter(matchesFilters(query));
      const slice = slicePage(workers, page);
      sendJson(res, 200, {
        workers: slice.items.map((w) => renderWorker(deps.linkBase(), workspace, w, 'in-list')),
        meta: v1Meta({
          key: 'workers',
          listUrl: `${deps.linkBase()}${req.path}`,
          filters,
          query: page,
          slice,
        }),
      });
    })
    .all(notAllowed);

  router
    .route(`${WORKERS}/:workerSid`)
    .get((req, res) => {
      const worker = workerOf(req);
      res.set('ETag', workerEtag(worker));
      sendJson(res, 200, renderWorker(deps.linkBase(), workspace, worker, 'single'));
    })
    .post(parseTwilioForm, (req, res) => {
      const worker = workerOf(req);
      const ifMatch = req.get('if-match');
      if (ifMatch !== undefined && !etagMatches(ifMatch, workerEtag(worker))) {
        throw twilioErrors.preconditionFailed(workerEtag(worker));
      }
      const change = readChange(readForm(req), workspace);
      const updated = workspace.workers.change(worker.sid, change);
      res.set('ETag', workerEtag(updated));
      sendJson(res, 200, renderWorker(deps.linkBase(), workspace, updated, 'single'));
    })
    .all(notAllowed);

  return router;
}

/**
 * A worker's ETag: its version (the events' WorkerVersion), which every write bumps, whoever
 * makes it (REST or the control endpoints). Set here so Express's own body-hash ETag never
 * stands in for it.
 */
export function workerEtag(worker: WorkerSnapshot): string {
  return `"${worker.version}"`;
}

/** If-Match as HTTP reads it: `*`, or a list of ETags compared strongly (a weak one never matches). */
function etagMatches(header: string, current: string): boolean {
  return header
    .split(',')
    .map((tag) => tag.trim())
    .some((tag) => tag === '*' || tag === current);
}

function readChange(
  form: Readonly<Record<string, string>>,
  workspace: WorkspaceState,
): WorkerChange {
  const { Attributes: attributes, FriendlyName, ActivitySid: activitySid } = form;
  if (attributes !== undefined) {
    const problem = checkWorkerAttributes(attributes);
    if (problem !== undefined) throw twilioErrors.invalidAttributes(problem.message);
  }
  const friendlyName = FriendlyName?.trim();
  if (friendlyName !== undefined && (friendlyName === '' || friendlyName.length > 64)) {
    throw twilioErrors.invalidParameter('FriendlyName', 'must be 1 to 64 characters');
  }
  if (activitySid !== undefined && workspace.workers.activityBySid(activitySid) === undefined) {
    throw twilioErrors.invalidParameter(
      'ActivitySid',
      `no Activity ${activitySid} in this workspace`,
    );
  }
  // RejectPendingReservations: there are no reservations to reject; accepted and ignored.
  return { attributes, friendlyName, activitySid };
}

/** ActivityName, ActivitySid, Available and FriendlyName, as Twilio documents them. */
function matchesFilters(query: Readonly<Record<string, string>>) {
  const { ActivityName, ActivitySid, Available, FriendlyName } = query;
  const available =
    Available === undefined ? undefined : ['true', '1', 'yes'].includes(Available.toLowerCase());
  return (w: WorkerSnapshot) =>
    (ActivityName === undefined || w.activity.friendlyName === ActivityName) &&
    (ActivitySid === undefined || w.activity.sid === ActivitySid) &&
    (available === undefined || w.activity.available === available) &&
    (FriendlyName === undefined || w.friendlyName.toLowerCase() === FriendlyName.toLowerCase());
}
