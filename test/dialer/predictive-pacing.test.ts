import {
  predictiveCallsToDial,
  type DialDecisionInput,
} from '../../src/dialer/predictive-pacing.js';
import { abandonAllowance } from '../../src/outbound/abandonment.js';

/** Every case below is worked out by hand in its comment; slots are seconds, grace is 2. */
describe('the predictive dial decision', () => {
  /** A campaign at its target (2% of 1,000 live answers abandoned): no slack either way. */
  const atTarget = abandonAllowance(0.02, 1_000, 20);
  const decide = (input: Partial<DialDecisionInput>) =>
    predictiveCallsToDial({
      repsFree: 0,
      repsFreeing: [],
      answersComing: [],
      newCallAnswers: [0.5],
      graceSlots: 2,
      allowance: atTarget,
      maxNew: 10,
      ...input,
    });

  it('at its target, a call may add 2% of an abandon per live answer it brings', () => {
    // One rep, even odds: the first call adds no abandon, the second 1/4, over 0.02 × 0.5.
    expect(decide({ repsFree: 1 })).toBe(1);
    // Ten reps: call n adds ½ × P(10 or more of the n − 1 before it answer), allowed 0.01.
    // n = 13: (66 + 12 + 1) ÷ 4096 ≈ 0.0193, halved: dialed; n = 14: 378 ÷ 8192 ≈ 0.046: not.
    expect(decide({ repsFree: 10, maxNew: 40 })).toBe(13);
  });

  it('slack under the target raises what a call may risk, e-fold per 2 abandons', () => {
    // 2% of 1,000 is 20; 10 abandoned leaves 10 of slack: 0.02 × e⁵ ≈ 2.97, held to 0.5 per
    // answer, so 0.25 for an even-odds call. Second call: adds 0.25 (dialed); third: 0.375.
    const slack = abandonAllowance(0.02, 1_000, 10);
    expect(decide({ repsFree: 1, allowance: slack })).toBe(2);
    // A slack of 2 × ln 25 ≈ 6.44 is what a 0.5 risk takes; 6 (14 abandoned) falls just short:
    // 0.02 × e³ ≈ 0.40 per answer, 0.20 for the call, under the 0.25 it would add.
    expect(decide({ repsFree: 1, allowance: abandonAllowance(0.02, 1_000, 14) })).toBe(1);
  });

  it('all the abandons expected of the calls out stay under the cap, whatever the slack', () => {
    // 3% of 1,000 less one: 29 − 10 = 19 of cap slack; of 20 less the 19 made, none left.
    const capSpent = abandonAllowance(0.02, 1_000, 29);
    expect(capSpent.capSlack).toBe(0);
    // Budget spent: progressive, one call per rep surely free, less the calls out.
    expect(decide({ repsFree: 3, answersComing: [[0.3], [0.3]], allowance: capSpent })).toBe(1);
    // A slack of 10 but a cap slack of 0.2: the second call (E = 0.25 in all) is too many.
    const tightCap = { ...abandonAllowance(0.02, 1_000, 10), capSlack: 0.2 };
    expect(decide({ repsFree: 1, allowance: tightCap })).toBe(1);
  });

  it('progressive counts a busy rep only when surely free by the first answer, plus 2 s', () => {
    const capSpent = abandonAllowance(0.02, 10, 0); // capSlack 0.3 − 1 < 0
    // A new call is answered at 1 at the earliest: reps free by 3 count.
    const base = { allowance: capSpent, newCallAnswers: [0, 0.5] };
    expect(decide({ ...base, repsFreeing: [[0, 0, 0, 1]] })).toBe(1);
    expect(decide({ ...base, repsFreeing: [[0, 0, 0, 0, 1]] })).toBe(0);
    expect(decide({ ...base, repsFreeing: [[0, 0, 0.9]] })).toBe(0);
  });

  it('counts a busy rep by when they may be free', () => {
    // Slack enough for any risk (0.5 per answer); a call surely answered at 2; one busy rep.
    const slack = abandonAllowance(0.02, 1_000, 10);
    const sure = { allowance: slack, newCallAnswers: [0, 0, 1] };
    // Rep surely free at 4: in time for one call; the second adds a whole abandon: one call.
    expect(decide({ ...sure, repsFreeing: [[0, 0, 0, 0, 1]] })).toBe(1);
    // Rep free at 4 with 1/2: the first call adds 1/2 abandon, within 0.5 × 1.
    expect(decide({ ...sure, repsFreeing: [[0, 0, 0, 0, 0.5]] })).toBe(1);
    // Rep free only at 5: too late for an answer at 2; the call would surely abandon.
    expect(decide({ ...sure, repsFreeing: [[0, 0, 0, 0, 0, 1]] })).toBe(0);
  });

  it('never starts more than it may', () => {
    expect(decide({ repsFree: 50, maxNew: 3 })).toBe(3);
    expect(decide({ repsFree: 50, maxNew: 3, allowance: abandonAllowance(0.02, 0, 0) })).toBe(3);
  });
});
