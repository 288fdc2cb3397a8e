import { createRateLimiter } from '../../src/twilio-rest/rate-limiter.js';

/** A limiter on a clock the test moves, recording each wait it asks for instead of sleeping. */
function limiterAt(options: { perSecond: number; burst?: number }) {
  let clock = 0;
  const waits: number[] = [];
  const limiter = createRateLimiter({
    ...options,
    now: () => clock,
    wait: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
  });
  return { limiter, waits, advance: (ms: number) => (clock += ms) };
}

describe('createRateLimiter', () => {
  it('lets the first caller through at once and spaces the next ones 1/rate apart, in order', async () => {
    const { limiter, waits } = limiterAt({ perSecond: 10 });
    await Promise.all([limiter.take(), limiter.take(), limiter.take()]);
    expect(waits).toEqual([100, 200]);
  });

  it('does not bank idle time beyond the burst', async () => {
    const { limiter, waits, advance } = limiterAt({ perSecond: 10 });
    await limiter.take();
    advance(60_000);
    await Promise.all([limiter.take(), limiter.take()]);
    expect(waits).toEqual([100]);
  });

  it('allows a burst at once, then paces', async () => {
    const { limiter, waits } = limiterAt({ perSecond: 10, burst: 3 });
    await Promise.all([1, 2, 3, 4].map(() => limiter.take()));
    expect(waits).toEqual([100]);
  });

  it('rejects a waiting caller when its signal aborts (real timers)', async () => {
    const limiter = createRateLimiter({ perSecond: 0.1 });
    await limiter.take();
    const controller = new AbortController();
    const waiting = limiter.take(controller.signal);
    controller.abort(new Error('cycle over'));
    await expect(waiting).rejects.toThrow();
  });

  it('rejects at once when the signal has already aborted', async () => {
    const { limiter, waits } = limiterAt({ perSecond: 10 });
    await expect(limiter.take(AbortSignal.abort(new Error('late')))).rejects.toThrow('late');
    expect(waits).toEqual([]);
  });
});
