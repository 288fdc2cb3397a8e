import type { Redis, RedisOptions } from 'ioredis';

export interface FailFastSettings {
  /** A command that has not answered by then fails ("Command timed out"). Default 1000. */
  readonly commandTimeoutMs?: number;
  /** Longest pause between reconnection attempts. Default 2000. */
  readonly maxBackoffMs?: number;
  /** How long one connection attempt may take. Default 2000. */
  readonly connectTimeoutMs?: number;
}

/**
 * Options for every Redis connection holdline opens. While Redis is away a command fails at
 * once (no offline queue) or within `commandTimeoutMs` (a stalled server), never later: a
 * readiness probe must say "not ready" now, and a lock renewal that could not reach Redis must
 * count as failed rather than succeed a minute late. Reconnection goes on by itself with a
 * capped, jittered exponential backoff.
 */
export function failFastRedisOptions(settings: FailFastSettings = {}): RedisOptions {
  const maxBackoffMs = settings.maxBackoffMs ?? 2000;
  return {
    enableOfflineQueue: false,
    commandTimeout: settings.commandTimeoutMs ?? 1000,
    connectTimeout: settings.connectTimeoutMs ?? 2000,
    // A command cut off by a dropped connection fails at once instead of being re-sent after
    // the reconnect; every caller here retries on its own schedule (refresh timer, lock loop).
    maxRetriesPerRequest: 0,
    // After a reconnect ioredis would re-send SUBSCRIBE itself and drop the promise: when that
    // command fails (the link drops again, or is closed, before Redis answers) nobody catches
    // it, and the process dies of an unhandled rejection. Subscribers renew their channels
    // themselves on 'ready' (createSubscription), where a failure is caught and logged.
    autoResubscribe: false,
    retryStrategy: (attempt: number) =>
      Math.min(50 * 2 ** Math.min(attempt - 1, 16), maxBackoffMs) + Math.floor(Math.random() * 50),
  };
}

/**
 * Stores and the lock take connections their caller owns; one that would queue commands while
 * disconnected, or wait forever for an answer, is refused here rather than discovered during an
 * outage.
 */
export function requireFailFast(redis: Redis, user: string): void {
  const { enableOfflineQueue, commandTimeout } = redis.options;
  const problems = [
    ...(enableOfflineQueue === false ? [] : ['enableOfflineQueue must be false']),
    ...(typeof commandTimeout === 'number' && commandTimeout > 0
      ? []
      : ['commandTimeout must be set']),
  ];
  if (problems.length > 0) {
    throw new Error(
      `${user} needs a fail-fast Redis connection (${problems.join(', ')}); create it with failFastRedisOptions()`,
    );
  }
}

/**
 * A fail-fast connection refuses commands until it is connected, also right after it was
 * created. While a connection is being made this waits for it, at most one commandTimeout, so
 * a store can be used as soon as it is built; while it is known to be down (between
 * reconnection attempts) it does not wait, and the command fails at once.
 */
export function untilReady(redis: Redis, ms = redis.options.commandTimeout ?? 1000): Promise<void> {
  if (redis.status === 'wait') redis.connect().catch(() => undefined); // lazyConnect
  if (!['wait', 'connecting', 'connect'].includes(redis.status)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off('ready', done);
      redis.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    redis.on('ready', done);
    redis.on('close', done);
  });
}
