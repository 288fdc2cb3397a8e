import { createTokenBucket } from '../../src/emulator/rate-limit.js';

describe('the token bucket', () => {
  function bucketAt(requestsPerSecond: number, burst: number) {
    let now = 0;
    const bucket = createTokenBucket({ requestsPerSecond, burst, now: () => now });
    return { take: () => bucket.take(), advance: (ms: number) => (now += ms) };
  }

  it('lets a burst through at once, then refuses with the wait until the next token', () => {
    const bucket = bucketAt(2, 3);

    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([
      { allowed: true },
      { allowed: true },
      { allowed: true },
    ]);
    expect(bucket.take()).toEqual({ allowed: false, retryAfterMs: 500 });
  });

  it('refills at the rate, never above the burst', () => {
    const bucket = bucketAt(2, 2);
    bucket.take();
    bucket.take();

    bucket.advance(250);
    expect(bucket.take()).toEqual({ allowed: false, retryAfterMs: 250 });
    bucket.advance(250);
    expect(bucket.take()).toEqual({ allowed: true });

    bucket.advance(60_000);
    expect([bucket.take(), bucket.take(), bucket.take()].map((r) => r.allowed)).toEqual([
      true,
      true,
      false,
    ]);
  });
});
