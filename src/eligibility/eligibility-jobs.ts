import type { Clock } from '../clock.js';
import type { JobSpec } from '../jobs/job.js';
import type { ItemHandler } from '../jobs/job-runner.js';
import type { JobStore } from '../jobs/job-store.js';
import type { Logger } from '../logger.js';
import type { EligibilityCache } from './eligibility-cache.js';
import type { QueueOverride, QueueTargets } from './queue-targets.js';
import { planWorker } from './worker-plan.js';
import type { WorkspaceWorkers } from './workspace-workers.js';

/** The job kinds eligibility runs on the job engine. */
export const ELIGIBILITY_JOBS = {
  /** Items are worker SIDs: fetch, judge, write when changed. */
  worker: 'worker-eligibility',
  /** One item: read every queue and worker SID, then start a worker job over all of them. */
  sync: 'eligibility-sync',
  /** One item, the event as JSON: a queue created, deleted or re-targeted. */
  event: 'taskrouter-event',
} as const;

/** A full sync: one item, whatever its name; its handler reads the whole workspace. */
export const SYNC_JOB: JobSpec = {
  kind: ELIGIBILITY_JOBS.sync,
  items: ['workspace'],
  batchSize: 1,
};

/** Workers per batch: what a runner that dies leaves for another to redo, at most. */
export const WORKER_BATCH_SIZE = 50;

/**
 * A worker job that follows one queue's change carries the new expression: the job is then
 * judged on it even when a runner reads the cache before the change reaches it.
 */
export function overrideParams(override: QueueOverride): Record<string, string> {
  return override.expression === undefined
    ? { queueSid: override.queueSid, deleted: 'true' }
    : { queueSid: override.queueSid, expression: override.expression };
}

function overrideOf(params: Readonly<Record<string, string>>): QueueOverride | undefined {
  const { queueSid } = params;
  if (queueSid === undefined) return undefined;
  return { queueSid, expression: params.deleted === 'true' ? undefined : params.expression };
}

/**
 * Attempts per worker when it keeps changing between our read and our write: each 412 means
 * someone else wrote it meanwhile, so it is read and judged again. Past this the item fails
 * (the next event or sync tries again) rather than racing a writer forever.
 */
export const MAX_WRITE_ATTEMPTS = 5;

/**
 * One worker: fetched for its attributes as they are now (never written from a cached copy),
 * judged, and written only when its list changed, with If-Match on the version fetched: a change
 * made between our read and our write is never overwritten (TaskRouter answers 412; the worker
 * is read and judged again). A list too large for TaskRouter's 4 KB is not written: the item
 * fails with the reason, and the worker keeps every attribute it had.
 */
export function createWorkerEligibilityHandler(deps: {
  workspace: WorkspaceWorkers;
  cache: EligibilityCache;
  targets: QueueTargets;
  attributeKey: string;
  logger: Logger;
}): ItemHandler {
  return async (workerSid, { params }) => {
    for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt += 1) {
      const worker = await deps.workspace.fetchWorker(workerSid);
      if (worker === undefined) {
        await deps.cache.removeWorker(workerSid); // deleted meanwhile: nothing to keep in step
        return;
      }
      await deps.cache.setWorker(workerSid, worker.attributes);
      const targets = await deps.targets.current(overrideOf(params));
      const plan = planWorker(worker.attributes, targets, deps.attributeKey);
      if (plan.kind === 'unchanged') return;
      if (plan.kind === 'skip') {
        deps.logger.warn({ workerSid, reason: plan.reason }, 'eligibility: worker not written');
        throw new Error(`not written: ${plan.reason}`);
      }
      const outcome = await deps.workspace.writeAttributes(
        workerSid,
        plan.attributes,
        worker.version,
      );
      if (outcome.kind === 'gone') await deps.cache.removeWorker(workerSid);
      if (outcome.kind === 'written')
        await deps.cache.setWorker(workerSid, outcome.worker.attributes);
      if (outcome.kind !== 'stale') return;
      deps.logger.debug(
        { workerSid, attempt },
        'eligibility: worker changed meanwhile; judging it again',
      );
    }
    const reason = `the worker changed between our read and our write ${MAX_WRITE_ATTEMPTS} times in a row; left as its other writer made it`;
    deps.logger.warn({ workerSid, reason }, 'eligibility: worker not written');
    throw new Error(`not written: ${reason}`);
  };
}

/**
 * A full sync: every queue's expression into the cache, then a worker job over every worker.
 * Started when the cache was never filled (or is older than the resync period), and by hand.
 * Run twice, it starts two worker jobs; the second writes nothing the first already wrote.
 */
export function createSyncHandler(deps: {
  workspace: WorkspaceWorkers;
  cache: EligibilityCache;
  jobs: JobStore;
  clock: Clock;
  logger: Logger;
}): ItemHandler {
  return async () => {
    const queues = await deps.workspace.listQueueTargets();
    const workerSids = await deps.workspace.listWorkerSids();
    await deps.cache.replaceQueues(queues);
    const gone = new Set((await deps.cache.workers()).keys());
    for (const sid of workerSids) gone.delete(sid);
    for (const sid of gone) await deps.cache.removeWorker(sid);
    const job = await deps.jobs.create(
      {
        kind: ELIGIBILITY_JOBS.worker,
        items: workerSids,
        batchSize: WORKER_BATCH_SIZE,
        params: { reason: 'full sync' },
      },
      deps.clock.now(),
    );
    await deps.cache.markSynced(deps.clock.now());
    deps.logger.info(
      { job: job.id, workers: workerSids.length, queues: queues.size },
      'eligibility: full sync started',
    );
  };
}
