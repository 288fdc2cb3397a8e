import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { JOBS_FILE_NAME, openFileJobStore } from '../../src/jobs/file-job-store.js';
import { MAX_FAILURES_KEPT, type ClaimedBatch, type JobProgress } from '../../src/jobs/job.js';
import { createJobRunner, type ItemHandler, type JobRunner } from '../../src/jobs/job-runner.js';
import type { JobStore } from '../../src/jobs/job-store.js';
import { createMemoryJobStore } from '../../src/jobs/memory-job-store.js';
import { captureLogger } from '../support/capture-logger.js';
import { eventually } from '../support/eventually.js';

const clock = { now: () => Date.now() };
const items = (n: number, prefix = 'WK') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('the job engine', () => {
  const runners: JobRunner[] = [];
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((runner) => runner.stop()));
  });

  function run(
    store: JobStore,
    handler: ItemHandler,
    options: Partial<{
      owner: string;
      itemConcurrency: number;
      batchesAtOnce: number;
      leaseMs: number;
    }> = {},
  ) {
    const runner = createJobRunner({
      store,
      handlers: { test: handler },
      owner: options.owner ?? 'runner-a',
      clock,
      logger: captureLogger().logger,
      itemConcurrency: options.itemConcurrency ?? 4,
      batchesAtOnce: options.batchesAtOnce ?? 2,
      leaseMs: options.leaseMs ?? 2_000,
      idleMs: 10,
    });
    runner.start();
    runners.push(runner);
    return runner;
  }

  const finished = async (store: JobStore, id: string): Promise<JobProgress> => {
    let progress: JobProgress | undefined;
    await eventually(async () => {
      progress = await store.progress(id, clock.now());
      expect(progress?.state).not.toBe('running');
    });
    return progress as JobProgress;
  };

  it('runs every item once, batch by batch, and reports progress to the end', async () => {
    const store = createMemoryJobStore();
    const seen: string[] = [];
    const job = await store.create({ kind: 'test', items: items(95), batchSize: 10 }, clock.now());
    expect(job).toMatchObject({
      state: 'running',
      total: 95,
      done: 0,
      remaining: 95,
      eta: undefined,
    });
    run(store, async (item) => {
      await sleep(1);
      seen.push(item);
    });
    const end = await finished(store, job.id);
    expect(end).toMatchObject({ state: 'done', total: 95, done: 95, failed: 0, remaining: 0 });
    expect(end.finishedAt).toBeGreaterThanOrEqual(job.startedAt);
    expect(seen.sort()).toEqual(items(95).sort());
  });

  it('keeps at most itemConcurrency × batchesAtOnce items in flight', async () => {
    const store = createMemoryJobStore();
    let inFlight = 0;
    let most = 0;
    const job = await store.create({ kind: 'test', items: items(60), batchSize: 7 }, clock.now());
    run(
      store,
      async () => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await sleep(3);
        inFlight -= 1;
      },
      { itemConcurrency: 3, batchesAtOnce: 2 },
    );
    await finished(store, job.id);
    expect(most).toBe(6);
  });

  it('counts failed items exactly, with why, keeping a sample of the reasons', async () => {
    const store = createMemoryJobStore();
    const job = await store.create({ kind: 'test', items: items(250), batchSize: 50 }, clock.now());
    run(store, (item) =>
      Number(item.slice(2)) % 2 === 0
        ? Promise.reject(new Error(`HTTP 400 for ${item}`))
        : Promise.resolve(),
    );
    const end = await finished(store, job.id);
    expect(end).toMatchObject({ state: 'done', done: 125, failed: 125 });
    expect(end.failures).toHaveLength(MAX_FAILURES_KEPT);
    for (const failure of end.failures) {
      expect(failure.reason).toBe(`HTTP 400 for ${failure.item}`);
      expect(Number(failure.item.slice(2)) % 2).toBe(0);
    }
  });

  it('a job of a kind nobody handles fails its items, saying so', async () => {
    const store = createMemoryJobStore();
    const job = await store.create({ kind: 'unknown', items: items(3), batchSize: 2 }, clock.now());
    run(store, () => Promise.resolve());
    const end = await finished(store, job.id);
    expect(end).toMatchObject({ done: 0, failed: 3 });
    expect(end.failures[0]?.reason).toBe('no handler for jobs of kind unknown');
  });

  it('a cancelled job stops at its next lease renewal and hands out no more batches', async () => {
    const memory = createMemoryJobStore();
    const claims: (ClaimedBatch | undefined)[] = [];
    const store: JobStore = {
      ...memory,
      claim: async (...args) => {
        const claim = await memory.claim(...args);
        claims.push(claim);
        return claim;
      },
    };
    const started: string[] = [];
    const stoppedBy: unknown[] = [];
    const job = await store.create({ kind: 'test', items: items(200), batchSize: 10 }, clock.now());
    // Six items finish; the next two run until their batch is stopped, as a request honouring
    // its signal does: what stops them is the only thing that can.
    run(
      store,
      (item, { signal }) => {
        started.push(item);
        if (started.length <= 6) return Promise.resolve();
        return new Promise<void>((_, reject) => {
          signal.addEventListener('abort', () => {
            stoppedBy.push(signal.reason);
            reject(signal.reason as Error);
          });
        });
      },
      { itemConcurrency: 2, batchesAtOnce: 1, leaseMs: 60 },
    );
    await eventually(() => expect(started).toHaveLength(8));
    const claimsBeforeCancel = claims.length;
    expect(await store.cancel(job.id, clock.now())).toBe(true);

    await eventually(() => expect(stoppedBy).toHaveLength(2));
    // The lease renewal's refusal stopped them, not the runner stopping.
    expect(stoppedBy.map((reason) => (reason as Error).message)).toEqual([
      'lease lost or job cancelled',
      'lease lost or job cancelled',
    ]);
    // The slot is back to claiming, and is handed nothing more of the cancelled job.
    await eventually(() => expect(claims.length).toBeGreaterThan(claimsBeforeCancel));
    expect(claims.slice(claimsBeforeCancel).filter((claim) => claim !== undefined)).toEqual([]);
    expect(started).toEqual(items(8));
    const end = await store.progress(job.id, clock.now());
    expect(end?.state).toBe('cancelled');
    expect(end?.remaining).toBe(200 - (end?.done ?? 0));
    expect(await store.cancel(job.id, clock.now())).toBe(false);
  });

  it('a batch whose runner stalled past its lease is taken over, and counted once', async () => {
    const store = createMemoryJobStore();
    const job = await store.create({ kind: 'test', items: items(4), batchSize: 4 }, clock.now());
    // A runner that claimed the batch and stopped renewing (a paused process).
    const stalled = await store.claim('stalled', clock.now(), 50);
    expect(stalled?.items).toHaveLength(4);
    run(store, () => Promise.resolve(), { owner: 'runner-b' });
    const end = await finished(store, job.id);
    expect(end).toMatchObject({ done: 4, failed: 0 });
    // The stalled runner wakes up and reports the same batch: it changes nothing.
    await store.complete(stalled!, { done: 4, failures: [] }, clock.now());
    expect(await store.progress(job.id, clock.now())).toMatchObject({ done: 4, failed: 0 });
  });

  describe('in a file (embedded mode)', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'holdline-jobs-'));
    });
    afterEach(async () => {
      await Promise.all(runners.splice(0).map((runner) => runner.stop()));
      await rm(dir, { recursive: true, force: true });
    });

    it('a restarted process resumes an unfinished job where the last one left it', async () => {
      const logger = captureLogger().logger;
      const first = await openFileJobStore({ dir, logger });
      const job = await first.create({ kind: 'test', items: items(40), batchSize: 5 }, clock.now());
      const ranFirst = new Set<string>();
      const runner = run(
        first,
        async (item) => {
          ranFirst.add(item);
          await sleep(2);
        },
        { itemConcurrency: 1, batchesAtOnce: 1, leaseMs: 100 },
      );
      await eventually(async () =>
        expect((await first.progress(job.id, clock.now()))?.done).toBeGreaterThanOrEqual(10),
      );
      await runner.stop(); // the process ends mid-job

      const second = await openFileJobStore({ dir, logger });
      const before = await second.progress(job.id, clock.now());
      expect(before?.state).toBe('running');
      const ranSecond = new Set<string>();
      run(
        second,
        (item) => {
          ranSecond.add(item);
          return Promise.resolve();
        },
        { owner: 'restarted' },
      );
      const end = await finished(second, job.id);
      expect(end).toMatchObject({ state: 'done', done: 40, failed: 0 });
      // Nothing recorded done was done again; everything was done by one or the other.
      expect(ranSecond.size).toBe(40 - (before?.done ?? 0));
      expect(new Set([...ranFirst, ...ranSecond]).size).toBe(40);
    });

    it('moves an unreadable jobs file aside and starts empty', async () => {
      await writeFile(join(dir, JOBS_FILE_NAME), '{"format":1,"jobs":[{"id":');
      const { logger, lines } = captureLogger();
      const store = await openFileJobStore({ dir, logger });
      expect(await store.list(clock.now())).toEqual([]);
      expect(lines.map((line) => line.msg)).toContain(
        'cannot read the jobs file; moved it aside and starting without what it held',
      );
    });
  });
});
