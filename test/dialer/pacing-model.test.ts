import { PacingModel } from '../../src/dialer/pacing-model.js';

/** Every expectation worked out by hand from the calls fed in. */
describe('what the predictive pacer learns of a campaign', () => {
  it('starts cautious: with no calls seen, every dial is taken to be answered', () => {
    const model = new PacingModel();
    expect(model.answerChance()).toBe(1);
    expect(model.answerMs(0.25)).toBeUndefined();
    expect(model.freeChanceTalking(0, 60_000)).toBe(0);
    expect(model.freeChanceWrapping(0, 60_000)).toBe(0);
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
    expect(model.answerChanceAfter(15_000)).toBeCloseTo(1 / 3, 12);
    // Rung 22 s: no answer lasts that long → 0.
    expect(model.answerChanceAfter(22_000)).toBe(0);
    expect(model.answerChanceAfter(0)).toBeCloseTo(1 / 2, 12);
  });

  it('answer-time quantiles, and a busy rep’s chance to be free from the calls that lasted longer', () => {
    const model = new PacingModel({ window: 100, priorCalls: 0 });
    for (const ms of [8_000, 12_000, 16_000, 20_000]) model.dialSettled(true, ms);
    expect(model.answerMs(0.25)).toBe(12_000);
    expect(model.answerMs(0)).toBe(8_000);
    for (const ms of [60_000, 120_000, 180_000, 240_000]) model.repFreed(ms, 30_000);
    // Talking 100 s: talks lasting longer are 120, 180, 240 s, free at 150, 210, 270 s;
    // within 110 s more (≤ 210 s): 2 of 3.
    expect(model.freeChanceTalking(100_000, 110_000)).toBeCloseTo(2 / 3, 12);
    // Talking longer than every call seen: nothing to go by, so not counted on.
    expect(model.freeChanceTalking(300_000, 60_000)).toBe(0);
    // In wrap-up for 20 s of every call's 30 s: free within 10 s more, surely; within 5 s, no.
    expect(model.freeChanceWrapping(20_000, 10_000)).toBe(1);
    expect(model.freeChanceWrapping(20_000, 5_000)).toBe(0);
  });
});
