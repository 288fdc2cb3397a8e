import { createJobRunner } from '../../src/jobs/job-runner.js';
import { createMemoryJobStore } from '../../src/jobs/memory-job-store.js';
import { createMetrics } from '../../src/metrics/registry.js';
import { captureLogger } from '../support/capture-logger.js';
import { eventually } from '../support/eventually.js';
import { sampleOf } from './sample.js';

const clock = { now: () => Date.now() };

describe('job metrics', () => {
  it("count the items a runner finished, by kind and result, once each batch's outcome is recorded", async () => {
    const metrics = createMetrics({ processMetrics: false });
    const store = createMemoryJobStore();
    const items = Array.from({ length: 25 }, (_, i) => `WK${i}`);
    const job = await store.create({ kind: 'test', items, batchSize: 10 }, clock.now());
    const runner = createJobRunner({
      store,
      handlers: {
        test: (item) =>
          item.endsWith('7') ? Promise.reject(new Error('refused')) : Promise.resolve(),
      },
      owner: 'runner-a',
      clock,
      logger: captureLogger().logger,
      itemConcurrency: 4,
      batchesAtOnce: 2,
      leaseMs: 2_000,
      idleMs: 10,
      metrics,
    });
    runner.start();
    try {
      await eventually(async () => {
        expect((await store.progress(job.id, clock.now()))?.state).toBe('done');
      });
    } finally {
      await runner.stop();
    }

    const itemsCounted = (result: string) =>
      sampleOf(metrics, 'holdline_job_items_total', { kind: 'test', result });
    expect(await itemsCounted('done')).toBe(23);
    expect(await itemsCounted('failed')).toBe(2);
  });
});
