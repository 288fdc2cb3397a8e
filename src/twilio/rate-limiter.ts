import { setTimeout as sleep } from 'node:timers/promises';

export interface RateLimiter {
  /** Resolves when the caller may send; rejects if `signal` aborts first. */
  take(signal?: AbortSignal): Promise<void>;
}

/**
 * Client-side pacing (Twilio's TaskRouter guidance: rate-limit on the client as well as the
 * server). Each caller reserves the next free slot when it asks (GCRA, "virtual scheduling"),
 * so callers go out in the order they asked, spaced 1/rate apart after an initial burst; no
 * timer runs while nobody waits.
 */
export function createRateLimiter(options: {
  perSecond: number;
  burst?: number;
  now?: () => number;
  wait?: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
}): RateLimiter {
  const intervalMs = 1000 / options.perSecond;
  const burstAllowanceMs = (Math.max(1, options.burst ?? 1) - 1) * intervalMs;
  const now = options.now ?? (() => performance.now());
  const wait =
    options.wait ??
    ((ms: number, signal: AbortSignal | undefined) => sleep(ms, undefined, { signal }));
  // Theoretical arrival time: when the bucket would next be empty at the configured pace.
  let tat = Number.NEGATIVE_INFINITY;
  return {
    async take(signal) {
      signal?.throwIfAborted();
      const at = now();
      const sendAt = Math.max(at, tat - burstAllowanceMs);
      tat = Math.max(tat, at) + intervalMs;
      if (sendAt > at) await wait(sendAt - at, signal);
    },
  };
}
