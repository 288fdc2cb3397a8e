import { PacingModel } from '../../src/dialer/pacing-model.js';

/** Every expectation worked out by hand from the calls fed in. */
describe('what the predictive pacer learns of a campaign', () => {
  it('starts cautious: with no calls seen, every dial is taken to be answered', () => {
    const model = new PacingModel();
    expect(model.answerChance()).toBe(1);
    expect(model.answerTimeline(0, 1_000)).toEqual([1]); // answered at once: the cautious guess
    expect(model.freeTimelineTalking(0, 1_000, 60)).toEqual([]);
    expect(model.freeTimelineWrapping(0, 1_000)).toEqual([]);
  });

  it('learns the answer chance, the prior fading as calls come', () => {
    const model = new PacingModel({ window: 100, priorCalls: 2 });
    // 1 answered of 4, plus 2 answered pseudo-calls: 3 / 6.
    model.dialSettled(true, 10_000);
    for (let i = 0; i < 3; i += 1) model.dialSettled(false, 25_000);
    expect(model.answerChance()).toBeCloseTo(3 / 6, 12);
  });

  it('forgets calls older than its window', () => {
    const model = new PacingModel({ window: 2, priorCalls: 0 });
    model.dialSettled(true, 10_000);
    model.dialSettled(false, 25_000);
    model.dialSettled(false, 25_000);
    expect(model.answerChance()).toBe(0);
  });

  it('a call still ringing is less likely answered the longer it rings (Bayes on ring times)', () => {
    const model = new PacingModel({ window: 100, priorCalls: 0 });
    // Answers at 10 s and 20 s; non-answers (no answer at the 25 s timeout) twice.
    model.dialSettled(true, 10_000);
    model.dialSettled(true, 20_000);
    model.dialSettled(false, 25_000);
    model.dialSettled(false, 25_000);
    // p = 1/2. Rung 15 s: answers lasting past it 1/2, non-answers 2/2 →
    // (1/2 × 1/2) / (1/2 × 1/2 + 1/2 × 1) = 1/3.
    const chance = (ringingMs: number) =>
      model.answerTimeline(ringingMs, 1_000).reduce((sum, p) => sum + p, 0);
    expect(chance(15_000)).toBeCloseTo(1 / 3, 12);
    // Rung 22 s: no answer lasts that long → 0.
    expect(chance(22_000)).toBe(0);
    expect(chance(0)).toBeCloseTo(1 / 2, 12);
  });

  it('spreads a ringing call’s chance over the slots its answer may come in', () => {
    const model = new PacingModel({ window: 100, priorCalls: 0 });
    // Answers at 10 s and 20 s; two no-answers at 25 s: p = 1/2.
    model.dialSettled(true, 10_000);
    model.dialSettled(true, 20_000);
    model.dialSettled(false, 25_000);
    model.dialSettled(false, 25_000);
    // Dialed now: 1/4 in the slot 10 s on, 1/4 in the slot 20 s on (5 s slots: 2 and 4).
    expect(model.answerTimeline(0, 5_000)).toEqual([0, 0, 0.25, 0, 0.25]);
    // Rung 15 s: chance 1/3 (above), all of it at 20 s: 5 s on, slot 1 of 5 s slots.
    const later = model.answerTimeline(15_000, 5_000);
    expect(later).toHaveLength(2);
    expect(later[0]).toBe(0);
    expect(later[1]).toBeCloseTo(1 / 3, 12);
  });

  it('when a busy rep is free, from the calls that lasted longer', () => {
    const model = new PacingModel({ window: 100, priorCalls: 0 });
    for (const ms of [60_000, 120_000, 180_000, 240_000]) model.repFreed(ms, 30_000);
    // Talking 100 s: talks lasting longer are 120, 180, 240 s, free at 150, 210, 270 s: 50,
    // 110 and 170 s on, a third each; in 60 s slots, slots 0 (50 s) and 1 (110 s); within 2
    // slots (120 s), the third is past the horizon.
    const talking = model.freeTimelineTalking(100_000, 60_000, 2);
    expect(talking).toHaveLength(2);
    expect(talking[0]).toBeCloseTo(1 / 3, 12);
    expect(talking[1]).toBeCloseTo(1 / 3, 12);
    // Talking longer than every call seen: nothing to go by, so not counted on.
    expect(model.freeTimelineTalking(300_000, 1_000, 60)).toEqual([]);
    // In wrap-up for 20 s of every call's 30 s: free 10 s on, surely (slot 2 of 5 s slots).
    expect(model.freeTimelineWrapping(20_000, 5_000)).toEqual([0, 0, 1]);
  });
});
