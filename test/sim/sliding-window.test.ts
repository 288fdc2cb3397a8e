import { createSlidingWindow } from '../../src/sim/sliding-window.js';

describe('a sliding window', () => {
  it('counts and sums what happened in (now − window, now]', () => {
    const window = createSlidingWindow(1000);
    window.record(0, 5);
    window.record(500, 7);
    window.record(1500, 11);

    window.advance(1000); // 0 falls out: exactly `window` ago is outside
    expect([window.count, window.sum]).toEqual([2, 18]);
    window.advance(1499);
    expect([window.count, window.sum]).toEqual([2, 18]);
    window.advance(1500);
    expect([window.count, window.sum]).toEqual([1, 11]);
    window.advance(5000);
    expect([window.count, window.sum]).toEqual([0, 0]);
  });

  it('stays exact across many records', () => {
    const window = createSlidingWindow(100);
    for (let t = 0; t < 100_000; t++) window.record(t, 1);
    window.advance(99_999);
    expect([window.count, window.sum]).toEqual([100, 100]);
  });
});
