import { realWait, type Wait } from '../clock.js';

export interface RateLimiter {
  /** Resolves when the caller may send; rejects if `signal` aborts first. */
  take(signal?: AbortSignal): Promise<void>;
}

/** One named pace: a REST budget (e.g. eligibility's worker writes), at a rate with a burst. */
export interface Pace {
  /** Limiters of one name share one budget (in Redis mode, across every process). */
  readonly name: string;
  readonly perSecond: number;
  /** Requests that may go at once after a quiet spell; 1 = strictly spaced. */
  readonly burst: number;
}

/** A slot reserved: the caller sends `waitMs` from now, at `at` on the limiter's clock (ms). */
export interface PaceReservation {
  readonly waitMs: number;
  readonly at: number;
}

export interface PaceLimiter extends RateLimiter {
  /** Reserves the next free slot without waiting for it. */
  reserve(): Promise<PaceReservation>;
}

/**
 * Hands out the limiter of each pace; the same name gets the same budget (the rate and burst it
 * was first asked with).
 */
export interface Paces {
  limiter(pace: Pace): PaceLimiter;
}

/** `take` on top of `reserve`: the one way a slot is waited for, whatever keeps the budget. */
export function takeBy(
  reserve: () => Promise<PaceReservation>,
  wait: Wait = realWait,
): RateLimiter['take'] {
  return async (signal) => {
    signal?.throwIfAborted();
    const { waitMs } = await reserve();
    if (waitMs > 0) await wait(waitMs, signal);
  };
}

/**
 * Client-side pacing (Twilio's TaskRouter guidance: rate-limit on the client as well as the
 * server), in this process. Each caller reserves the next free slot when it asks (GCRA, "virtual
 * scheduling"), so callers go out in the order they asked, spaced 1/rate apart after an initial
 * burst; no timer runs while nobody waits. The Redis limiter (redis-rate-limiter.ts) runs the
 * same arithmetic in one script, on Redis's clock.
 */
export function createRateLimiter(options: {
  perSecond: number;
  burst?: number;
  now?: () => number;
  wait?: Wait;
}): PaceLimiter {
  const intervalMs = 1000 / options.perSecond;
  const burstAllowanceMs = (Math.max(1, options.burst ?? 1) - 1) * intervalMs;
  const now = options.now ?? (() => performance.now());
  // Theoretical arrival time: when the bucket would next be empty at the configured pace.
  let tat = Number.NEGATIVE_INFINITY;
  const reserve = () => {
    const at = now();
    const sendAt = Math.max(at, tat - burstAllowanceMs);
    tat = Math.max(tat, at) + intervalMs;
    return Promise.resolve({ waitMs: sendAt - at, at: sendAt });
  };
  return { reserve, take: takeBy(reserve, options.wait) };
}

/** Embedded mode: one process, so one limiter per pace name in memory is account-wide. */
export function createMemoryPaces(options: { now?: () => number; wait?: Wait } = {}): Paces {
  const limiters = new Map<string, PaceLimiter>();
  return {
    limiter(pace) {
      let limiter = limiters.get(pace.name);
      if (limiter === undefined) {
        limiter = createRateLimiter({ ...pace, ...options });
        limiters.set(pace.name, limiter);
      }
      return limiter;
    },
  };
}
