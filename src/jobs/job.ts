/**
 * Long work (recomputing thousands of workers' eligibility, say) as a job: a list of items cut
 * into batches that any runner may claim, so a job survives the process that started it and
 * many processes can share it. Items are strings (worker SIDs, queue names); what to do with
 * one is the job kind's handler's business.
 */
export interface JobSpec {
  /** Which handler runs the items (e.g. "worker-eligibility"). */
  readonly kind: string;
  readonly items: readonly string[];
  /** Items per batch: the unit a runner claims, and loses to another runner if it dies. */
  readonly batchSize: number;
  /** Handed to the handler with every item (e.g. the queue whose expression changed). */
  readonly params?: Readonly<Record<string, string>>;
}

export type JobState = 'running' | 'done' | 'cancelled';

export interface JobFailure {
  readonly item: string;
  readonly reason: string;
}

/** What GET /api/jobs/{id} and the admin page show. */
export interface JobProgress {
  readonly id: string;
  readonly kind: string;
  readonly state: JobState;
  readonly total: number;
  readonly done: number;
  readonly failed: number;
  readonly remaining: number;
  /** Epoch ms. */
  readonly startedAt: number;
  readonly finishedAt: number | undefined;
  /** When the remaining items should be done at the pace so far (epoch ms); undefined until known. */
  readonly eta: number | undefined;
  /** The first failures, with why (capped: a job of 5,000 failing items keeps a sample). */
  readonly failures: readonly JobFailure[];
}

/** A batch a runner holds until `leaseUntil`; past that, another runner may claim it again. */
export interface ClaimedBatch {
  readonly jobId: string;
  readonly kind: string;
  readonly params: Readonly<Record<string, string>>;
  readonly batch: number;
  readonly items: readonly string[];
  readonly owner: string;
}

export interface BatchOutcome {
  readonly done: number;
  readonly failures: readonly JobFailure[];
}

/** Failures kept per job for people to read; the counts stay exact. */
export const MAX_FAILURES_KEPT = 100;

export function estimateEta(progress: {
  startedAt: number;
  done: number;
  failed: number;
  remaining: number;
  now: number;
}): number | undefined {
  const finished = progress.done + progress.failed;
  if (finished === 0 || progress.remaining === 0) return undefined;
  const perItem = (progress.now - progress.startedAt) / finished;
  return Math.round(progress.now + perItem * progress.remaining);
}

/** A job's progress from its counts: what remains, and when it should be done at this pace. */
export function progressFrom(
  job: Omit<JobProgress, 'remaining' | 'eta'>,
  now: number,
): JobProgress {
  // A cancelled job's remaining items are the ones it never did.
  const remaining = job.total - job.done - job.failed;
  return {
    ...job,
    remaining,
    eta:
      job.state === 'running'
        ? estimateEta({
            startedAt: job.startedAt,
            done: job.done,
            failed: job.failed,
            remaining,
            now,
          })
        : undefined,
  };
}
