import { backoffDelayMs, parseRetryAfterMs } from '../../src/twilio-rest/backoff.js';

const policy = { minBackoffMs: 100, maxBackoffMs: 1_000 };

describe('backoffDelayMs', () => {
  it('is the minimum when the jitter draws 0, whatever the attempt', () => {
    for (const attempt of [1, 2, 5, 20]) expect(backoffDelayMs(attempt, policy, () => 0)).toBe(100);
  });

  it('doubles its ceiling per attempt until the maximum', () => {
    const ceiling = (attempt: number) => backoffDelayMs(attempt, policy, () => 1);
    expect([1, 2, 3, 4, 5, 6].map(ceiling)).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('spreads uniformly between the minimum and the ceiling (full jitter)', () => {
    expect(backoffDelayMs(3, policy, () => 0.5)).toBe(250);
  });

  it('never exceeds the maximum, even for absurd attempt numbers', () => {
    expect(backoffDelayMs(5_000, policy, () => 0.999)).toBeLessThanOrEqual(1_000);
  });
});

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2026-11-23T10:00:00Z');

  it('reads delta-seconds', () => {
    expect(parseRetryAfterMs('2', now)).toBe(2_000);
    expect(parseRetryAfterMs(' 0.5 ', now)).toBe(500);
    expect(parseRetryAfterMs(3, now)).toBe(3_000);
  });

  it('reads an HTTP-date as the time left until it, never negative', () => {
    expect(parseRetryAfterMs('Mon, 23 Nov 2026 10:00:05 GMT', now)).toBe(5_000);
    expect(parseRetryAfterMs('Mon, 23 Nov 2026 09:59:00 GMT', now)).toBe(0);
  });

  it('reads the first of repeated headers', () => {
    expect(parseRetryAfterMs(['1', '9'], now)).toBe(1_000);
  });

  it('ignores what it cannot read', () => {
    for (const value of [undefined, '', 'soon', '-3', {}]) {
      expect(parseRetryAfterMs(value, now)).toBeUndefined();
    }
  });
});
