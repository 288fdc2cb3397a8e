import { promisedSeconds, scorePromises } from '../../bench/accuracy/promise.js';
import type { CallbackOutcome } from '../../src/sim/callback-center-result.js';

describe('the callback promise, as the benchmark scores it', () => {
  it('stands for the minutes the caller hears, rounded as the app words them', () => {
    expect(promisedSeconds(487)).toBe(480); // "in about 8 minutes"
    expect(promisedSeconds(130)).toBe(120); // "in about 2 minutes"
    expect(promisedSeconds(696)).toBe(600); // 12 minutes, said in steps of five: "about 10"
    expect(promisedSeconds(3700)).toBe(3600); // "in more than an hour"
  });

  it('scores what was said against the first dial and the answer, on reported callbacks only', () => {
    const callback = (over: Partial<CallbackOutcome>): CallbackOutcome => ({
      id: 'cb-1',
      reported: true,
      enteredAt: 0,
      offeredAt: 1000,
      promised: { holdline: 487, oracle: 500 },
      dials: [1000 + 540_000],
      answeredAt: 1000 + 600_000,
      state: 'connected',
      ...over,
    });
    const score = scorePromises([callback({}), callback({ id: 'cb-2', reported: false })]);

    expect(score['holdline said'].dial).toEqual({
      callbacks: 1,
      meanActual: 540,
      mae: 60,
      bias: -60,
      withinMinute: 1,
      withinQuarter: 1,
    });
    expect(score['holdline said'].answer).toMatchObject({ mae: 120, bias: -120, withinMinute: 0 });
    expect(score['holdline raw'].dial).toMatchObject({ mae: 53, bias: -53 });
    expect(score['oracle said'].dial).toMatchObject({ mae: 60, bias: -60 }); // 500 s: "8 minutes"
  });
});
