import { randomUUID } from 'node:crypto';
import type { JobStore } from './job-store.js';
import {
  batchCount,
  batchItems,
  FINISHED_JOBS_KEPT,
  newJobRecord,
  progressOf,
  recordBatch,
  type JobRecord,
} from './job-records.js';

interface Lease {
  readonly owner: string;
  readonly until: number;
}

/**
 * Jobs in this process. `persist`, when given, is awaited with every job after each change that
 * must survive a restart (created, a batch recorded, cancelled); leases are not persisted: after
 * a restart every unfinished batch is free to claim again.
 */
export function createMemoryJobStore(
  options: {
    initial?: readonly JobRecord[];
    persist?: (jobs: readonly JobRecord[]) => Promise<void>;
  } = {},
): JobStore {
  const jobs = new Map<string, JobRecord>((options.initial ?? []).map((job) => [job.id, job]));
  const leases = new Map<string, Lease>();
  const leaseKey = (id: string, batch: number) => `${id}#${batch}`;
  let writes: Promise<void> = Promise.resolve();

  /** Persists in order; a failed write is retried by the next change's write. */
  const persist = () => {
    if (options.persist === undefined) return Promise.resolve();
    const save = options.persist;
    const write = writes.then(() => save([...jobs.values()]));
    writes = write.catch(() => undefined);
    return write;
  };

  const prune = () => {
    const finished = [...jobs.values()]
      .filter((job) => job.state !== 'running')
      .sort((a, b) => (b.finishedAt ?? 0) - (a.finishedAt ?? 0));
    for (const job of finished.slice(FINISHED_JOBS_KEPT)) jobs.delete(job.id);
  };

  return {
    async create(spec, now) {
      const job = newJobRecord(randomUUID(), spec, now);
      jobs.set(job.id, job);
      prune();
      await persist();
      return progressOf(job, now);
    },

    progress: (id, now) => {
      const job = jobs.get(id);
      return Promise.resolve(job === undefined ? undefined : progressOf(job, now));
    },

    list: (now) =>
      Promise.resolve(
        [...jobs.values()]
          .sort((a, b) => b.startedAt - a.startedAt)
          .map((job) => progressOf(job, now)),
      ),

    claim(owner, now, leaseMs) {
      for (const job of jobs.values()) {
        if (job.state !== 'running') continue;
        for (let batch = 0; batch < batchCount(job); batch += 1) {
          if (job.finishedBatches.includes(batch)) continue;
          const held = leases.get(leaseKey(job.id, batch));
          if (held !== undefined && held.until > now) continue;
          leases.set(leaseKey(job.id, batch), { owner, until: now + leaseMs });
          return Promise.resolve({
            jobId: job.id,
            kind: job.kind,
            params: job.params,
            batch,
            items: batchItems(job, batch),
            owner,
          });
        }
      }
      return Promise.resolve(undefined);
    },

    renew(claim, now, leaseMs) {
      const key = leaseKey(claim.jobId, claim.batch);
      const held = leases.get(key);
      if (jobs.get(claim.jobId)?.state !== 'running' || held?.owner !== claim.owner) {
        return Promise.resolve(false);
      }
      leases.set(key, { owner: claim.owner, until: now + leaseMs });
      return Promise.resolve(true);
    },

    async complete(claim, outcome, now) {
      leases.delete(leaseKey(claim.jobId, claim.batch));
      const job = jobs.get(claim.jobId);
      if (job === undefined || !recordBatch(job, claim.batch, outcome, now)) return;
      if (job.state !== 'running') prune();
      await persist();
    },

    async cancel(id, now) {
      const job = jobs.get(id);
      if (job?.state !== 'running') return false;
      job.state = 'cancelled';
      job.finishedAt = now;
      await persist();
      return true;
    },
  };
}
