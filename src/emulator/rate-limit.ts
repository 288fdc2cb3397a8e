export interface TokenBucketOptions {
  readonly requestsPerSecond: number;
  /** Tokens the bucket holds when full: how many requests may arrive at once. */
  readonly burst: number;
  /** Milliseconds from any fixed origin; a monotonic clock in production. */
  readonly now: () => number;
}

export type TakeResult =
  { readonly allowed: true } | { readonly allowed: false; readonly retryAfterMs: number };

export interface TokenBucket {
  take(): TakeResult;
}

/**
 * A token bucket, as Twilio's per-account limits behave: `burst` requests at once, then one per
 * 1/rate seconds. A refusal says how long until the next token, which becomes Retry-After.
 */
export function createTokenBucket(options: TokenBucketOptions): TokenBucket {
  const { requestsPerSecond, burst, now } = options;
  let tokens = burst;
  let updatedAt = now();
  return {
    take() {
      const at = now();
      tokens = Math.min(burst, tokens + ((at - updatedAt) / 1000) * requestsPerSecond);
      updatedAt = at;
      if (tokens >= 1) {
        tokens -= 1;
        return { allowed: true };
      }
      return { allowed: false, retryAfterMs: ((1 - tokens) / requestsPerSecond) * 1000 };
    },
  };
}
