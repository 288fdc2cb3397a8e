import type { Twilio } from 'twilio';
import { readAllPages, type SdkPage } from '../lib/paging.js';

/** A worker as eligibility needs it: its SID and its attributes (TaskRouter's JSON text). */
export interface WorkerAttributes {
  readonly sid: string;
  readonly attributes: string;
  /**
   * The ETag TaskRouter answered with, passed back unchanged as If-Match on the write; undefined
   * when the server sent none (then the write cannot be conditional).
   */
  readonly version: string | undefined;
}

/** What became of a conditional write. */
export type WriteOutcome =
  | { readonly kind: 'written'; readonly worker: WorkerAttributes }
  /** The worker no longer exists (404). */
  | { readonly kind: 'gone' }
  /** The worker changed since `version` was read (412): nothing was written. */
  | { readonly kind: 'stale' };

/**
 * The TaskRouter reads and writes eligibility makes, through the SDK. Reads and writes go
 * through clients of their own, each paced to its own limit: TaskRouter counts a Workspace's
 * reads and writes apart, and a full sync needs one fetch and (at most) one write per worker.
 */
export interface WorkspaceWorkers {
  /** Every worker's SID (the list carries no attributes). Throws when the list is incomplete. */
  listWorkerSids(): Promise<string[]>;
  /** Every TaskQueue's TargetWorkers expression, by queue SID. Throws when incomplete. */
  listQueueTargets(): Promise<Map<string, string>>;
  /** One worker with its attributes; undefined when it no longer exists. */
  fetchWorker(workerSid: string): Promise<WorkerAttributes | undefined>;
  /**
   * Replaces the worker's attributes if it is still at `version` (If-Match): a worker changed
   * meanwhile is left as it is and answered 'stale'.
   */
  writeAttributes(
    workerSid: string,
    attributes: string,
    version: string | undefined,
  ): Promise<WriteOutcome>;
}

/** Twilio's largest page. */
const PAGE_SIZE = 1000;
/** Twice the most pages a workspace can have (15,000 workers; 5,000 queues). */
const MAX_WORKER_PAGES = 30;
const MAX_QUEUE_PAGES = 10;

export function createWorkspaceWorkers(options: {
  reads: Twilio;
  writes: Twilio;
  workspaceSid: string;
}): WorkspaceWorkers {
  const readSide = () => options.reads.taskrouter.v1.workspaces(options.workspaceSid);
  const writeSide = () => options.writes.taskrouter.v1.workspaces(options.workspaceSid);
  return {
    async listWorkerSids() {
      const listing = await readAllPages(
        () => readSide().workers.page({ pageSize: PAGE_SIZE }) as Promise<SdkPage<{ sid: string }>>,
        { maxPages: MAX_WORKER_PAGES, label: 'Workers list' },
      );
      if (!listing.complete) throw new Error(listing.problem ?? 'Workers list incomplete');
      return listing.items.map((worker) => worker.sid);
    },

    async listQueueTargets() {
      const listing = await readAllPages(
        () =>
          readSide().taskQueues.page({ pageSize: PAGE_SIZE }) as Promise<
            SdkPage<{ sid: string; targetWorkers: string | null }>
          >,
        { maxPages: MAX_QUEUE_PAGES, label: 'TaskQueues list' },
      );
      if (!listing.complete) throw new Error(listing.problem ?? 'TaskQueues list incomplete');
      // TaskRouter sends its default ("1==1") as text; a queue with no expression at all holds
      // its tasks until they are moved ("If no TargetWorkers … Tasks will wait"): nobody is eligible.
      return new Map(listing.items.map((queue) => [queue.sid, queue.targetWorkers ?? '1==0']));
    },

    async fetchWorker(workerSid) {
      return orGone(async () => workerOf(await readSide().workers(workerSid).fetchWithHttpInfo()));
    },

    async writeAttributes(workerSid, attributes, version) {
      try {
        const answer = await writeSide()
          .workers(workerSid)
          .updateWithHttpInfo(
            version === undefined ? { attributes } : { attributes, ifMatch: version },
          );
        return { kind: 'written', worker: workerOf(answer) };
      } catch (error) {
        const status = (error as { status?: unknown }).status;
        if (status === 404) return { kind: 'gone' };
        if (status === 412) return { kind: 'stale' };
        throw error;
      }
    },
  };
}

function workerOf(answer: {
  body: { sid: string; attributes: string };
  headers: Record<string, string | undefined>;
}): WorkerAttributes {
  return { sid: answer.body.sid, attributes: answer.body.attributes, version: answer.headers.etag };
}

/** A 404 means the worker was deleted meanwhile: nothing left to do for it, not a failure. */
async function orGone<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if ((error as { status?: unknown }).status === 404) return undefined;
    throw error;
  }
}
