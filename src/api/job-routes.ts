import type { Request, Router } from 'express';
import type { Clock } from '../clock.js';
import { AppError, clipForMessage, storeCall } from '../errors.js';
import type { JobProgress } from '../jobs/job.js';
import type { JobStore } from '../jobs/job-store.js';
import { sendUncached } from './uncached.js';

export interface JobRouteDeps {
  readonly clock: Clock;
  readonly jobs: JobStore;
}

/**
 * GET /jobs, GET /jobs/{id}, POST /jobs/{id}/cancel: long work (eligibility recomputation) as
 * it goes: total, done, failed, remaining, startedAt, eta, and a sample of failures with why.
 */
export function addJobRoutes(router: Router, deps: JobRouteDeps): void {
  router.get('/jobs', async (_req, res) => {
    const jobs = await storeCall('JOBS_UNAVAILABLE', () => deps.jobs.list(deps.clock.now()));
    sendUncached(res, { jobs: jobs.map(viewJob) });
  });

  router.get('/jobs/:job', async (req, res) => {
    const id = jobParam(req);
    const job = await storeCall('JOBS_UNAVAILABLE', () => deps.jobs.progress(id, deps.clock.now()));
    if (job === undefined) throw jobNotFound(id);
    sendUncached(res, viewJob(job));
  });

  router.post('/jobs/:job/cancel', async (req, res) => {
    const id = jobParam(req);
    const now = deps.clock.now();
    await storeCall('JOBS_UNAVAILABLE', () => deps.jobs.cancel(id, now));
    // Cancelling a job that already ended changes nothing; the answer says how it stands.
    const job = await storeCall('JOBS_UNAVAILABLE', () => deps.jobs.progress(id, now));
    if (job === undefined) throw jobNotFound(id);
    req.log.info({ job: id, state: job.state }, 'job cancel asked');
    sendUncached(res, viewJob(job));
  });
}

const iso = (at: number | undefined) => (at === undefined ? null : new Date(at).toISOString());

function viewJob(job: JobProgress) {
  return {
    ...job,
    startedAt: iso(job.startedAt),
    finishedAt: iso(job.finishedAt),
    eta: iso(job.eta),
  };
}

function jobParam(req: Request): string {
  const value: unknown = req.params.job;
  return typeof value === 'string' ? value : '';
}

function jobNotFound(id: string): AppError {
  return new AppError('JOB_NOT_FOUND', { message: `No job "${clipForMessage(id)}"` });
}
