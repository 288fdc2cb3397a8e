import { createQueueLearner } from '../../src/wait-time/queue-learner.js';
import type { QueueEvent } from '../../src/wait-time/queue-events.js';

const T0 = Date.parse('2026-11-23T10:00:00Z');
const at = (seconds: number) => T0 + seconds * 1000;
/** A half-life so long that nothing decays within a test: the plain maximum-likelihood rates. */
const NO_DECAY = { halfLifeSeconds: 1e12 };

const left = (
  seconds: number,
  outcome: QueueEvent['outcome'],
  waitSeconds: number,
  callSid?: string,
): QueueEvent => ({ queue: 'customers', outcome, waitSeconds, at: at(seconds), callSid });

describe('the queue learner', () => {
  it('knows nothing about a queue it has not seen', () => {
    const learner = createQueueLearner(NO_DECAY);
    expect(learner.rates('customers', at(0))).toEqual({
      serviceRate: undefined,
      abandonmentRate: 0,
      servicesObserved: 0,
      busySeconds: 0,
    });
    expect(learner.waiting('customers')).toBeUndefined();
  });

  it('c = takes after waiting ÷ time somebody waited; θ = hang-ups ÷ all time spent waiting', () => {
    const learner = createQueueLearner(NO_DECAY);
    learner.callerLeft(left(10, 'served', 10)); // waited [0, 10]
    learner.callerLeft(left(20, 'served', 15)); // waited [5, 20]
    learner.callerLeft(left(30, 'abandoned', 5)); // waited [25, 30]
    learner.callerLeft(left(40, 'served', 0.5)); // found an agent free: not a take from a backlog
    const rates = learner.rates('customers', at(40));
    // Busy: [0, 20] ∪ [25, 30] = 25 s; takes from the backlog: 2.
    expect(rates.busySeconds).toBeCloseTo(25, 6);
    expect(rates.servicesObserved).toBeCloseTo(2, 9);
    expect(rates.serviceRate).toBeCloseTo(2 / 25, 9);
    // Waiting: 10 + 15 + 5 + 0.5 = 30.5 person-seconds, 1 hang-up.
    expect(rates.abandonmentRate).toBeCloseTo(1 / 30.5, 9);
  });

  it('takes within freeAgentSeconds count as an agent found free, however it is set', () => {
    const strict = createQueueLearner({ ...NO_DECAY, freeAgentSeconds: 3 });
    const lenient = createQueueLearner({ ...NO_DECAY, freeAgentSeconds: 1 });
    for (const learner of [strict, lenient]) {
      learner.callerLeft(left(10, 'served', 10)); // waited [0, 10]
      learner.callerLeft(left(12, 'served', 2)); // waited [10, 12]
    }
    expect(strict.rates('customers', at(12)).serviceRate).toBeCloseTo(1 / 10, 9);
    expect(lenient.rates('customers', at(12)).serviceRate).toBeCloseTo(2 / 12, 9);
  });

  it('callers taken out of the queue (left) count with those who gave up', () => {
    const learner = createQueueLearner(NO_DECAY);
    learner.callerLeft(left(10, 'served', 10));
    learner.callerLeft(left(12, 'left', 10));
    expect(learner.rates('customers', at(12)).abandonmentRate).toBeCloseTo(1 / 20, 9);
  });

  it('a caller who left for a callback is not counted as lost, though their wait is', () => {
    const learner = createQueueLearner(NO_DECAY);
    learner.callerLeft(left(10, 'served', 10));
    learner.callerLeft(left(12, 'callback', 10));
    expect(learner.rates('customers', at(12)).abandonmentRate).toBe(0);
    learner.callerLeft(left(14, 'abandoned', 2));
    expect(learner.rates('customers', at(14)).abandonmentRate).toBeCloseTo(1 / 22, 9);
  });

  it('a callback a rep took is one more service, off the line: no count, no exposure to leaving', () => {
    const learner = createQueueLearner(NO_DECAY);
    learner.callerEntered({ queue: 'customers', at: at(0), callSid: 'CA1' });
    learner.callerLeft(left(12, 'callback', 12, 'CA1')); // waited [0, 12], then off the line
    learner.callerEntered({ queue: 'customers', at: at(5), callSid: 'CA2' });
    learner.callerLeft(left(40, 'callback-taken', 30, 'CAcallee')); // requested at 10, taken at 40
    const rates = learner.rates('customers', at(40));
    // Busy: [0, 12] ∪ [10, 40] = 40 s, one service (the callback); waiting only the line's 12 s.
    expect(rates.busySeconds).toBeCloseTo(40, 6);
    expect(rates.servicesObserved).toBeCloseTo(1, 9);
    expect(rates.serviceRate).toBeCloseTo(1 / 40, 9);
    expect(rates.abandonmentRate).toBe(0);
    // CA2 still waits: the callee's take counts nobody out of the line.
    expect(learner.waiting('customers')).toBe(1);
  });

  it('weighs the past down by half each half-life, leaving the rate of a steady queue as it was', () => {
    const halfLifeSeconds = 60;
    const tau = halfLifeSeconds / Math.LN2;
    const learner = createQueueLearner({ halfLifeSeconds });
    learner.callerLeft(left(0, 'served', 10)); // waited [-10, 0]
    const busyAtZero = tau * (1 - Math.exp(-10 / tau));
    const now = learner.rates('customers', at(0));
    expect(now.servicesObserved).toBeCloseTo(1, 12);
    expect(now.busySeconds).toBeCloseTo(busyAtZero, 9);

    const later = learner.rates('customers', at(60));
    expect(later.servicesObserved).toBeCloseTo(0.5, 12);
    expect(later.busySeconds).toBeCloseTo(busyAtZero / 2, 9);
    expect(later.serviceRate).toBeCloseTo(1 / busyAtZero, 9);
  });

  it('recent takes outweigh old ones: after staffing doubles, c follows within a few half-lives', () => {
    const learner = createQueueLearner({ halfLifeSeconds: 300 });
    // A queue never empty: one take every 4 s for an hour, then one every 2 s for half an hour.
    let t = 0;
    for (; t < 3600; t += 4) learner.callerLeft(left(t + 4, 'served', 30));
    expect(learner.rates('customers', at(t)).serviceRate).toBeCloseTo(0.25, 2);
    for (const end = t + 1800; t < end; t += 2) learner.callerLeft(left(t + 2, 'served', 30));
    const rate = learner.rates('customers', at(t)).serviceRate ?? 0;
    expect(rate).toBeGreaterThan(0.49);
    expect(rate).toBeLessThan(0.51);
  });

  it('reading changes nothing: learners fed the same events agree exactly, however often asked', () => {
    const asked = createQueueLearner({ halfLifeSeconds: 300 });
    const left_ = createQueueLearner({ halfLifeSeconds: 300 });
    for (let n = 1; n <= 50; n += 1) {
      for (const learner of [asked, left_]) learner.callerLeft(left(n * 7, 'served', 20 + (n % 5)));
      asked.rates('customers', at(n * 7 + 3)); // a webhook asking between two events
    }
    expect(asked.rates('customers', at(400))).toEqual(left_.rates('customers', at(400)));
  });

  it("counts the callers in each queue, and takes Twilio's count when it sees one", () => {
    const learner = createQueueLearner(NO_DECAY);
    for (const callSid of ['CA1', 'CA2', 'CA3']) {
      learner.callerEntered({ queue: 'customers', at: at(0), callSid });
    }
    learner.callerLeft(left(5, 'served', 5, 'CA1'));
    learner.callerDropped({ queue: 'customers', callSid: 'CA2' });
    expect(learner.waiting('customers')).toBe(1);
    expect(learner.waiting('premium-customers')).toBeUndefined();
    learner.queueSizeObserved({ queue: 'premium-customers', size: 4, at: at(6) });
    expect(learner.waiting('premium-customers')).toBe(4);
  });

  it("places a wait reported when the call ended from the caller's entry, not from the report", () => {
    const late = createQueueLearner(NO_DECAY);
    const atTake = createQueueLearner(NO_DECAY);
    for (const learner of [late, atTake]) {
      learner.callerEntered({ queue: 'customers', at: at(0), callSid: 'CA1' });
      learner.callerEntered({ queue: 'customers', at: at(5), callSid: 'CA2' });
    }
    // Taken at 20 and 30; their calls end at 320 and 330, when Twilio reports them.
    atTake.callerLeft(left(20, 'served', 20, 'CA1'));
    atTake.callerLeft(left(30, 'served', 25, 'CA2'));
    late.callerLeft({ ...left(320, 'served', 20, 'CA1'), reportedAfterCall: true });
    late.callerLeft({ ...left(330, 'served', 25, 'CA2'), reportedAfterCall: true });
    expect(late.rates('customers', at(330)).serviceRate).toBeCloseTo(2 / 30, 9);
    expect(late.rates('customers', at(330))).toEqual(atTake.rates('customers', at(330)));
    expect(late.waiting('customers')).toBe(0);
  });

  it('learns nothing from a late report of a caller it never saw enter, but counts them out', () => {
    const learner = createQueueLearner(NO_DECAY);
    learner.queueSizeObserved({ queue: 'customers', size: 1, at: at(0) });
    learner.callerLeft({ ...left(300, 'served', 20, 'CA1'), reportedAfterCall: true });
    expect(learner.rates('customers', at(300)).servicesObserved).toBe(0);
    expect(learner.waiting('customers')).toBe(0);
  });

  it('learns over all queues at once how fast reps come free while anybody waits', () => {
    const learner = createQueueLearner(NO_DECAY);
    learner.callerLeft({ ...left(10, 'served', 10), queue: 'premium-customers' }); // [0, 10]
    learner.callerLeft(left(20, 'served', 15)); // [5, 20]
    learner.callerLeft(left(40, 'served', 10)); // [30, 40]
    expect(learner.overallRates(at(40)).serviceRate).toBeCloseTo(3 / 30, 9);
    expect(learner.rates('premium-customers', at(40)).serviceRate).toBeCloseTo(1 / 10, 9);
    expect(learner.rates('customers', at(40)).serviceRate).toBeCloseTo(2 / 25, 9);
  });
});
