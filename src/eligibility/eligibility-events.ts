import { z } from 'zod';
import type { Clock } from '../clock.js';
import type { ItemHandler } from '../jobs/job-runner.js';
import type { JobStore } from '../jobs/job-store.js';
import type { Logger } from '../logger.js';
import type { TaskRouterEvent } from '../taskrouter/events.js';
import { compileExpression, type CompiledExpression } from '../taskrouter/expression/index.js';
import { workersFlippedBy } from './eligibility.js';
import type { EligibilityCache } from './eligibility-cache.js';
import {
  ELIGIBILITY_JOBS,
  overrideParams,
  SYNC_JOB,
  WORKER_BATCH_SIZE,
} from './eligibility-jobs.js';
import type { QueueTargets } from './queue-targets.js';
import { planWorker } from './worker-plan.js';

interface EventDeps {
  readonly cache: EligibilityCache;
  readonly jobs: JobStore;
  readonly targets: QueueTargets;
  readonly clock: Clock;
  readonly attributeKey: string;
  readonly logger: Logger;
}

/**
 * What the events route hands each TaskRouter event to. The route answers TaskRouter once this
 * settles, so it stays quick: a store write or two, no REST call. A worker event is judged here,
 * on the attributes the event carries: when the list under our key is already right, as after
 * our own write, nothing more happens (so our writes start no loop); otherwise a one-worker job
 * fetches and writes it. A queue event becomes a job of its own, so the work survives this
 * process: judging it reads every cached worker.
 */
export function createEligibilityListener(
  deps: EventDeps,
): (event: TaskRouterEvent) => Promise<void> {
  const start = (kind: string, items: string[], params: Record<string, string> = {}) =>
    deps.jobs.create({ kind, items, batchSize: 1, params }, deps.clock.now());
  return async (event) => {
    switch (event.type) {
      case 'worker.created':
      case 'worker.attributes.update': {
        if (event.attributes !== undefined) {
          const { attributes } = event;
          await deps.cache.setWorker(event.workerSid, attributes);
          // Judged on the queues as last read; a mismatch is checked on a fresh read before it
          // costs a job (the echoes of a sync's first writes meet a queue list seconds old).
          const unchanged = async (fresh: boolean) =>
            planWorker(
              attributes,
              await deps.targets.current(undefined, { fresh }),
              deps.attributeKey,
            ).kind === 'unchanged';
          if ((await unchanged(false)) || (await unchanged(true))) return;
        }
        await start(ELIGIBILITY_JOBS.worker, [event.workerSid], { reason: event.type });
        return;
      }
      case 'task-queue.created':
      case 'task-queue.deleted':
      case 'task-queue.expression.updated':
        await start(ELIGIBILITY_JOBS.event, [JSON.stringify(event)]);
        return;
      default:
        return;
    }
  };
}

const queueEventSchema = z.object({
  type: z.enum(['task-queue.created', 'task-queue.deleted', 'task-queue.expression.updated']),
  queueSid: z.string(),
  expression: z.string().optional(),
});

/**
 * A queue's change touches only that queue's place in each worker's list, so only the workers
 * whose match flips (judged on their cached attributes) get a job; the original design fetched
 * and rewrote every worker. The job carries the new expression, and the cache learns it only
 * after the job exists: a runner that dies in between leaves the "before" in place, and the
 * retried item finds the same workers again.
 */
export function createQueueEventHandler(deps: EventDeps): ItemHandler {
  return async (item) => {
    const event = queueEventSchema.parse(JSON.parse(item));
    const before = (await deps.cache.queues()).get(event.queueSid);
    const after = event.type === 'task-queue.deleted' ? undefined : event.expression;
    if (event.type !== 'task-queue.deleted' && after === undefined) {
      // The event did not say what the queue now targets: only a full sync can tell.
      await deps.jobs.create(SYNC_JOB, deps.clock.now());
      return;
    }
    const workers = await deps.cache.workers();
    const candidates = flipCandidates(workers, read(before), read(after), before !== after);
    const override = { queueSid: event.queueSid, expression: after };
    if (candidates.length > 0) {
      const job = await deps.jobs.create(
        {
          kind: ELIGIBILITY_JOBS.worker,
          items: candidates,
          batchSize: WORKER_BATCH_SIZE,
          params: { ...overrideParams(override), reason: event.type },
        },
        deps.clock.now(),
      );
      deps.logger.info(
        { job: job.id, queueSid: event.queueSid, workers: candidates.length, cached: workers.size },
        'eligibility: queue changed; judging the workers it flips',
      );
    }
    if (after === undefined) await deps.cache.removeQueue(event.queueSid);
    else await deps.cache.setQueue(event.queueSid, after);
  };
}

type Readable =
  { readable: true; expression: CompiledExpression | undefined } | { readable: false };

function read(text: string | undefined): Readable {
  if (text === undefined) return { readable: true, expression: undefined };
  try {
    return { readable: true, expression: compileExpression(text) };
  } catch {
    return { readable: false };
  }
}

/** When either side cannot be read here, every worker is judged again (by a fetch each). */
function flipCandidates(
  workers: ReadonlyMap<string, string>,
  before: Readable,
  after: Readable,
  changed: boolean,
): string[] {
  if (!changed) return [];
  if (!before.readable || !after.readable) return [...workers.keys()];
  return workersFlippedBy(parsedWorkers(workers), before.expression, after.expression);
}

function* parsedWorkers(workers: ReadonlyMap<string, string>): Iterable<[string, unknown]> {
  for (const [sid, text] of workers) {
    let attributes: unknown;
    try {
      attributes = JSON.parse(text);
    } catch {
      attributes = undefined;
    }
    yield [sid, attributes];
  }
}
