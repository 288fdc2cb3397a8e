import { createCallCenter } from '../../src/sim/call-center.js';
import type { CallCenterConfig } from '../../src/sim/call-center-config.js';
import type { PredictionContext } from '../../src/sim/prediction.js';
import type { QueueStats } from '../../src/stats/queue-stats.js';
import { type ActivityLog, recordActivity } from './call-center-support.js';

const START = Date.parse('2026-11-23T09:00:00Z');
const REFRESH_MS = 15_000;
const WINDOW_SECONDS = 600;

const config = (statsStalenessSeconds: number): CallCenterConfig => ({
  classes: [
    { queue: 'premium', arrivals: { kind: 'poisson', ratePerSecond: 0.01 }, patience: 'infinite' },
    {
      queue: 'customers',
      arrivals: {
        kind: 'sinusoidal',
        meanRatePerSecond: 0.03,
        amplitude: 0.5,
        periodSeconds: 3600,
      },
      patience: { kind: 'exponential', mean: 300 },
    },
  ],
  service: { kind: 'exponential', mean: 200 },
  staffing: 8,
  durationSeconds: 3 * 3600,
  seed: 77,
  statsStalenessSeconds,
  statsWindowSeconds: WINDOW_SECONDS,
  startAt: START,
});

function run(staleness: number): { contexts: PredictionContext[]; log: ActivityLog } {
  const contexts: PredictionContext[] = [];
  const log = recordActivity();
  createCallCenter(config(staleness)).run({
    listeners: [log.listener],
    predictors: { capture: (context) => void contexts.push(context) },
  });
  return { contexts, log };
}

/** A queue's stats at `at`, rebuilt from what listeners heard (before any event at `at`). */
function expectedStats(log: ActivityLog, queue: string, at: number): Partial<QueueStats> {
  const waitingAges: number[] = [];
  const servedWaits: number[] = [];
  let abandoned = 0;
  let entered = 0;
  const windowStart = at - WINDOW_SECONDS * 1000;
  for (const [sid, entry] of log.entered) {
    if (entry.queue !== queue) continue;
    const left = log.left.get(sid);
    if (entry.at < at && (left === undefined || left.at >= at)) waitingAges.push(at - entry.at);
    if (entry.at > windowStart && entry.at < at) entered++;
    if (left === undefined || left.at <= windowStart || left.at >= at) continue;
    if (left.outcome === 'served') servedWaits.push(left.waitSeconds);
    else abandoned++;
  }
  const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
  return {
    name: queue,
    fetchedAt: at,
    waitingCallers: waitingAges.length,
    averageWaitSeconds: mean(waitingAges) / 1000,
    longestWaitSeconds: Math.max(0, ...waitingAges) / 1000,
    servedInWindow: servedWaits.length,
    abandonedInWindow: abandoned,
    enteredInWindow: entered,
    averageAcceptedWaitSeconds: mean(servedWaits),
    windowSeconds: WINDOW_SECONDS,
    eligibleWorkers: 8,
  };
}

describe.each([0, 15, 30])('stats seen by predictors, %p s stale', (staleness) => {
  const { contexts, log } = run(staleness);

  it('are the newest snapshot made at least that long ago', () => {
    expect(contexts.length).toBeGreaterThan(200);
    for (const { now, stats } of contexts) {
      const cutoff = now - staleness * 1000;
      if (stats === undefined) {
        expect(cutoff).toBeLessThan(START);
        continue;
      }
      expect(stats.fetchedAt).toBeLessThanOrEqual(cutoff);
      expect(stats.fetchedAt).toBeGreaterThan(cutoff - REFRESH_MS);
      expect((stats.fetchedAt - START) % REFRESH_MS).toBe(0);
    }
  });

  it('hold what the queues looked like when the snapshot was made', () => {
    const snapshots = new Map(contexts.map(({ stats }) => [stats?.fetchedAt, stats]));
    snapshots.delete(undefined);
    expect(snapshots.size).toBeGreaterThan(100);
    for (const snapshot of snapshots.values()) {
      const queues = snapshot!.queues;
      expect(queues.map((q) => q.name)).toEqual(['premium', 'customers']);
      for (const stats of queues) {
        const expected = expectedStats(log, stats.name, snapshot!.fetchedAt);
        const { averageWaitSeconds, averageAcceptedWaitSeconds, ...exact } = expected;
        expect(stats).toMatchObject(exact);
        expect(stats.averageWaitSeconds).toBeCloseTo(averageWaitSeconds!, 6);
        expect(stats.averageAcceptedWaitSeconds).toBeCloseTo(averageAcceptedWaitSeconds!, 6);
        expect(stats.availableWorkers).toBeGreaterThanOrEqual(0);
        if (queues.some((q) => q.waitingCallers! > 0)) expect(stats.availableWorkers).toBe(0);
      }
    }
  });
});

describe('what a predictor is told', () => {
  const { contexts, log } = run(0);

  it("gives the caller's position: the real callers waiting in its own queue, plus one", () => {
    for (const { queue, position, now, truth } of contexts.filter((_, i) => i % 5 === 0)) {
      const waiting = (q: string) => expectedStats(log, q, now).waitingCallers!;
      expect(position).toBe(waiting(queue) + 1);
      expect(truth.waitingByQueue).toEqual({
        premium: waiting('premium'),
        customers: waiting('customers'),
      });
    }
  });

  it('gives the true parameters of the model at that moment', () => {
    for (const { now, truth } of contexts) {
      const t = (now - START) / 1000;
      expect(truth).toMatchObject({
        queues: ['premium', 'customers'],
        agents: 8,
        serviceRatePerAgent: 1 / 200,
        abandonmentRatePerCaller: { premium: 0, customers: 1 / 300 },
      });
      expect(truth.arrivalRatePerSecond.premium).toBe(0.01);
      expect(truth.arrivalRatePerSecond.customers).toBeCloseTo(
        0.03 * (1 + 0.5 * Math.sin((2 * Math.PI * t) / 3600)),
        12,
      );
    }
  });

  it('is asked only about callers who must wait, before they are announced', () => {
    const asked = new Set(contexts.map((c) => c.now));
    const entered = log.calls.filter((c) => c.kind === 'entered').map((c) => c.entry);
    const waited = entered.filter((e) => log.left.get(e.callSid!)!.at > e.at);

    expect(asked.size).toBe(contexts.length);
    expect(contexts.length).toBe(waited.length);
    expect(waited.map((e) => e.at)).toEqual(contexts.map((c) => c.now));
  });
});
