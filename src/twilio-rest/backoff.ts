/**
 * How often and how patiently a Twilio REST call is retried. Only 429, 5xx and network
 * failures are retried (anything else is an answer that another try will not change).
 */
export interface RetryPolicy {
  /** Attempts after the first. 0 = never retry. */
  readonly retryLimit: number;
  readonly minBackoffMs: number;
  readonly maxBackoffMs: number;
}

/**
 * Exponential backoff with full jitter: the wait before retry `attempt` (1-based) is uniform
 * between the minimum and min(max, min·2^(attempt-1)). Jitter spreads the retries of many
 * concurrent calls that failed together (a rate-limit burst), instead of firing them again in
 * lockstep; the floor keeps a retry from landing immediately on a server that just refused.
 */
export function backoffDelayMs(
  attempt: number,
  policy: Pick<RetryPolicy, 'minBackoffMs' | 'maxBackoffMs'>,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(
    policy.maxBackoffMs,
    policy.minBackoffMs * 2 ** Math.max(0, attempt - 1),
  );
  return policy.minBackoffMs + random() * Math.max(0, ceiling - policy.minBackoffMs);
}

/**
 * Retry-After as Twilio (and HTTP) send it: delta-seconds or an HTTP-date. undefined when
 * absent or unreadable; never negative.
 */
export function parseRetryAfterMs(header: unknown, now: number): number | undefined {
  const value = Array.isArray(header) ? (header[0] as unknown) : header;
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value).trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // An HTTP-date names its day and zone; Date.parse alone would take "-3" as a year.
  const date = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
