import type { Clock } from '../../src/clock.js';
import type { StatsSnapshot } from '../../src/stats/queue-stats.js';
import type { WaitEstimate } from '../../src/wait-time/estimator.js';
import {
  MIN_SERVICES_OBSERVED,
  createLearnedEstimator,
} from '../../src/wait-time/learned-estimator.js';
import { createQueueLearner, type QueueLearner } from '../../src/wait-time/queue-learner.js';

const NOW = Date.parse('2026-11-23T10:00:00Z');
const clock: Clock = { now: () => NOW };
const QUEUES = ['premium-customers', 'customers'];

/** `takes` callers taken from `queue` one every `gapSeconds`, each after waiting 60 s, up to NOW. */
function learnedFrom(
  takes: number,
  gapSeconds: number,
  queue = 'customers',
  learner: QueueLearner = createQueueLearner({ halfLifeSeconds: 1e12 }),
) {
  for (let i = takes - 1; i >= 0; i -= 1) {
    learner.callerLeft({
      queue,
      outcome: 'served',
      waitSeconds: 60,
      at: NOW - i * gapSeconds * 1000,
      callSid: `CA-${queue}-${i}`,
    });
  }
  return learner;
}

/** learnedFrom(40, 10): 40 takes over a backlog of 60 + 39 × 10 s. */
const C = 40 / (60 + 39 * 10);
/** The seconds of a known estimate (false otherwise, which no toBeCloseTo accepts). */
const secondsOf = (estimate: WaitEstimate) => estimate.kind === 'known' && estimate.seconds;

const estimatorWith = (learner: QueueLearner) =>
  createLearnedEstimator({ clock, learner, queues: QUEUES, refreshSeconds: 15 });

describe('the learned estimator', () => {
  it(`says unknown with fewer than ${MIN_SERVICES_OBSERVED} takes observed`, () => {
    const estimator = estimatorWith(learnedFrom(MIN_SERVICES_OBSERVED - 1, 10));
    expect(estimator.estimate({ queue: 'customers', position: 3, snapshot: undefined })).toEqual({
      kind: 'unknown',
      reason: 'too-little-data',
    });
  });

  it('predicts position ÷ the learned take rate for a queue nobody abandons', () => {
    // 40 takes, one every 10 s, each caller waiting 60 s: the backlog lasted 60 + 39 × 10 s.
    const estimator = estimatorWith(learnedFrom(40, 10));
    const estimate = estimator.estimate({ queue: 'customers', position: 3, snapshot: undefined });
    expect(estimate.kind).toBe('known');
    expect(secondsOf(estimate)).toBeCloseTo(3 / C, 6);
  });

  it('refuses a position that is not one', () => {
    const estimator = estimatorWith(learnedFrom(40, 10));
    for (const position of [0, -1, 2.5, Number.NaN]) {
      expect(estimator.estimate({ queue: 'customers', position, snapshot: undefined })).toEqual({
        kind: 'unknown',
        reason: 'no-position',
      });
    }
  });

  it('puts the callers waiting in higher-priority queues ahead, counted from its own events', () => {
    const learner = learnedFrom(40, 10);
    for (const callSid of ['CA-p1', 'CA-p2', 'CA-p3']) {
      learner.callerEntered({ queue: 'premium-customers', at: NOW - 5000, callSid });
    }
    const estimate = estimatorWith(learner).estimate({
      queue: 'customers',
      position: 2,
      snapshot: undefined,
    });
    expect(secondsOf(estimate)).toBeCloseTo((3 + 2) / C, 6);
  });

  it("takes the higher queue's size from fresh stats when it saw no callers enter, never stale", () => {
    const learner = learnedFrom(40, 10);
    const snapshot = (fetchedAt: number): StatsSnapshot => ({
      fetchedAt,
      queues: [{ name: 'premium-customers', fetchedAt, waitingCallers: 4 }],
    });
    const asked = (s: StatsSnapshot) =>
      estimatorWith(learner).estimate({ queue: 'customers', position: 1, snapshot: s });
    const fresh = asked(snapshot(NOW - 10_000));
    const stale = asked(snapshot(NOW - 60_000));
    expect(secondsOf(fresh)).toBeCloseTo(5 / C, 6);
    expect(secondsOf(stale)).toBeCloseTo(1 / C, 6);
  });

  it('the top queue has nobody ahead of it, whatever waits below', () => {
    const learner = learnedFrom(40, 10, 'premium-customers');
    for (const callSid of ['CA-r1', 'CA-r2']) {
      learner.callerEntered({ queue: 'customers', at: NOW - 5000, callSid });
    }
    const estimate = estimatorWith(learner).estimate({
      queue: 'premium-customers',
      position: 1,
      snapshot: undefined,
    });
    expect(secondsOf(estimate)).toBeCloseTo(1 / C, 6);
  });

  it('serves the top queue at the rate reps come free, learned from every queue', () => {
    // Premium was backlogged only five times; the regular queue's takes show how fast reps free.
    const learner = learnedFrom(40, 10);
    learnedFrom(5, 90, 'premium-customers', learner);
    const overall = learner.overallRates(NOW).serviceRate ?? 0;
    expect(overall).not.toBeCloseTo(learner.rates('premium-customers', NOW).serviceRate ?? 0, 3);
    const estimate = estimatorWith(learner).estimate({
      queue: 'premium-customers',
      position: 2,
      snapshot: undefined,
    });
    expect(secondsOf(estimate)).toBeCloseTo(2 / overall, 6);
  });

  it('a lower queue with too few takes of its own stands on the overall rate', () => {
    const learner = learnedFrom(40, 10, 'premium-customers');
    learnedFrom(3, 10, 'customers', learner);
    const estimate = estimatorWith(learner).estimate({
      queue: 'customers',
      position: 1,
      snapshot: undefined,
    });
    expect(secondsOf(estimate)).toBeCloseTo(1 / (learner.overallRates(NOW).serviceRate ?? 0), 6);
  });
});
