import type { Clock } from '../../src/clock.js';
import { createMemoryStatsStore } from '../../src/stats/memory-stats-store.js';
import type { QueueStats } from '../../src/stats/queue-stats.js';
import {
  MIN_SERVED_FOR_ESTIMATE,
  createPositionEstimator,
} from '../../src/wait-time/position-estimator.js';

const NOW = Date.parse('2026-11-23T10:00:00Z');
const REFRESH_SECONDS = 15; // stale once older than 3 × 15 s = 45 000 ms
const clock: Clock = { now: () => NOW };

function estimatorFor(...queues: QueueStats[]) {
  const stats = createMemoryStatsStore({ fetchedAt: NOW, queues });
  return createPositionEstimator({ stats, clock, refreshSeconds: REFRESH_SECONDS });
}

const customers = (overrides: Partial<QueueStats> = {}): QueueStats => ({
  name: 'customers',
  voiceQueueSid: 'QU00000000000000000000000000000002',
  fetchedAt: NOW - 10_000,
  waitingCallers: 4,
  longestWaitSeconds: 200,
  servedInWindow: 12,
  windowSeconds: 3600,
  ...overrides,
});

describe('the position estimator', () => {
  it('needs at least 5 services in the window', () => {
    expect(MIN_SERVED_FOR_ESTIMATE).toBe(5);
  });

  it('estimates position × window ÷ served', async () => {
    const estimator = estimatorFor(customers());

    // 12 served in 3600 s: one every 300 s.
    await expect(estimator.estimate({ queue: 'customers', position: 1 })).resolves.toEqual({
      kind: 'known',
      seconds: 300,
    });
    await expect(estimator.estimate({ queue: 'customers', position: 3 })).resolves.toEqual({
      kind: 'known',
      seconds: 900,
    });
  });

  it('estimates with exactly the minimum number of services', async () => {
    const estimator = estimatorFor(customers({ servedInWindow: 5 }));

    // 2 × 3600 / 5 = 1440
    await expect(estimator.estimate({ queue: 'customers', position: 2 })).resolves.toEqual({
      kind: 'known',
      seconds: 1440,
    });
  });

  it('finds the queue by its Voice queue SID too', async () => {
    const estimator = estimatorFor(customers());

    await expect(
      estimator.estimate({ queue: 'QU00000000000000000000000000000002', position: 2 }),
    ).resolves.toEqual({ kind: 'known', seconds: 600 });
  });

  it('with too few services, says too-little-data', async () => {
    const estimator = estimatorFor(customers({ servedInWindow: 4 }));

    await expect(estimator.estimate({ queue: 'customers', position: 2 })).resolves.toEqual({
      kind: 'unknown',
      reason: 'too-little-data',
    });
  });

  it('with no services at all, says too-little-data', async () => {
    const estimator = estimatorFor(customers({ servedInWindow: 0 }));

    await expect(estimator.estimate({ queue: 'customers', position: 2 })).resolves.toEqual({
      kind: 'unknown',
      reason: 'too-little-data',
    });
  });

  it('uses stats exactly three refresh periods old', async () => {
    const estimator = estimatorFor(customers({ fetchedAt: NOW - 45_000 }));

    await expect(estimator.estimate({ queue: 'customers', position: 1 })).resolves.toEqual({
      kind: 'known',
      seconds: 300,
    });
  });

  it('when stats are older than three refresh periods, says stale-stats', async () => {
    const estimator = estimatorFor(customers({ fetchedAt: NOW - 45_001 }));

    await expect(estimator.estimate({ queue: 'customers', position: 1 })).resolves.toEqual({
      kind: 'unknown',
      reason: 'stale-stats',
    });
  });

  it('accepts stats stamped up to one refresh period in the future (clock skew between hosts)', async () => {
    const estimator = estimatorFor(customers({ fetchedAt: NOW + REFRESH_SECONDS * 1000 }));

    await expect(estimator.estimate({ queue: 'customers', position: 1 })).resolves.toMatchObject({
      kind: 'known',
    });
  });

  it('treats stats stamped further in the future as stale (a broken clock)', async () => {
    const estimator = estimatorFor(customers({ fetchedAt: NOW + REFRESH_SECONDS * 1000 + 1 }));

    await expect(estimator.estimate({ queue: 'customers', position: 1 })).resolves.toEqual({
      kind: 'unknown',
      reason: 'stale-stats',
    });
  });

  it('for a queue the stats do not know, says no-stats', async () => {
    const estimator = estimatorFor(customers());

    await expect(estimator.estimate({ queue: 'premium-customers', position: 1 })).resolves.toEqual({
      kind: 'unknown',
      reason: 'no-stats',
    });
  });

  it('before any snapshot was written, says no-stats', async () => {
    const estimator = createPositionEstimator({
      stats: createMemoryStatsStore(),
      clock,
      refreshSeconds: REFRESH_SECONDS,
    });

    await expect(estimator.estimate({ queue: 'customers', position: 1 })).resolves.toEqual({
      kind: 'unknown',
      reason: 'no-stats',
    });
  });

  it.each([
    ['servedInWindow missing', { servedInWindow: undefined }],
    ['windowSeconds missing', { windowSeconds: undefined }],
    ['a zero window', { windowSeconds: 0 }],
  ])('with %s, says no-stats', async (_label, overrides) => {
    const estimator = estimatorFor(customers(overrides));

    await expect(estimator.estimate({ queue: 'customers', position: 1 })).resolves.toEqual({
      kind: 'unknown',
      reason: 'no-stats',
    });
  });

  it.each([0, -1, 1.5, Number.NaN])(
    'for the position %p, says no-position before looking at stats',
    async (position) => {
      const estimator = estimatorFor();

      await expect(estimator.estimate({ queue: 'customers', position })).resolves.toEqual({
        kind: 'unknown',
        reason: 'no-position',
      });
    },
  );

  it('reads the store on every estimate, so a new snapshot is used at once', async () => {
    const stats = createMemoryStatsStore();
    const estimator = createPositionEstimator({ stats, clock, refreshSeconds: REFRESH_SECONDS });

    await expect(estimator.estimate({ queue: 'customers', position: 1 })).resolves.toEqual({
      kind: 'unknown',
      reason: 'no-stats',
    });
    await stats.writeSnapshot({ fetchedAt: NOW, queues: [customers({ servedInWindow: 6 })] });
    await expect(estimator.estimate({ queue: 'customers', position: 1 })).resolves.toEqual({
      kind: 'known',
      seconds: 600,
    });
  });
});
