import type { Attempt } from '../../src/outbound/attempt.js';
import { PacingModel } from '../../src/dialer/pacing-model.js';
import { PacingObserver } from '../../src/dialer/pacing-observer.js';
import { predictiveCapacity } from '../../src/dialer/predictive-capacity.js';
import { abandonBudget } from '../../src/outbound/abandonment.js';

const NOW = 1_000_000;

function attempt(fields: Partial<Attempt> & Pick<Attempt, 'id'>): Attempt {
  return {
    campaignId: 'CE1',
    contactId: fields.id.split('#')[0] ?? 'c',
    phone: '+14155550100',
    number: 1,
    state: 'live',
    claimedAt: NOW - 60_000,
    ...fields,
  };
}

/** A model that has seen 300 calls: 1 in 3 answered at 20 s, the rest no answer at 25 s. */
function trained(): PacingModel {
  const model = new PacingModel({ window: 300, priorCalls: 0 });
  for (let i = 0; i < 300; i += 1) {
    if (i % 3 === 0) model.dialSettled(true, 20_000);
    else model.dialSettled(false, 25_000);
  }
  return model;
}

describe('a predictive campaign’s calls this turn', () => {
  const decide = (input: Partial<Parameters<typeof predictiveCapacity>[0]>) =>
    predictiveCapacity({
      model: trained(),
      parkedReps: 2,
      active: [],
      counts: { connected: 0, abandoned: 0 },
      abandonTarget: 0.02,
      maxNew: 20,
      now: NOW,
      ...input,
    });

  it('the budget: the target share of live answers less abandons, never one abandon from the cap', () => {
    expect(abandonBudget(0.02, 0, 0)).toBe(-1); // nothing answered yet: no risk at all
    expect(abandonBudget(0.02, 100, 0)).toBe(2); // 2% of 100; the cap would allow 3 − 1
    expect(abandonBudget(0.02, 100, 1)).toBe(1);
    expect(abandonBudget(0.03, 100, 2)).toBe(0); // a third abandon would pass 3%
  });

  it('with no budget, one call per rep parked, less the calls out (progressive)', () => {
    const ringing = attempt({ id: 'c1#1', dialedAt: NOW - 5_000 });
    expect(decide({ active: [ringing] })).toBe(1);
  });

  it('with budget, dials past the parked reps: calls ring out unanswered two times in three', () => {
    const counts = { connected: 200, abandoned: 0 };
    expect(decide({ counts })).toBeGreaterThan(2);
  });

  it('a callee waiting in the queue needs a rep for sure; one who heard the message, none', () => {
    const waiting = attempt({ id: 'c1#1', dialedAt: NOW - 25_000, answeredAt: NOW - 1_000 });
    const abandoned = attempt({ ...waiting, id: 'c2#1', abandonedAt: NOW - 500 });
    expect(decide({ active: [waiting] })).toBe(1);
    expect(decide({ active: [abandoned] })).toBe(2);
  });
});

describe('what a campaign learns from its active attempts', () => {
  it('an attempt that left the set ended as last seen: answered or not, and its rep freed', () => {
    const observer = new PacingObserver();
    const answered = attempt({
      id: 'c1#1',
      dialedAt: NOW - 60_000,
      answeredAt: NOW - 40_000,
      connectedAt: NOW - 40_000,
    });
    const unanswered = attempt({ id: 'c2#1', dialedAt: NOW - 25_000 });
    const machine = attempt({
      id: 'c3#1',
      dialedAt: NOW - 30_000,
      answeredAt: NOW - 20_000,
      answeredBy: 'machine_start',
    });
    const neverSent = attempt({ id: 'c4#1', state: 'claimed' });
    observer.observe([answered, unanswered, machine, neverSent], NOW - 1_000);
    observer.observe([], NOW);

    // One answered of three sent, with the five answered pseudo-calls: 6 / 8.
    expect(observer.model.answerChance()).toBeCloseTo(6 / 8, 12);
    // Answered 20 s after the dial: a new dial’s answer is 20 s on (slot 2 of 10 s slots).
    expect(observer.model.answerTimeline(0, 10_000)).toEqual([0, 0, 6 / 8]);
    // The rep talked 40 s: a rep 30 s into a call is free 10 s on, surely.
    expect(observer.model.freeTimelineTalking(30_000, 5_000, 10)).toEqual([0, 0, 1]);
  });
});
