import type { Clock } from '../clock.js';
import type { ItemHandler } from '../jobs/job-runner.js';
import type { JobStore } from '../jobs/job-store.js';
import type { Logger } from '../logger.js';
import type { TaskRouterEvent } from '../taskrouter/events.js';
import type { EligibilityCache } from './eligibility-cache.js';
import { createEligibilityListener, createQueueEventHandler } from './eligibility-events.js';
import {
  createSyncHandler,
  createWorkerEligibilityHandler,
  ELIGIBILITY_JOBS,
  SYNC_JOB,
} from './eligibility-jobs.js';
import { createQueueTargets } from './queue-targets.js';
import type { WorkspaceWorkers } from './workspace-workers.js';

/** How stale the compiled queue list may be in a process that did not make the change itself. */
const QUEUE_TARGETS_MAX_AGE_MS = 2_000;
/** A sync's start is claimed this long: of processes starting together, one starts it. */
const SYNC_CLAIM_MS = 5 * 60_000;

export interface Eligibility {
  /** For the TaskRouter events route. */
  readonly listener: (event: TaskRouterEvent) => Promise<void>;
  /** For a job runner that can reach TaskRouter (it fetches and writes workers). */
  handlers(workspace: WorkspaceWorkers): Record<string, ItemHandler>;
  /**
   * Starts a full sync when the cache was never filled or was filled more than `resyncMs` ago
   * (events can be missed: TaskRouter gives up on a callback after its retries). True if started.
   */
  syncIfDue(resyncMs: number): Promise<boolean>;
  /** Starts a full sync now (answers the job's id). */
  syncNow(): Promise<string>;
}

/**
 * Keeps each worker's eligible queue SIDs in its attributes under `attributeKey`, from the
 * TaskRouter events and a full sync, with the work done as jobs (see eligibility-jobs.ts).
 */
export function createEligibility(deps: {
  cache: EligibilityCache;
  jobs: JobStore;
  clock: Clock;
  logger: Logger;
  attributeKey: string;
}): Eligibility {
  const { cache, jobs, clock, logger } = deps;
  const targets = createQueueTargets({ cache, clock, logger, maxAgeMs: QUEUE_TARGETS_MAX_AGE_MS });
  const eventDeps = { ...deps, targets };
  const startSync = async () => (await jobs.create(SYNC_JOB, clock.now())).id;
  return {
    listener: createEligibilityListener(eventDeps),
    handlers: (workspace) => ({
      [ELIGIBILITY_JOBS.worker]: createWorkerEligibilityHandler({
        workspace,
        cache,
        targets,
        attributeKey: deps.attributeKey,
        logger,
      }),
      [ELIGIBILITY_JOBS.sync]: createSyncHandler({ workspace, cache, jobs, clock, logger }),
      [ELIGIBILITY_JOBS.event]: createQueueEventHandler(eventDeps),
    }),
    async syncIfDue(resyncMs) {
      const now = clock.now();
      const syncedAt = await cache.syncedAt();
      if (syncedAt !== undefined && now - syncedAt < resyncMs) return false;
      if (!(await cache.claimSync(now, SYNC_CLAIM_MS))) return false;
      await startSync();
      return true;
    },
    syncNow: startSync,
  };
}
