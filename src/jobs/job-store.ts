import type { BatchOutcome, ClaimedBatch, JobProgress, JobSpec } from './job.js';

/**
 * Where jobs live between the batches: in memory for tests, in a file for the embedded mode
 * (a restart resumes), in Redis for many processes (any of them picks a batch up; one runs it).
 * Every method is one atomic step of the implementation.
 */
export interface JobStore {
  create(spec: JobSpec, now: number): Promise<JobProgress>;
  progress(id: string, now: number): Promise<JobProgress | undefined>;
  /** The most recent jobs first. */
  list(now: number): Promise<JobProgress[]>;
  /**
   * The next batch nobody holds (never started, or its holder's lease ran out) of a running job,
   * leased to `owner` until now + leaseMs; undefined when there is none.
   */
  claim(owner: string, now: number, leaseMs: number): Promise<ClaimedBatch | undefined>;
  /** Extends the lease; false when the batch is no longer this owner's or the job was cancelled. */
  renew(claim: ClaimedBatch, now: number, leaseMs: number): Promise<boolean>;
  /**
   * Records a batch's outcome once: a batch finished by two runners (a lease that ran out while
   * its first holder was still at work) counts once. The job is done when its last batch is.
   */
  complete(claim: ClaimedBatch, outcome: BatchOutcome, now: number): Promise<void>;
  /** Stops handing out the job's batches; false when there is no such running job. */
  cancel(id: string, now: number): Promise<boolean>;
}
