import {
  addChances,
  expectedExcess,
  predictiveCallsToDial,
  type DialDecisionInput,
} from '../../src/dialer/predictive-pacing.js';

/** Every case below is worked out by hand in its comment. */
describe('the predictive dial decision', () => {
  const decide = (input: Partial<DialDecisionInput>) =>
    predictiveCallsToDial({
      repsFree: 0,
      busyRepsFreeChances: [],
      outstandingAnswerChances: [],
      newCallAnswerChance: 0.5,
      abandonBudget: 0,
      maxNew: 10,
      ...input,
    });

  it('adds independent chances into the distribution of a count', () => {
    expect(addChances([1], [0.5, 0.5])).toEqual([0.25, 0.5, 0.25]);
    expect(addChances([0, 1], [1])).toEqual([0, 0, 1]);
  });

  it('expects the excess of answers over reps, not the difference of the means', () => {
    // X ∈ {0, 1, 2} with 1/4, 1/2, 1/4; Y = 1: only X = 2 leaves one person unserved.
    expect(expectedExcess([0.25, 0.5, 0.25], [0, 1])).toBeCloseTo(0.25, 12);
    // Means level (1 and 1), yet abandons are expected: what a mean-only rule misses.
    // Y = 0 (1/2): X = 1 gives 1/2 × 1/2 × 1, X = 2 gives 1/4 × 1/2 × 2; Y = 2 gives none: 0.5.
    expect(expectedExcess([0.25, 0.5, 0.25], [0.5, 0, 0.5])).toBeCloseTo(0.5, 12);
  });

  it('one rep free, even odds: a second call is worth it only with a quarter of an abandon to spend', () => {
    // One call: at most one answer, one rep: E = 0. Two calls: P(2 answers) = 1/4, E = 0.25.
    // Three: P(2) = 3/8 → 1, P(3) = 1/8 → 2: E = 0.625.
    expect(decide({ repsFree: 1, abandonBudget: 0.1 })).toBe(1);
    expect(decide({ repsFree: 1, abandonBudget: 0.25 })).toBe(2);
    expect(decide({ repsFree: 1, abandonBudget: 0.6 })).toBe(2);
    expect(decide({ repsFree: 1, abandonBudget: 0.625 })).toBe(3);
  });

  it('counts the calls already ringing', () => {
    // One ringing at 1/2 and one rep: a new call makes it Bin(2, 1/2), E = 0.25; another, 0.625.
    expect(decide({ repsFree: 1, outstandingAnswerChances: [0.5], abandonBudget: 0.25 })).toBe(1);
    expect(decide({ repsFree: 1, outstandingAnswerChances: [0.5], abandonBudget: 0.2 })).toBe(0);
  });

  it('counts a busy rep by the chance they are free in time', () => {
    // No rep free, one busy rep free in time with 1/2, a call that surely answers:
    // one call: E = 1/2 × 1 = 0.5; two: 1/2 × 2 + 1/2 × 1 = 1.5.
    const busy = { busyRepsFreeChances: [0.5], newCallAnswerChance: 1 };
    expect(decide({ ...busy, abandonBudget: 0.5 })).toBe(1);
    expect(decide({ ...busy, abandonBudget: 1.4 })).toBe(1);
    expect(decide({ ...busy, abandonBudget: 1.5 })).toBe(2);
  });

  it('with the budget spent, dials progressively: one call per rep surely free, minus calls out', () => {
    expect(decide({ repsFree: 3, outstandingAnswerChances: [0.3, 0.3] })).toBe(1);
    expect(decide({ repsFree: 3, busyRepsFreeChances: [1, 0.9] })).toBe(4);
    expect(decide({ repsFree: 1, outstandingAnswerChances: [0.3, 0.3] })).toBe(0);
  });

  it('never starts more than it may', () => {
    expect(decide({ repsFree: 50, abandonBudget: 1, maxNew: 3 })).toBe(3);
    expect(decide({ repsFree: 50, maxNew: 3 })).toBe(3);
  });
});
