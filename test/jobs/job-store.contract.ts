import { MAX_FAILURES_KEPT, type ClaimedBatch, type JobFailure } from '../../src/jobs/job.js';
import { FINISHED_JOBS_KEPT } from '../../src/jobs/job-records.js';
import type { JobStore } from '../../src/jobs/job-store.js';

/** Epoch ms the tests count from: a real date, so the stores meet 13-digit times. */
export const T0 = 1_767_225_600_000;

export const items = (n: number, prefix = 'WK') =>
  Array.from({ length: n }, (_, i) => `${prefix}${i}`);

/** Every item of a batch failed, saying which. */
export const allFailed = (claim: ClaimedBatch): JobFailure[] =>
  claim.items.map((item) => ({ item, reason: `HTTP 400 for ${item}` }));

/** What every JobStore does. Call inside a describe; `open` gives an empty store per test. */
export function jobStoreContract(open: () => Promise<JobStore>): void {
  let store: JobStore;

  beforeEach(async () => {
    store = await open();
  });

  /** Claims, failing the test when nothing is handed out. */
  async function claimed(owner: string, now: number, leaseMs = 1_000): Promise<ClaimedBatch> {
    const claim = await store.claim(owner, now, leaseMs);
    if (claim === undefined) throw new Error(`${owner} was handed no batch at ${now - T0}`);
    return claim;
  }

  describe('create and progress', () => {
    it('a new job is running, with every item remaining and no eta yet', async () => {
      const created = await store.create({ kind: 'test', items: items(25), batchSize: 10 }, T0);

      const expected = {
        id: created.id,
        kind: 'test',
        state: 'running',
        total: 25,
        done: 0,
        failed: 0,
        remaining: 25,
        startedAt: T0,
        finishedAt: undefined,
        eta: undefined,
        failures: [],
      };
      expect(created).toEqual(expected);
      expect(await store.progress(created.id, T0 + 5_000)).toEqual(expected);
    });

    it('an empty job is done as it starts, and hands out nothing', async () => {
      const created = await store.create({ kind: 'test', items: [], batchSize: 10 }, T0);

      expect(created).toMatchObject({ state: 'done', total: 0, remaining: 0, finishedAt: T0 });
      expect(await store.progress(created.id, T0 + 1)).toEqual(created);
      expect(await store.claim('runner-a', T0 + 1, 1_000)).toBeUndefined();
    });

    it('refuses a batch size that is not a whole number from 1', async () => {
      await expect(
        store.create({ kind: 'test', items: items(3), batchSize: 0 }, T0),
      ).rejects.toThrow(RangeError);
      await expect(
        store.create({ kind: 'test', items: items(3), batchSize: 1.5 }, T0),
      ).rejects.toThrow(RangeError);
      expect(await store.list(T0)).toEqual([]);
    });

    it('knows nothing of a job it never had', async () => {
      expect(await store.progress('no-such-job', T0)).toBeUndefined();
      expect(await store.progress('3f2b8c1e-0000-4000-8000-000000000000', T0)).toBeUndefined();
    });
  });

  describe('claim', () => {
    it('hands out batches in order, each with its items, kind and params', async () => {
      const job = await store.create(
        { kind: 'test', items: items(25), batchSize: 10, params: { queue: 'vip' } },
        T0,
      );

      const claims = [
        await claimed('runner-a', T0),
        await claimed('runner-b', T0),
        await claimed('runner-a', T0),
      ];

      expect(claims).toEqual([
        {
          jobId: job.id,
          kind: 'test',
          params: { queue: 'vip' },
          batch: 0,
          items: items(25).slice(0, 10),
          owner: 'runner-a',
        },
        {
          jobId: job.id,
          kind: 'test',
          params: { queue: 'vip' },
          batch: 1,
          items: items(25).slice(10, 20),
          owner: 'runner-b',
        },
        {
          jobId: job.id,
          kind: 'test',
          params: { queue: 'vip' },
          batch: 2,
          items: items(25).slice(20),
          owner: 'runner-a',
        },
      ]);
    });

    it('a job without params hands its batches out with empty params', async () => {
      await store.create({ kind: 'test', items: items(1), batchSize: 1 }, T0);
      expect((await claimed('runner-a', T0)).params).toEqual({});
    });

    it('never hands a leased batch to a second owner', async () => {
      await store.create({ kind: 'test', items: items(20), batchSize: 10 }, T0);
      await claimed('runner-a', T0, 1_000);
      await claimed('runner-a', T0, 1_000);

      expect(await store.claim('runner-b', T0 + 999, 1_000)).toBeUndefined();
    });

    it('hands a batch out again once its lease ran out, before batches never handed out', async () => {
      await store.create({ kind: 'test', items: items(30), batchSize: 10 }, T0);
      const first = await claimed('runner-a', T0, 1_000);
      expect((await claimed('runner-b', T0 + 500, 1_000)).batch).toBe(1);

      const retaken = await claimed('runner-c', T0 + 1_000, 1_000);

      expect(retaken).toEqual({ ...first, owner: 'runner-c' });
      expect((await claimed('runner-c', T0 + 1_000, 1_000)).batch).toBe(2);
      // Batch 1 is held until T0 + 1500; batch 0 now by runner-c until T0 + 2000.
      expect(await store.claim('runner-d', T0 + 1_499, 1_000)).toBeUndefined();
      expect((await claimed('runner-d', T0 + 1_500, 1_000)).batch).toBe(1);
    });

    it('serves the running jobs in the order they were started', async () => {
      const older = await store.create({ kind: 'old', items: items(2), batchSize: 1 }, T0);
      const newer = await store.create({ kind: 'new', items: items(2), batchSize: 1 }, T0 + 10);

      const order = [];
      for (let i = 0; i < 4; i += 1) {
        const claim = await claimed('runner-a', T0 + 20);
        order.push([claim.jobId, claim.batch]);
      }

      expect(order).toEqual([
        [older.id, 0],
        [older.id, 1],
        [newer.id, 0],
        [newer.id, 1],
      ]);
      expect(await store.claim('runner-a', T0 + 20, 1_000)).toBeUndefined();
    });

    it('hands out nothing when there is no job', async () => {
      expect(await store.claim('runner-a', T0, 1_000)).toBeUndefined();
    });
  });

  describe('renew', () => {
    it('extends the lease for its holder', async () => {
      await store.create({ kind: 'test', items: items(10), batchSize: 10 }, T0);
      const claim = await claimed('runner-a', T0, 1_000);

      expect(await store.renew(claim, T0 + 900, 1_000)).toBe(true);

      expect(await store.claim('runner-b', T0 + 1_500, 1_000)).toBeUndefined();
      expect((await claimed('runner-b', T0 + 1_900, 1_000)).batch).toBe(0);
    });

    it('refuses anyone but the holder, and a holder whose lease another took over', async () => {
      await store.create({ kind: 'test', items: items(10), batchSize: 10 }, T0);
      const claim = await claimed('runner-a', T0, 1_000);

      expect(await store.renew({ ...claim, owner: 'runner-b' }, T0 + 100, 1_000)).toBe(false);
      const takenOver = await claimed('runner-b', T0 + 1_000, 1_000);
      expect(await store.renew(claim, T0 + 1_100, 1_000)).toBe(false);
      expect(await store.renew(takenOver, T0 + 1_100, 1_000)).toBe(true);
    });

    it('refuses once the job is cancelled, or the batch completed', async () => {
      await store.create({ kind: 'test', items: items(20), batchSize: 10 }, T0);
      const first = await claimed('runner-a', T0);
      const second = await claimed('runner-a', T0);

      await store.complete(first, { done: 10, failures: [] }, T0 + 10);
      expect(await store.renew(first, T0 + 20, 1_000)).toBe(false);
      expect(await store.renew(second, T0 + 20, 1_000)).toBe(true);
      expect(await store.cancel(first.jobId, T0 + 30)).toBe(true);
      expect(await store.renew(second, T0 + 40, 1_000)).toBe(false);
    });
  });

  describe('complete', () => {
    it('counts a batch once, however often it is reported', async () => {
      const job = await store.create({ kind: 'test', items: items(20), batchSize: 10 }, T0);
      const claim = await claimed('runner-a', T0);
      const outcome = { done: 7, failures: allFailed(claim).slice(0, 3) };

      await store.complete(claim, outcome, T0 + 100);
      await store.complete(claim, outcome, T0 + 200);
      await store.complete({ ...claim, owner: 'runner-b' }, outcome, T0 + 300);

      expect(await store.progress(job.id, T0 + 300)).toMatchObject({
        state: 'running',
        done: 7,
        failed: 3,
        remaining: 10,
        failures: outcome.failures,
      });
    });

    it('a batch taken over after its lease ran out counts once, whoever reports first', async () => {
      const job = await store.create({ kind: 'test', items: items(4), batchSize: 4 }, T0);
      const stalled = await claimed('stalled', T0, 50);
      const takeover = await claimed('runner-b', T0 + 50, 1_000);
      expect(takeover.batch).toBe(stalled.batch);

      await store.complete(takeover, { done: 4, failures: [] }, T0 + 60);
      await store.complete(stalled, { done: 3, failures: allFailed(stalled).slice(0, 1) }, T0 + 70);

      expect(await store.progress(job.id, T0 + 80)).toMatchObject({
        state: 'done',
        done: 4,
        failed: 0,
        finishedAt: T0 + 60,
        failures: [],
      });
    });

    it('ignores a batch the job does not have', async () => {
      const job = await store.create({ kind: 'test', items: items(10), batchSize: 5 }, T0);
      const claim = await claimed('runner-a', T0);

      await store.complete({ ...claim, batch: 2 }, { done: 5, failures: [] }, T0 + 1);
      await store.complete({ ...claim, batch: -1 }, { done: 5, failures: [] }, T0 + 1);

      expect(await store.progress(job.id, T0 + 1)).toMatchObject({ done: 0, state: 'running' });
    });

    it('finishes the job with its last batch', async () => {
      const job = await store.create({ kind: 'test', items: items(25), batchSize: 10 }, T0);
      const claims = [
        await claimed('runner-a', T0),
        await claimed('runner-b', T0),
        await claimed('runner-a', T0),
      ];

      // Out of order: the job is done when all are, not when the last one in order is.
      await store.complete(claims[2]!, { done: 5, failures: [] }, T0 + 1_000);
      await store.complete(claims[0]!, { done: 10, failures: [] }, T0 + 2_000);
      expect((await store.progress(job.id, T0 + 2_000))?.state).toBe('running');
      await store.complete(claims[1]!, { done: 10, failures: [] }, T0 + 3_000);

      expect(await store.progress(job.id, T0 + 4_000)).toEqual({
        id: job.id,
        kind: 'test',
        state: 'done',
        total: 25,
        done: 25,
        failed: 0,
        remaining: 0,
        startedAt: T0,
        finishedAt: T0 + 3_000,
        eta: undefined,
        failures: [],
      });
      expect(await store.claim('runner-a', T0 + 4_000, 1_000)).toBeUndefined();
    });

    it(`counts failures exactly and keeps the first ${MAX_FAILURES_KEPT} of them`, async () => {
      const job = await store.create({ kind: 'test', items: items(250), batchSize: 60 }, T0);
      const failures: JobFailure[] = [];
      for (let i = 0; i < 5; i += 1) {
        const claim = await claimed('runner-a', T0 + i);
        // Even items fail.
        const failed = allFailed(claim).filter((_, index) => index % 2 === 0);
        failures.push(...failed);
        await store.complete(
          claim,
          { done: claim.items.length - failed.length, failures: failed },
          T0 + i + 1,
        );
      }

      const end = await store.progress(job.id, T0 + 10);
      expect(end).toMatchObject({ state: 'done', total: 250, done: 125, failed: 125 });
      expect(end?.failures).toEqual(failures.slice(0, MAX_FAILURES_KEPT));
    });

    it('one batch with more failures than are kept keeps the first ones', async () => {
      const job = await store.create(
        { kind: 'test', items: items(MAX_FAILURES_KEPT + 20), batchSize: MAX_FAILURES_KEPT + 20 },
        T0,
      );
      const claim = await claimed('runner-a', T0);

      await store.complete(claim, { done: 0, failures: allFailed(claim) }, T0 + 1);

      const end = await store.progress(job.id, T0 + 1);
      expect(end?.failed).toBe(MAX_FAILURES_KEPT + 20);
      expect(end?.failures).toEqual(allFailed(claim).slice(0, MAX_FAILURES_KEPT));
    });
  });

  describe('cancel', () => {
    it('stops handing out the job; what was never done stays remaining', async () => {
      const job = await store.create({ kind: 'test', items: items(30), batchSize: 10 }, T0);
      const claim = await claimed('runner-a', T0);
      await store.complete(claim, { done: 10, failures: [] }, T0 + 1_000);

      expect(await store.cancel(job.id, T0 + 2_000)).toBe(true);

      expect(await store.claim('runner-a', T0 + 2_000, 1_000)).toBeUndefined();
      expect(await store.progress(job.id, T0 + 3_000)).toEqual({
        id: job.id,
        kind: 'test',
        state: 'cancelled',
        total: 30,
        done: 10,
        failed: 0,
        remaining: 20,
        startedAt: T0,
        finishedAt: T0 + 2_000,
        eta: undefined,
        failures: [],
      });
    });

    it('a batch finished after the cancel still counts (its items were done), once', async () => {
      const job = await store.create({ kind: 'test', items: items(30), batchSize: 10 }, T0);
      const claim = await claimed('runner-a', T0);
      await store.cancel(job.id, T0 + 100);

      await store.complete(claim, { done: 6, failures: [] }, T0 + 200);
      await store.complete(claim, { done: 6, failures: [] }, T0 + 300);

      expect(await store.progress(job.id, T0 + 400)).toMatchObject({
        state: 'cancelled',
        done: 6,
        remaining: 24,
        finishedAt: T0 + 100,
      });
    });

    it('answers false the second time, for a finished job and for an unknown id', async () => {
      const job = await store.create({ kind: 'test', items: items(3), batchSize: 3 }, T0);
      const empty = await store.create({ kind: 'test', items: [], batchSize: 3 }, T0);

      expect(await store.cancel(job.id, T0 + 1)).toBe(true);
      expect(await store.cancel(job.id, T0 + 2)).toBe(false);
      expect(await store.cancel(empty.id, T0 + 2)).toBe(false);
      expect(await store.cancel('no-such-job', T0 + 2)).toBe(false);
      expect((await store.progress(job.id, T0 + 3))?.finishedAt).toBe(T0 + 1);
    });
  });

  describe('list', () => {
    it('lists the jobs newest first, each as its progress says', async () => {
      const first = await store.create({ kind: 'a', items: items(3), batchSize: 1 }, T0);
      const third = await store.create({ kind: 'c', items: [], batchSize: 1 }, T0 + 2_000);
      const second = await store.create({ kind: 'b', items: items(5), batchSize: 2 }, T0 + 1_000);
      await store.cancel(second.id, T0 + 2_500);

      const listed = await store.list(T0 + 3_000);

      expect(listed.map((job) => job.kind)).toEqual(['c', 'b', 'a']);
      expect(listed).toEqual([
        await store.progress(third.id, T0 + 3_000),
        await store.progress(second.id, T0 + 3_000),
        await store.progress(first.id, T0 + 3_000),
      ]);
    });

    it(`keeps the newest ${FINISHED_JOBS_KEPT} finished jobs, and every running one`, async () => {
      const running = await store.create({ kind: 'running', items: items(2), batchSize: 1 }, T0);
      const finished = [];
      for (let i = 1; i <= FINISHED_JOBS_KEPT + 2; i += 1) {
        finished.push(await store.create({ kind: `empty-${i}`, items: [], batchSize: 1 }, T0 + i));
      }

      const listed = await store.list(T0 + 100);

      expect(listed.map((job) => job.id)).toEqual([
        ...finished
          .slice(2)
          .reverse()
          .map((job) => job.id),
        running.id,
      ]);
      expect(await store.progress(finished[0]!.id, T0 + 100)).toBeUndefined();
      expect(await store.progress(finished[1]!.id, T0 + 100)).toBeUndefined();
    });
  });

  describe('eta', () => {
    it('is when the remaining items should be done at the pace so far', async () => {
      const job = await store.create({ kind: 'test', items: items(100), batchSize: 10 }, T0);
      const claim = await claimed('runner-a', T0);
      await store.complete(claim, { done: 8, failures: allFailed(claim).slice(0, 2) }, T0 + 1_000);

      // 10 items (done or failed) in 2 s: 200 ms an item, 90 to go.
      expect((await store.progress(job.id, T0 + 2_000))?.eta).toBe(T0 + 2_000 + 90 * 200);
      expect((await store.list(T0 + 4_000))[0]?.eta).toBe(T0 + 4_000 + 90 * 400);
    });

    it('is unknown until an item is finished', async () => {
      const job = await store.create({ kind: 'test', items: items(10), batchSize: 10 }, T0);
      await claimed('runner-a', T0);

      expect((await store.progress(job.id, T0 + 60_000))?.eta).toBeUndefined();
    });
  });
}
