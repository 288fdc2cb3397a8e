import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import { removeLeftoverTemporaries, writeFileAtomically } from '../storage/atomic-file.js';
import { readKeptJsonFile } from '../storage/json-file.js';
import type { JobRecord } from './job-records.js';
import type { JobStore } from './job-store.js';
import { createMemoryJobStore } from './memory-job-store.js';

export const JOBS_FILE_NAME = 'jobs.json';

const recordSchema = z.object({
  id: z.string(),
  kind: z.string(),
  params: z.record(z.string(), z.string()),
  items: z.array(z.string()),
  batchSize: z.number().int().min(1),
  startedAt: z.number(),
  state: z.enum(['running', 'done', 'cancelled']),
  finishedAt: z.number().optional(),
  finishedBatches: z.array(z.number().int()),
  done: z.number().int(),
  failed: z.number().int(),
  failures: z.array(z.object({ item: z.string(), reason: z.string() })),
});
const fileSchema = z.object({ format: z.literal(1), jobs: z.array(recordSchema) });

/**
 * The embedded mode's jobs: in memory, written whole to `dir/jobs.json` (atomically) after every
 * change that must survive a restart, so a restarted process picks up every unfinished batch.
 * A file that cannot be read is moved aside and logged, and the store starts empty (the jobs it
 * held can be started again; nothing they did is undone by that).
 */
export async function openFileJobStore(options: {
  dir: string;
  logger: Logger;
}): Promise<JobStore> {
  const file = path.join(options.dir, JOBS_FILE_NAME);
  await mkdir(options.dir, { recursive: true, mode: 0o700 });
  await removeLeftoverTemporaries(file);
  return createMemoryJobStore({
    initial: await load(file, options.logger),
    persist: (jobs) => writeFileAtomically(file, JSON.stringify({ format: 1, jobs })),
  });
}

async function load(file: string, logger: Logger): Promise<JobRecord[]> {
  const kept = await readKeptJsonFile(file, fileSchema, { logger, what: 'jobs' });
  return (kept?.jobs ?? []).map((job) => ({ ...job, finishedAt: job.finishedAt }));
}
