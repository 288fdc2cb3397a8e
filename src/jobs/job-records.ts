import {
  MAX_FAILURES_KEPT,
  progressFrom,
  type BatchOutcome,
  type JobFailure,
  type JobProgress,
  type JobSpec,
  type JobState,
} from './job.js';

/** A job as the memory and file stores keep it (the Redis store keeps the same fields). */
export interface JobRecord {
  readonly id: string;
  readonly kind: string;
  readonly params: Readonly<Record<string, string>>;
  readonly items: readonly string[];
  readonly batchSize: number;
  readonly startedAt: number;
  state: JobState;
  finishedAt: number | undefined;
  /** Batch indexes whose outcome is recorded. */
  readonly finishedBatches: number[];
  done: number;
  failed: number;
  readonly failures: JobFailure[];
}

/** Jobs kept once finished, newest first: enough history for people, bounded for the store. */
export const FINISHED_JOBS_KEPT = 50;

export function newJobRecord(id: string, spec: JobSpec, now: number): JobRecord {
  if (!Number.isInteger(spec.batchSize) || spec.batchSize < 1) {
    throw new RangeError(`batchSize must be a whole number from 1, not ${spec.batchSize}`);
  }
  return {
    id,
    kind: spec.kind,
    params: spec.params ?? {},
    items: [...spec.items],
    batchSize: spec.batchSize,
    startedAt: now,
    // An empty job is done as it starts.
    state: spec.items.length === 0 ? 'done' : 'running',
    finishedAt: spec.items.length === 0 ? now : undefined,
    finishedBatches: [],
    done: 0,
    failed: 0,
    failures: [],
  };
}

export const batchCount = (job: JobRecord) => Math.ceil(job.items.length / job.batchSize);

export const batchItems = (job: JobRecord, batch: number) =>
  job.items.slice(batch * job.batchSize, (batch + 1) * job.batchSize);

/** Records a batch's outcome unless it already was; finishes the job with its last batch. */
export function recordBatch(
  job: JobRecord,
  batch: number,
  outcome: BatchOutcome,
  now: number,
): boolean {
  if (job.finishedBatches.includes(batch) || batch < 0 || batch >= batchCount(job)) return false;
  job.finishedBatches.push(batch);
  job.done += outcome.done;
  job.failed += outcome.failures.length;
  job.failures.push(...outcome.failures.slice(0, MAX_FAILURES_KEPT - job.failures.length));
  if (job.state === 'running' && job.finishedBatches.length === batchCount(job)) {
    job.state = 'done';
    job.finishedAt = now;
  }
  return true;
}

export function progressOf(job: JobRecord, now: number): JobProgress {
  return progressFrom(
    {
      id: job.id,
      kind: job.kind,
      state: job.state,
      total: job.items.length,
      done: job.done,
      failed: job.failed,
      startedAt: job.startedAt,
      finishedAt: job.finishedAt,
      failures: [...job.failures],
    },
    now,
  );
}
