import { createRateLimiter } from '../../src/twilio/rate-limiter.js';

describe('createRateLimiter', () => {
  it('lets the first caller through at once and spaces the next ones 1/rate apart', async () => {
    let clock = 1_000;
    const limiter = createRateLimiter({ perSecond: 1_000, now: () => clock });
    const order: number[] = [];
    const started = performance.now();

    await Promise.all([1, 2, 3].map((n) => limiter.take().then(() => order.push(n))));

    // At 1,000/s the third waits 2 ms of real sleep: a fake "now" only moves the schedule.
    expect(order).toEqual([1, 2, 3]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(1);
    clock += 10_000; // long idle: the schedule does not bank the idle time beyond the burst
    const before = performance.now();
    await limiter.take();
    expect(performance.now() - before).toBeLessThan(50);
  });

  it('allows a burst without waiting', async () => {
    const limiter = createRateLimiter({ perSecond: 1, burst: 3 });
    const before = performance.now();
    await Promise.all([limiter.take(), limiter.take(), limiter.take()]);
    expect(performance.now() - before).toBeLessThan(500);
  });

  it('rejects a waiting caller when its signal aborts', async () => {
    const limiter = createRateLimiter({ perSecond: 0.1 });
    await limiter.take();
    const controller = new AbortController();
    const waiting = limiter.take(controller.signal);
    controller.abort(new Error('cycle over'));
    await expect(waiting).rejects.toThrow();
  });
});
