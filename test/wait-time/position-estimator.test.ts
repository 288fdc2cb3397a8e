import type { Clock } from '../../src/clock.js';
import type { QueueStats, StatsSnapshot } from '../../src/stats/queue-stats.js';
import type { WaitEstimateRequest } from '../../src/wait-time/estimator.js';
import {
  MIN_SERVED_FOR_ESTIMATE,
  createPositionEstimator,
} from '../../src/wait-time/position-estimator.js';

const NOW = Date.parse('2026-11-23T10:00:00Z');
const REFRESH_SECONDS = 15; // stale once older than 3 × 15 s = 45 000 ms
const clock: Clock = { now: () => NOW };

const estimator = createPositionEstimator({ clock, refreshSeconds: REFRESH_SECONDS });

/** The estimator, asked with a snapshot holding these queues. */
function estimatorFor(...queues: QueueStats[]) {
  const snapshot: StatsSnapshot = { fetchedAt: NOW, queues };
  return {
    estimate: (request: Omit<WaitEstimateRequest, 'snapshot'>) =>
      estimator.estimate({ ...request, snapshot }),
  };
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

  it('estimates position × window ÷ served', () => {
    const estimator = estimatorFor(customers());

    // 12 served in 3600 s: one every 300 s.
    expect(estimator.estimate({ queue: 'customers', position: 1 })).toEqual({
      kind: 'known',
      seconds: 300,
    });
    expect(estimator.estimate({ queue: 'customers', position: 3 })).toEqual({
      kind: 'known',
      seconds: 900,
    });
  });

  it('estimates with exactly the minimum number of services', () => {
    const estimator = estimatorFor(customers({ servedInWindow: 5 }));

    // 2 × 3600 / 5 = 1440
    expect(estimator.estimate({ queue: 'customers', position: 2 })).toEqual({
      kind: 'known',
      seconds: 1440,
    });
  });

  it('finds the queue by its Voice queue SID too', () => {
    const estimator = estimatorFor(customers());

    expect(
      estimator.estimate({ queue: 'QU00000000000000000000000000000002', position: 2 }),
    ).toEqual({ kind: 'known', seconds: 600 });
  });

  it('with too few services, says too-little-data', () => {
    const estimator = estimatorFor(customers({ servedInWindow: 4 }));

    expect(estimator.estimate({ queue: 'customers', position: 2 })).toEqual({
      kind: 'unknown',
      reason: 'too-little-data',
    });
  });

  it('with no services at all, says too-little-data', () => {
    const estimator = estimatorFor(customers({ servedInWindow: 0 }));

    expect(estimator.estimate({ queue: 'customers', position: 2 })).toEqual({
      kind: 'unknown',
      reason: 'too-little-data',
    });
  });

  it('uses stats exactly three refresh periods old', () => {
    const estimator = estimatorFor(customers({ fetchedAt: NOW - 45_000 }));

    expect(estimator.estimate({ queue: 'customers', position: 1 })).toEqual({
      kind: 'known',
      seconds: 300,
    });
  });

  it('when stats are older than three refresh periods, says stale-stats', () => {
    const estimator = estimatorFor(customers({ fetchedAt: NOW - 45_001 }));

    expect(estimator.estimate({ queue: 'customers', position: 1 })).toEqual({
      kind: 'unknown',
      reason: 'stale-stats',
    });
  });

  it('accepts stats stamped up to one refresh period in the future (clock skew between hosts)', () => {
    const estimator = estimatorFor(customers({ fetchedAt: NOW + REFRESH_SECONDS * 1000 }));

    expect(estimator.estimate({ queue: 'customers', position: 1 })).toMatchObject({
      kind: 'known',
    });
  });

  it('treats stats stamped further in the future as stale (a broken clock)', () => {
    const estimator = estimatorFor(customers({ fetchedAt: NOW + REFRESH_SECONDS * 1000 + 1 }));

    expect(estimator.estimate({ queue: 'customers', position: 1 })).toEqual({
      kind: 'unknown',
      reason: 'stale-stats',
    });
  });

  it('for a queue the stats do not know, says no-stats', () => {
    const estimator = estimatorFor(customers());

    expect(estimator.estimate({ queue: 'premium-customers', position: 1 })).toEqual({
      kind: 'unknown',
      reason: 'no-stats',
    });
  });

  it('without a snapshot (nothing polled yet, or the store unreadable), says no-stats', () => {
    expect(estimator.estimate({ queue: 'customers', position: 1, snapshot: undefined })).toEqual({
      kind: 'unknown',
      reason: 'no-stats',
    });
  });

  it.each([
    ['servedInWindow missing', { servedInWindow: undefined }],
    ['windowSeconds missing', { windowSeconds: undefined }],
    ['a zero window', { windowSeconds: 0 }],
  ])('with %s, says no-stats', (_label, overrides) => {
    const estimator = estimatorFor(customers(overrides));

    expect(estimator.estimate({ queue: 'customers', position: 1 })).toEqual({
      kind: 'unknown',
      reason: 'no-stats',
    });
  });

  it.each([0, -1, 1.5, Number.NaN])(
    'for the position %p, says no-position before looking at stats',
    (position) => {
      const estimator = estimatorFor();

      expect(estimator.estimate({ queue: 'customers', position })).toEqual({
        kind: 'unknown',
        reason: 'no-position',
      });
    },
  );

  it('answers from the snapshot it is given, so a new snapshot counts at once', () => {
    const request = { queue: 'customers', position: 1 };
    const older: StatsSnapshot = { fetchedAt: NOW, queues: [customers({ servedInWindow: 6 })] };
    const newer: StatsSnapshot = { fetchedAt: NOW, queues: [customers({ servedInWindow: 12 })] };
    expect(estimator.estimate({ ...request, snapshot: older })).toEqual({
      kind: 'known',
      seconds: 600,
    });
    expect(estimator.estimate({ ...request, snapshot: newer })).toEqual({
      kind: 'known',
      seconds: 300,
    });
  });
});
