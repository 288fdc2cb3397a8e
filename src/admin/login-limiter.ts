import type { Clock } from '../clock.js';

export interface LoginLimiter {
  /** Seconds until `client` may try again; 0 = it may try now. */
  retryAfterSeconds(client: string): number;
  recordFailure(client: string): void;
  recordSuccess(client: string): void;
}

/**
 * At most `maxFailures` wrong tokens per client (IP) per window, in this process's memory: it
 * blunts guessing (a 128-bit token cannot be guessed anyway; a short one typed by a human can),
 * not a distributed attack, and needs no store. Bounded: when full, the oldest client is
 * forgotten.
 */
export function createLoginLimiter(
  clock: Clock,
  options: { maxFailures: number; windowSeconds: number; maxClients?: number } = {
    maxFailures: 10,
    windowSeconds: 60,
  },
): LoginLimiter {
  const windowMs = options.windowSeconds * 1000;
  const maxClients = options.maxClients ?? 10_000;
  /** client → failures in its current window, and when that window started. */
  const failures = new Map<string, { count: number; since: number }>();

  const current = (client: string, now: number) => {
    const entry = failures.get(client);
    if (entry !== undefined && now - entry.since >= windowMs) {
      failures.delete(client);
      return undefined;
    }
    return entry;
  };

  return {
    retryAfterSeconds(client) {
      const now = clock.now();
      const entry = current(client, now);
      if (entry === undefined || entry.count < options.maxFailures) return 0;
      return Math.max(1, Math.ceil((entry.since + windowMs - now) / 1000));
    },
    recordFailure(client) {
      const now = clock.now();
      const entry = current(client, now);
      if (entry !== undefined) {
        entry.count += 1;
        return;
      }
      if (failures.size >= maxClients) {
        const oldest = failures.keys().next();
        if (oldest.done !== true) failures.delete(oldest.value);
      }
      failures.set(client, { count: 1, since: now });
    },
    recordSuccess(client) {
      failures.delete(client);
    },
  };
}
