import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openFileJobStore } from '../../src/jobs/file-job-store.js';
import { captureLogger } from '../support/capture-logger.js';
import { T0, items, jobStoreContract } from './job-store.contract.js';

describe('the file job store', () => {
  let dir: string;
  const open = () => openFileJobStore({ dir, logger: captureLogger().logger });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'holdline-jobs-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  describe('as a JobStore (the contract)', () => {
    jobStoreContract(open);
  });

  it('reopened, finds its jobs as they were, with every unfinished batch free to claim', async () => {
    const before = await open();
    const job = await before.create({ kind: 'test', items: items(30), batchSize: 10 }, T0);
    const first = await before.claim('runner-a', T0, 60_000);
    await before.claim('runner-a', T0, 60_000);
    await before.complete(first!, { done: 10, failures: [] }, T0 + 1_000);

    const after = await open();

    expect(await after.list(T0 + 2_000)).toEqual(await before.list(T0 + 2_000));
    // Leases are not kept: batch 1 was held by a process that is gone.
    expect((await after.claim('restarted', T0 + 2_000, 60_000))?.batch).toBe(1);
    expect((await after.claim('restarted', T0 + 2_000, 60_000))?.batch).toBe(2);
    expect(await after.claim('restarted', T0 + 2_000, 60_000)).toBeUndefined();
    expect((await after.progress(job.id, T0 + 2_000))?.done).toBe(10);
  });
});
