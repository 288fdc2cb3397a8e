import { Router, type Request, type Response } from 'express';
import { v1Meta } from './page-links.js';
import { readPageQuery, slicePage } from './paging.js';
import { pickParams as pick, readQuery, rejectUnsupported } from './query.js';
import { sendJson } from './respond.js';
import { readStatisticsQuery, readTaskChannel } from './stats-query.js';
import {
  renderCumulativeStatistics,
  renderQueueStatistics,
  renderQueuesStatisticsItem,
  renderRealTimeStatistics,
} from './statistics-resources.js';
import { renderTaskQueue } from './taskrouter-resources.js';
import { getOnly } from './get-only.js';
import { twilioErrors } from './twilio-errors.js';
import { workspaceCheck } from './workspace-path.js';
import type { QueueSnapshot, WorkspaceState } from './workspace-state.js';

export interface TaskRouterRouteDeps {
  readonly workspace: WorkspaceState;
  /** Origin for absolute URLs in answers (Twilio's host or the emulator's). */
  readonly linkBase: () => string;
}

const WORKSPACE = '/v1/Workspaces/:workspaceSid';

/** TaskRouter v1: the TaskQueue list and fetch, and their statistics. GET only. */
export function createTaskRouterRouter(deps: TaskRouterRouteDeps): Router {
  const { workspace } = deps;
  const router = Router({ caseSensitive: true });

  const checkWorkspace = workspaceCheck(workspace);
  const queueOf = (req: Request): QueueSnapshot => {
    checkWorkspace(req);
    const sid = String(req.params.taskQueueSid);
    // Only by TaskQueue SID: the lookup by name or Voice SID is the emulator's, not Twilio's.
    const queue = sid.startsWith('WQ') ? workspace.get(sid) : undefined;
    if (queue === undefined || queue.taskQueueSid !== sid) throw twilioErrors.notFound(req.path);
    return queue;
  };
  const listUrl = (req: Request) => `${deps.linkBase()}${req.path}`;

  const get = (path: string, handler: (req: Request, res: Response) => void) =>
    getOnly(router, path, handler);

  get(`${WORKSPACE}/TaskQueues`, (req, res) => {
    checkWorkspace(req);
    const query = readQuery(req);
    rejectUnsupported(query, ['EvaluateWorkerAttributes', 'WorkerSid', 'Ordering']);
    const page = readPageQuery(query);
    const filters = pick(query, ['FriendlyName']);
    const queues = workspace
      .list()
      .filter((q) => query.FriendlyName === undefined || q.friendlyName === query.FriendlyName);
    const slice = slicePage(queues, page);
    sendJson(res, 200, {
      task_queues: slice.items.map((q) => renderTaskQueue(deps.linkBase(), workspace, q)),
      meta: v1Meta({ key: 'task_queues', listUrl: listUrl(req), filters, query: page, slice }),
    });
  });

  get(`${WORKSPACE}/TaskQueues/Statistics`, (req, res) => {
    checkWorkspace(req);
    const query = readQuery(req);
    const page = readPageQuery(query);
    const stats = readStatisticsQuery(query, workspace.now());
    const filters = pick(query, [
      'FriendlyName',
      'StartDate',
      'EndDate',
      'Minutes',
      'TaskChannel',
      'SplitByWaitTime',
    ]);
    const queues = workspace
      .list()
      .filter((q) => query.FriendlyName === undefined || q.friendlyName === query.FriendlyName);
    const slice = slicePage(queues, page);
    sendJson(res, 200, {
      task_queues_statistics: slice.items.map((q) =>
        renderQueuesStatisticsItem(workspace, q, stats),
      ),
      meta: v1Meta({
        key: 'task_queues_statistics',
        listUrl: listUrl(req),
        filters,
        query: page,
        slice,
      }),
    });
  });

  get(`${WORKSPACE}/TaskQueues/:taskQueueSid`, (req, res) => {
    sendJson(res, 200, renderTaskQueue(deps.linkBase(), workspace, queueOf(req)));
  });

  get(`${WORKSPACE}/TaskQueues/:taskQueueSid/Statistics`, (req, res) => {
    const queue = queueOf(req);
    const stats = readStatisticsQuery(readQuery(req), workspace.now());
    sendJson(res, 200, renderQueueStatistics(deps.linkBase(), workspace, queue, stats));
  });

  get(`${WORKSPACE}/TaskQueues/:taskQueueSid/CumulativeStatistics`, (req, res) => {
    const queue = queueOf(req);
    const stats = readStatisticsQuery(readQuery(req), workspace.now());
    sendJson(res, 200, renderCumulativeStatistics(deps.linkBase(), workspace, queue, stats));
  });

  get(`${WORKSPACE}/TaskQueues/:taskQueueSid/RealTimeStatistics`, (req, res) => {
    const queue = queueOf(req);
    const channel = readTaskChannel(readQuery(req));
    sendJson(res, 200, renderRealTimeStatistics(deps.linkBase(), workspace, queue, channel));
  });

  return router;
}
