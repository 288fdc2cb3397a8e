import type { Redis } from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ClaimedBatch } from '../../src/jobs/job.js';
import { createJobRunner } from '../../src/jobs/job-runner.js';
import { FINISHED_JOBS_KEPT } from '../../src/jobs/job-records.js';
import {
  createRedisJobStore,
  redisJobIndexKeys,
  redisJobKeys,
} from '../../src/jobs/redis-job-store.js';
import { failFastRedisOptions } from '../../src/redis/client-options.js';
import { LEVEL, captureLogger } from '../support/capture-logger.js';
import { eventually } from '../support/eventually.js';
import { describeWithRedis, useRedis } from '../support/redis.js';
import { T0, items, jobStoreContract } from './job-store.contract.js';

describeWithRedis('the Redis job store', () => {
  const redisForTests = useRedis();
  let admin: Redis;

  beforeAll(() => {
    admin = redisForTests.connect();
  });

  /** A store on a connection of its own: another process, as far as Redis can tell. */
  const openStore = (prefix: string, logger = captureLogger().logger) =>
    createRedisJobStore({
      redis: redisForTests.connect(failFastRedisOptions()),
      keyPrefix: prefix,
      logger,
    });

  /** Every key under `prefix`, sorted. */
  async function keysUnder(prefix: string): Promise<string[]> {
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      found.push(...keys);
      cursor = next;
    } while (cursor !== '0');
    return found.map((key) => key.slice(prefix.length)).sort();
  }

  describe('as a JobStore (the contract)', () => {
    jobStoreContract(() => Promise.resolve(openStore(redisForTests.freshPrefix())));
  });

  describe('shared by many processes', () => {
    it('two processes claiming from the same job at once never get the same batch', async () => {
      const prefix = redisForTests.freshPrefix();
      const [one, two] = [openStore(prefix), openStore(prefix)];
      const job = await one.create({ kind: 'test', items: items(300), batchSize: 10 }, T0);

      const claims = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 === 0 ? one : two).claim(`runner-${i}`, T0 + 1, 60_000),
        ),
      );

      const batches = claims.map((claim) => claim?.batch);
      expect(batches.every((batch) => typeof batch === 'number')).toBe(true);
      expect(new Set(batches).size).toBe(20);
      expect([...batches].sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(
        Array.from({ length: 20 }, (_, i) => i),
      );
      for (const claim of claims) {
        expect(claim?.jobId).toBe(job.id);
        expect(claim?.items).toEqual(items(300).slice(claim!.batch * 10, claim!.batch * 10 + 10));
      }
    });

    it('of two processes finishing the same batch at once, exactly one outcome counts', async () => {
      const prefix = redisForTests.freshPrefix();
      const [one, two] = [openStore(prefix), openStore(prefix)];
      const job = await one.create({ kind: 'test', items: items(10), batchSize: 10 }, T0);
      const stalled = (await one.claim('stalled', T0, 50))!;
      const takeover = (await two.claim('takeover', T0 + 50, 1_000))!;

      await Promise.all([
        one.complete(stalled, { done: 10, failures: [] }, T0 + 60),
        two.complete(takeover, { done: 10, failures: [] }, T0 + 60),
      ]);

      expect(await two.progress(job.id, T0 + 70)).toMatchObject({
        state: 'done',
        done: 10,
        failed: 0,
        remaining: 0,
      });
    });

    it('a job created by one process is seen, run and cancelled by another', async () => {
      const prefix = redisForTests.freshPrefix();
      const [web, worker] = [openStore(prefix), openStore(prefix)];
      const job = await web.create(
        { kind: 'test', items: items(20), batchSize: 10, params: { queue: 'vip' } },
        T0,
      );

      expect(await worker.list(T0)).toEqual([job]);
      const claim = await worker.claim('worker', T0, 1_000);
      expect(claim).toMatchObject({ jobId: job.id, batch: 0, params: { queue: 'vip' } });
      await worker.complete(claim!, { done: 10, failures: [] }, T0 + 100);
      expect((await web.progress(job.id, T0 + 100))?.done).toBe(10);

      expect(await web.cancel(job.id, T0 + 200)).toBe(true);
      expect(await worker.claim('worker', T0 + 300, 1_000)).toBeUndefined();
      expect(await worker.cancel(job.id, T0 + 300)).toBe(false);
    });

    it('two runners in two processes run every item of a job once, to the end', async () => {
      const prefix = redisForTests.freshPrefix();
      const [one, two] = [openStore(prefix), openStore(prefix)];
      const job = await one.create({ kind: 'test', items: items(95), batchSize: 10 }, Date.now());
      const ran: string[] = [];
      const runners = [one, two].map((store, i) =>
        createJobRunner({
          store,
          handlers: {
            test: async (item) => {
              await sleep(1);
              ran.push(item);
            },
          },
          owner: `process-${i}`,
          clock: { now: () => Date.now() },
          logger: captureLogger().logger,
          itemConcurrency: 3,
          batchesAtOnce: 2,
          leaseMs: 5_000,
          idleMs: 10,
        }),
      );
      runners.forEach((runner) => runner.start());
      try {
        await eventually(async () =>
          expect((await two.progress(job.id, Date.now()))?.state).toBe('done'),
        );
      } finally {
        await Promise.all(runners.map((runner) => runner.stop()));
      }

      expect(await one.progress(job.id, Date.now())).toMatchObject({ done: 95, failed: 0 });
      expect(ran.sort()).toEqual(items(95).sort());
    });

    it('creates a 5,100-item job and runs every batch of it through claim and complete', async () => {
      const prefix = redisForTests.freshPrefix();
      const [one, two] = [openStore(prefix), openStore(prefix)];
      const all = items(5_100);
      const job = await one.create({ kind: 'test', items: all, batchSize: 50 }, T0);
      expect(await admin.llen(redisJobKeys(prefix, job.id).items)).toBe(5_100);

      const seen: string[] = [];
      for (let i = 0; ; i += 1) {
        const store = i % 2 === 0 ? one : two;
        const claim: ClaimedBatch | undefined = await store.claim('runner', T0 + i, 60_000);
        if (claim === undefined) break;
        seen.push(...claim.items);
        await store.complete(claim, { done: claim.items.length, failures: [] }, T0 + i);
      }

      expect(seen).toEqual(all);
      expect(await two.progress(job.id, T0 + 10_000)).toMatchObject({
        state: 'done',
        total: 5_100,
        done: 5_100,
        remaining: 0,
      });
    });
  });

  describe('keys', () => {
    it('keeps a job under the prefix, and drops its items and leases when it ends', async () => {
      const prefix = redisForTests.freshPrefix();
      const store = openStore(prefix);
      const job = await store.create({ kind: 'test', items: items(4), batchSize: 2 }, T0);
      const claim = (await store.claim('runner', T0, 1_000))!;
      const id = job.id;

      expect(await keysUnder(prefix)).toEqual(
        ['jobs:all', 'jobs:running', `job:${id}`, `job:${id}:items`, `job:${id}:leases`].sort(),
      );
      expect(await admin.hget(redisJobKeys(prefix, id).leases, '0')).toBe(`runner|${T0 + 1_000}`);

      await store.complete(claim, { done: 1, failures: [{ item: 'WK1', reason: 'gone' }] }, T0);
      await store.cancel(id, T0 + 1);

      expect(await keysUnder(prefix)).toEqual(
        ['jobs:all', 'jobs:ended', `job:${id}`, `job:${id}:failures`, `job:${id}:finished`].sort(),
      );
    });

    it(`deletes every key of a job pruned past the newest ${FINISHED_JOBS_KEPT} ended ones`, async () => {
      const prefix = redisForTests.freshPrefix();
      const store = openStore(prefix);
      const oldest = await store.create({ kind: 'test', items: items(2), batchSize: 1 }, T0);
      const claim = (await store.claim('runner', T0, 1_000))!;
      await store.complete(claim, { done: 0, failures: [{ item: 'WK0', reason: 'no' }] }, T0);
      await store.cancel(oldest.id, T0 + 1);
      for (let i = 0; i < FINISHED_JOBS_KEPT; i += 1) {
        await store.create({ kind: 'test', items: [], batchSize: 1 }, T0 + 10 + i);
      }

      const keys = await keysUnder(prefix);
      expect(keys.filter((key) => key.includes(oldest.id))).toEqual([]);
      expect(await admin.zscore(redisJobIndexKeys(prefix).all, oldest.id)).toBeNull();
      expect(await admin.zcard(redisJobIndexKeys(prefix).ended)).toBe(FINISHED_JOBS_KEPT);
      expect(await store.list(T0 + 100)).toHaveLength(FINISHED_JOBS_KEPT);
    });

    it('treats an id that is not one of its own as unknown, without reading other keys', async () => {
      const prefix = redisForTests.freshPrefix();
      const store = openStore(prefix);
      const job = await store.create({ kind: 'test', items: items(2), batchSize: 1 }, T0);

      // `job:{id}:items` is a list: read as a job it would be a WRONGTYPE error.
      expect(await store.progress(`${job.id}:items`, T0)).toBeUndefined();
      expect(await store.cancel(`${job.id}:items`, T0)).toBe(false);
      expect((await store.progress(job.id, T0))?.state).toBe('running');
    });

    it('ignores a malformed job, logging it once, and goes on claiming from the others', async () => {
      const prefix = redisForTests.freshPrefix();
      const { logger, lines } = captureLogger();
      const store = openStore(prefix, logger);
      const job = await store.create({ kind: 'test', items: items(2), batchSize: 1 }, T0);
      const sound = await store.create({ kind: 'test', items: items(2), batchSize: 1 }, T0 + 1);
      await admin.hset(redisJobKeys(prefix, job.id).job, 'done', 'many');
      await admin.hdel(redisJobKeys(prefix, job.id).job, 'batchSize');

      expect(await store.progress(job.id, T0)).toBeUndefined();
      expect((await store.list(T0)).map((listed) => listed.id)).toEqual([sound.id]);
      expect(await store.claim('runner', T0 + 2, 1_000)).toMatchObject({
        jobId: sound.id,
        batch: 0,
      });

      const errors = lines.filter((line) => line.level === LEVEL.error);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({
        msg: 'jobs: malformed job in Redis ignored',
        key: redisJobKeys(prefix, job.id).job,
      });
    });
  });

  it('refuses a connection that is not fail-fast', () => {
    expect(() =>
      createRedisJobStore({
        redis: redisForTests.connect({ lazyConnect: true }),
        keyPrefix: redisForTests.freshPrefix(),
        logger: captureLogger().logger,
      }),
    ).toThrow(/needs a fail-fast Redis connection/);
  });
});
